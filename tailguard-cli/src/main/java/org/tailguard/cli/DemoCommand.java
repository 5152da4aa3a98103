package org.tailguard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tailguard.models.ModelFamilies;
import org.tailguard.monitor.Monitor;
import org.tailguard.monitor.MonitorDemo;
import org.tailguard.monitor.Warning;
import org.tailguard.report.DemoReport;
import org.tailguard.report.DemoReport.Claim;
import org.tailguard.report.Reports;
import org.tailguard.report.SeedTable;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.spec.SpecLoader;
import org.tailguard.store.Run;
import org.tailguard.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tailguard demo}: runs the bundled experiments, checks the published claims, writes the reports. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs the default experiments on built-in data, prints the reproduction table",
        "(measured vs published formula) and writes an HTML report with every curve."})
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--quick", description = "Fewer chains and generations (a few seconds; for smoke tests).")
  boolean quick;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
  Integer threads;

  @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto", description = "auto, bar, lines or none.")
  Progress.Mode progress;

  @Mixin
  DataOptions data;

  @Spec
  CommandSpec cmd;

  static final int QUICK_CHAINS = 200;
  static final int QUICK_GENERATIONS = 40;

  @Override
  public Integer call() throws Exception {
    var out = cmd.commandLine().getOut();
    var err = cmd.commandLine().getErr();
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    ModelFamilies families = ModelFamilies.discover();
    SpecLoader loader = families.specLoader();
    Path demoDir = data.ensureDir().resolve("demo");
    List<Claim> claims = new ArrayList<>();
    List<DemoReport.Section> sections = new ArrayList<>();
    List<Run> textRuns = null;
    long t0 = System.nanoTime();
    try (RunStore store = RunStore.openForWriting(data.storeFile())) {
      ExperimentRunner runner = new ExperimentRunner(families, data, store, t, new Progress(progress, err),
          List.of("demo" + (quick ? " --quick" : "")));
      for (DemoPlan.Group group : DemoPlan.groups()) {
        Map<String, Run> runs = new LinkedHashMap<>();
        for (String file : group.specs()) {
          ExperimentSpec spec = loader.parse(resource(file), "demo/" + file);
          if (quick) {
            spec = spec.withSize(Math.min(spec.chains(), QUICK_CHAINS), Math.min(spec.generations(), QUICK_GENERATIONS));
            if (group.key().equals("text")) {
              spec = spec.withSize(spec.chains(), 3).withWorkflow(spec.workflow().withSamples(DemoPlan.QUICK_TEXT_SENTENCES));
            }
          }
          runs.put(file, runner.run(spec, true, true).run());
        }
        List<Claim> groupClaims = group.claims().make(new DemoPlan.Results(store, loader, runs));
        if (group.key().equals("text")) {
          textRuns = List.copyOf(runs.values());
        }
        claims.addAll(groupClaims);
        Path cmp = Reports.writeComparison(store, runs.values().stream().map(Run::id).toList(),
            demoDir.resolve(group.key()));
        List<String> images = group.highlights().stream().map(i -> group.key() + "/" + i + ".png")
            .filter(i -> java.nio.file.Files.exists(demoDir.resolve(i))).toList();
        sections.add(new DemoReport.Section(group.title(), group.key() + "/index.html", List.copyOf(runs.values()),
            groupClaims, images));
        err.println("wrote " + cmp);
      }
      Path index = DemoReport.write(demoDir, quick ? "Quick sizes (fewer chains and generations)." : "Full sizes.",
          sections, r -> demoDir.relativize(data.runDir(r.id()).resolve("report").resolve("index.html")).toString());
      out.println();
      out.printf(Locale.ROOT, "Reproduction table (%s; %.0f s):%n", quick ? "quick sizes" : "full sizes",
          (System.nanoTime() - t0) / 1e9);
      List<List<String>> rows = new ArrayList<>();
      for (Claim c : claims) {
        rows.add(List.of(c.source(), c.statement(), c.measured(), c.expected(), c.holds() ? "yes" : "NO"));
      }
      Tables.print(out, List.of("source", "claim", "measured", "theory", "agrees"), rows);
      long ok = claims.stream().filter(Claim::holds).count();
      if (textRuns != null) {
        out.println();
        out.println("The seed table, measured (text runs; percentages of generation 0; definitions in the README):");
        TextCommand.Table.print(out, SeedTable.rows(store, textRuns));
      }
      out.printf(Locale.ROOT, "%d of %d claims reproduced.%n", ok, claims.size());
      monitor(out, err);
      out.println("report: " + index);
    }
    return 0;
  }

  /**
   * Fills the monitor store with a model that collapses over its versions (generations of a text replace
   * chain) and a stable control, evaluates the warning rules and prints what fired where.
   */
  private void monitor(PrintWriter out, PrintWriter err) {
    Path file = MonitorCommand.storeFile(data);
    long t0 = System.nanoTime();
    try (Monitor m = Monitor.open(file)) {
      MonitorDemo.Result r = MonitorDemo.fill(m, quick ? MonitorDemo.Options.quick() : MonitorDemo.Options.defaults());
      out.println();
      out.printf(Locale.ROOT, "The monitor (%s, versions %s; %.0f s): early warnings per model%n", file,
          String.join(", ", r.versions()), (System.nanoTime() - t0) / 1e9);
      List<List<String>> rows = new ArrayList<>();
      rows.add(monitorRow(MonitorDemo.COLLAPSING, "collapses (generation g trained on g-1's text)", r.collapsing(), true));
      rows.add(monitorRow(MonitorDemo.CONTROL, "stable (every version samples generation 0)", r.control(), false));
      Tables.print(out, List.of("model", "what it is", "warnings", "first fired", "as it should"), rows);
      out.println("See them with: tailguard monitor show; tailguard monitor warnings " + MonitorDemo.COLLAPSING);
    }
    err.println("wrote " + file);
  }

  private static List<String> monitorRow(String model, String what, List<Warning> ws, boolean shouldFire) {
    Map<String, String> first = new LinkedHashMap<>();
    for (Warning w : ws) {
      first.putIfAbsent(w.rule(), w.version());
    }
    String fired = first.entrySet().stream().map(e -> e.getKey() + " @" + e.getValue())
        .collect(java.util.stream.Collectors.joining(", "));
    return List.of(model, what, Integer.toString(ws.size()), fired.isEmpty() ? "-" : fired,
        ws.isEmpty() != shouldFire ? "yes" : "NO");
  }

  static String resource(String file) throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream("demo/" + file)) {
      if (in == null) {
        throw new IOException("missing bundled demo spec " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
