package org.tailguard.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tailguard.report.Reports;
import org.tailguard.store.Run;
import org.tailguard.store.RunExport;
import org.tailguard.store.RunStatus;
import org.tailguard.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tailguard runs list|show|export|report}: the run registry. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "Lists, shows, exports and reports stored runs.",
    subcommands = {RunsCommand.ListRuns.class, RunsCommand.Show.class, RunsCommand.Export.class,
        RunsCommand.Report.class, RunsCommand.Compare.class})
final class RunsCommand {

  /** A run marked running while no process writes the store was stopped by a kill or crash. */
  static String status(Run r, boolean writerAlive) {
    return r.status() == RunStatus.RUNNING && !writerAlive ? "stopped (run the spec again to resume)"
        : r.status().label();
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists stored runs, newest first.")
  static final class ListRuns implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() {
      try (RunStore store = RunStore.openReadOnly(data.storeFile())) {
        List<List<String>> rows = new ArrayList<>();
        boolean writer = store.writerAlive();
        for (Run r : store.listRuns()) {
          rows.add(List.of(r.id(), status(r, writer), r.family(), r.workflow(),
              r.lastGeneration() + "/" + r.generations(), String.valueOf(r.chains()), r.created().toString()));
        }
        Tables.print(cmd.commandLine().getOut(),
            List.of("run", "status", "family", "workflow", "generations", "chains", "created"), rows);
      }
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows a run: spec, provenance, summary.")
  static final class Show implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", description = "Run id or a unique prefix of it.")
    String id;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() {
      var out = cmd.commandLine().getOut();
      try (RunStore store = RunStore.openReadOnly(data.storeFile())) {
        Run r = store.find(id);
        out.printf(Locale.ROOT, "run:         %s%nname:        %s%nstatus:      %s%s%n", r.id(), r.name(),
            status(r, store.writerAlive()), r.message() == null ? "" : " (" + r.message() + ")");
        if (r.reproduces() != null) {
          out.println("reproduces:  " + r.reproduces());
        }
        if (r.description() != null) {
          out.println("description: " + r.description());
        }
        out.printf(Locale.ROOT, "progress:    generation %d of %d, %d chains, seed %d%n", r.lastGeneration(),
            r.generations(), r.chains(), r.seed());
        var p = r.provenance();
        out.printf(Locale.ROOT, "provenance:  tailguard %s, %s, %s %s, %d cores, %d threads%n", p.tailguardVersion(),
            p.jdk(), p.os(), p.arch(), p.cores(), p.threads());
        out.println("spec sha256: " + r.specSha256());
        out.println();
        out.println(r.specYaml().stripTrailing());
        out.println();
        Tables.runSummary(out, store, r);
        Path report = data.runDir(r.id()).resolve("report").resolve("index.html");
        if (Files.exists(report)) {
          out.println("report: " + report);
        }
      }
      return 0;
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Exports a run's summaries (default) or per-chain values as CSV or JSONL.")
  static final class Export implements Callable<Integer> {
    enum Format { CSV, JSONL }

    @Parameters(paramLabel = "RUN", description = "Run id or a unique prefix of it.")
    String id;

    @Option(names = {"-f", "--format"}, defaultValue = "csv", description = "csv or jsonl (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--per-chain", description = "Export every chain's values instead of the summaries.")
    boolean perChain;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (atomically) instead of stdout.")
    Path output;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() throws Exception {
      try (RunStore store = RunStore.openReadOnly(data.storeFile())) {
        Run r = store.find(id);
        RunExport.Table table = perChain ? RunExport.Table.CHAINS : RunExport.Table.SUMMARIES;
        RunExport.Format fmt = format == Format.JSONL ? RunExport.Format.JSONL : RunExport.Format.CSV;
        if (output != null) {
          RunExport.write(store, r.id(), table, fmt, output);
        } else {
          Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
          RunExport.write(store, r.id(), table, fmt, w);
          w.flush();
        }
      }
      if (output != null) {
        cmd.commandLine().getErr().println("wrote " + output);
      }
      return 0;
    }
  }

  @Command(name = "report", mixinStandardHelpOptions = true, description = "Writes (again) a run's PNG plots and HTML report.")
  static final class Report implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", description = "Run id or a unique prefix of it.")
    String id;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Report folder (default: the run's folder).")
    Path output;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() throws Exception {
      try (RunStore store = RunStore.openReadOnly(data.storeFile())) {
        Run r = store.find(id);
        Path index = Reports.writeRun(store, r.id(), output != null ? output : data.runDir(r.id()).resolve("report"));
        cmd.commandLine().getOut().println("report: " + index);
      }
      return 0;
    }
  }

  @Command(name = "compare", mixinStandardHelpOptions = true,
      description = "Writes one report that overlays several runs (e.g. replace vs accumulate).")
  static final class Compare implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", arity = "2..*", description = "Run ids or unique prefixes.")
    List<String> ids;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, description = "Report folder.")
    Path output;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() throws Exception {
      try (RunStore store = RunStore.openReadOnly(data.storeFile())) {
        Path index = Reports.writeComparison(store, ids, output);
        cmd.commandLine().getOut().println("report: " + index);
      }
      return 0;
    }
  }
}
