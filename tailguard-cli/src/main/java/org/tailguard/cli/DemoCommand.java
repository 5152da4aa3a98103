package org.tailguard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tailguard.models.ModelFamilies;
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
      out.println("report: " + index);
    }
    return 0;
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
