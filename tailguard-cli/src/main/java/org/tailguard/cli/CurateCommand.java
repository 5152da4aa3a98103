package org.tailguard.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.tailguard.curate.Mixer;
import org.tailguard.curate.MixtureSpec;
import org.tailguard.curate.MixtureSpecs;
import org.tailguard.curate.StageContext;
import org.tailguard.curate.StageStats;
import org.tailguard.exec.Curation;
import org.tailguard.exec.LocalExecutor;
import org.tailguard.exec.PipelineBenchmark;
import org.tailguard.exec.RunSummary;
import org.tailguard.provenance.KeyAlgorithm;
import org.tailguard.provenance.Ledger;
import org.tailguard.provenance.VerificationReport;
import org.tailguard.provenance.VerifyOptions;
import org.tailguard.spec.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tailguard curate SPEC}: runs a mixture spec on the embedded executor (the datatrove-style pipeline of
 * Dolma documents and attributes, quality and synthetic filters, dedup, exact-quota mixing) and records every
 * output file in the signed provenance ledger, so that the training set can be traced to its sources.
 */
@Command(name = "curate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Builds a training mixture from a mixture spec (examples/mixture-70-20-10.yaml).",
        "Each source's inputs run through its filters; the kept documents are mixed to",
        "exact quotas; the outputs (training set, exclusions per stage, summary.json,",
        "summary.html) are recorded in the ledger. Re-running after a kill resumes."},
    subcommands = {CurateCommand.Bench.class},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:done", "2:bad input: spec, document file, ledger (one line naming the file and line)"})
final class CurateCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "The mixture spec (YAML).")
  Path specFile;

  @Mixin
  DataOptions data;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: DATA-DIR/pipelines/NAME).")
  Path out;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores). Outputs do not depend on it.")
  Integer threads;

  @Option(names = "--seed", paramLabel = "S", description = "Override the spec's mixing seed.")
  Long seed;

  @Option(names = "--ledger", paramLabel = "FILE", description = "The provenance ledger (default: DATA-DIR/ledger.db; created if missing).")
  Path ledger;

  @Option(names = "--key", paramLabel = "FILE", description = "The ledger's signing key (default: DATA-DIR/ledger-key.pem).")
  Path key;

  @Option(names = "--no-ledger", description = "Do not record the outputs in a ledger.")
  boolean noLedger;

  @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
      description = "auto, bar, lines or none (default: ${DEFAULT-VALUE}).")
  Progress.Mode progress;

  @Spec
  CommandSpec cmd;

  @Override
  public Integer call() {
    if (specFile == null) {
      throw new UserException("curate: give a mixture SPEC file, or the subcommand bench; see --help");
    }
    int t = DedupCommand.threads(threads);
    MixtureSpec spec = MixtureSpecs.load(specFile);
    if (seed != null) {
      spec = new MixtureSpec(spec.name(), seed, spec.budget(), spec.shardDocuments(), spec.sources());
    }
    Path dir = out != null ? out : data.ensureDir().resolve("pipelines").resolve(spec.name());
    PrintWriter o = cmd.commandLine().getOut();
    PrintWriter err = cmd.commandLine().getErr();
    Ledger l = noLedger ? null : openLedger();
    try {
      ShardProgress bar = new ShardProgress(mode(progress), err);
      StageContext context = new StageContext();
      MixtureSpec s = spec;
      Curation.Result r;
      try {
        r = Curation.run(s, dir, run -> new LocalExecutor(run, t, context, bar.start(run.getFileName().toString())),
            l, context);
      } finally {
        bar.finish();
      }
      printSummary(o, r, dir, l);
      o.flush();
    } finally {
      if (l != null) {
        l.close();
      }
    }
    return 0;
  }

  private static Progress.Mode mode(Progress.Mode m) {
    if (m != Progress.Mode.AUTO) {
      return m;
    }
    var c = System.console();
    return c != null && c.isTerminal() ? Progress.Mode.BAR : Progress.Mode.LINES;
  }

  /** Opens (or creates) the ledger for appending, after checking that nothing in it was tampered with. */
  private Ledger openLedger() {
    Path file = ledger != null ? ledger : data.ensureDir().resolve("ledger.db");
    Path keyFile = key != null ? key : data.ensureDir().resolve("ledger-key.pem");
    if (!Files.exists(file)) {
      return Ledger.init(file, keyFile, KeyAlgorithm.parse("--algorithm", "ed25519"));
    }
    try (Ledger ro = Ledger.openReadOnly(file)) {
      VerificationReport v = ro.verify(VerifyOptions.DEFAULT);
      if (!v.ok()) {
        List<String> lines = v.lines();
        throw new UserException(file + ": refusing to append to a ledger that fails verification: "
            + (lines.size() > 1 ? lines.get(1) : lines.get(0)) + " (see 'tailguard ledger verify " + file + "')");
      }
    }
    return Ledger.openForWriting(file, keyFile);
  }

  private static void printSummary(PrintWriter o, Curation.Result r, Path dir, Ledger l) {
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, RunSummary> e : r.runs().entrySet()) {
      RunSummary s = e.getValue();
      for (StageStats st : s.stages()) {
        rows.add(List.of(e.getKey(), st.stage(), Long.toString(st.get("total")), Long.toString(st.get("kept")),
            Long.toString(st.dropped()), reasons(st)));
      }
      rows.add(List.of(e.getKey(), "(kept)", Long.toString(s.documentsIn()), Long.toString(s.documentsOut()),
          Long.toString(s.documentsIn() - s.documentsOut()),
          s.tasksSkipped() > 0 ? "resumed " + s.tasksSkipped() + " shard-phases" : ""));
    }
    o.println("Stages (documents):");
    Tables.print(o, List.of("source", "stage", "in", "kept", "removed", "top reasons"), rows);
    o.println();
    MixtureSpec spec = r.spec();
    o.printf(Locale.ROOT, "Mixture %s: budget %d %s, overflow %s, seed %d%n", spec.name(), spec.budget().total(),
        spec.budget().unit(), spec.budget().overflow(), spec.seed());
    List<List<String>> mix = new ArrayList<>();
    long total = 0;
    long target = 0;
    for (int i = 0; i < r.quotas().size(); i++) {
      Mixer.Quota q = r.quotas().get(i);
      MixtureSpec.Source src = spec.sources().get(i);
      total += q.selected();
      target += q.target();
      mix.add(List.of(q.source(), Integer.toString(src.tier()), Tables.num(src.weight()), Long.toString(q.target()),
          Long.toString(q.selected()), Long.toString(q.documents()), Long.toString(q.available()),
          Long.toString(q.shortfall())));
    }
    mix.add(List.of("total", "", "1", Long.toString(target), Long.toString(total), "", "", ""));
    Tables.print(o, List.of("source", "tier", "weight", "target", "selected", "documents", "available", "shortfall"),
        mix);
    long short_ = r.quotas().stream().mapToLong(Mixer.Quota::shortfall).sum();
    o.println(short_ == 0 ? "all quotas met exactly" : "SHORTFALL: " + short_ + " " + spec.budget().unit()
        + " missing (see the shortfall column)");
    o.println();
    o.println("training set: " + r.trainingSet());
    o.println("summary:      " + dir.resolve("summary.html") + " (and summary.json)");
    if (l != null) {
      o.println("ledger:       " + l.file() + ": dataset " + r.datasetId() + ", head " + l.head());
    }
  }

  private static String reasons(StageStats st) {
    return st.counters().entrySet().stream().filter(e -> e.getKey().startsWith("dropped_") && e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
        .map(e -> e.getKey().substring(8) + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("");
  }

  /** Progress per source: a bar (total unknown up front) on a terminal, a line every few seconds otherwise. */
  static final class ShardProgress {
    private final Progress.Mode mode;
    private final PrintWriter err;
    private ProgressBar bar;
    private String source;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private volatile long lastLine;

    ShardProgress(Progress.Mode mode, PrintWriter err) {
      this.mode = mode;
      this.err = err;
    }

    synchronized LocalExecutor.Progress start(String name) {
      finish();
      source = name;
      done.set(0);
      skipped.set(0);
      lastLine = System.nanoTime();
      if (mode == Progress.Mode.BAR) {
        bar = new ProgressBarBuilder().setTaskName("curate " + name).setInitialMax(-1)
            .setStyle(ProgressBarStyle.ASCII).setUnit(" shard-phases", 1).setUpdateIntervalMillis(250)
            .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
      } else if (mode == Progress.Mode.LINES) {
        err.printf("curate %s: started%n", name);
      }
      return (phase, phases, shard, skip) -> {
        int n = done.incrementAndGet();
        if (skip) {
          skipped.incrementAndGet();
        }
        if (bar != null) {
          bar.stepTo(n);
        } else if (mode == Progress.Mode.LINES && System.nanoTime() - lastLine > 2_000_000_000L) {
          lastLine = System.nanoTime();
          err.printf("curate %s: phase %d/%d, %d shard-phases done%n", name, phase + 1, phases, n);
        }
      };
    }

    synchronized void finish() {
      if (bar != null) {
        bar.close();
        bar = null;
      }
      if (source != null && mode == Progress.Mode.LINES) {
        err.printf("curate %s: %d shard-phases done%s%n", source, done.get(),
            skipped.get() > 0 ? " (" + skipped.get() + " resumed from an earlier run)" : "");
      }
      source = null;
    }
  }

  /** {@code tailguard curate bench}: the embedded pipeline's throughput and peak memory as input grows. */
  @Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Pipeline throughput and peak memory as the input grows.",
          "Runs exact dedup, Gopher quality and repetition, C4, FineWeb and MinHash near",
          "dedup on the bundled corpora scaled up by duplication with edits, each size in",
          "a child JVM capped at -Xmx768m. See BENCHMARKS.md."})
  static final class Bench implements Callable<Integer> {
    @Option(names = "--sizes", split = ",", paramLabel = "MB", description = "Input sizes in MB of text (default: 100,300,1000).")
    List<Long> sizes;

    @Option(names = "--quick", description = "Sizes 4,16 (for tests).")
    boolean quick;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: 2, or fewer cores).")
    Integer threads;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() {
      List<Long> mb = sizes != null ? sizes : quick ? List.of(4L, 16L) : List.of(100L, 300L, 1000L);
      long[] bytes = new long[mb.size()];
      for (int i = 0; i < bytes.length; i++) {
        if (mb.get(i) < 1) {
          throw new SpecException("--sizes", "each size must be at least 1 MB, got " + mb.get(i));
        }
        bytes[i] = mb.get(i) * 1_000_000L;
      }
      int t = threads != null ? DedupCommand.threads(threads)
          : Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
      PrintStream out = WriterOutputStream.printStream(cmd.commandLine().getOut());
      PipelineBenchmark.run(out, bytes, t);
      out.flush();
      return 0;
    }
  }
}
