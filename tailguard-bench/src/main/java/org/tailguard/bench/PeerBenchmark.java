package org.tailguard.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tailguard.models.ModelFamilies;
import org.tailguard.sim.GenerationSink;
import org.tailguard.sim.Simulator;
import org.tailguard.spec.SpecException;

/**
 * Races Tailguard's hot loops against the equivalent vectorised NumPy loops in the same run and prints
 * the ratio: the {@code tailguard bench} command.
 *
 * <p>The pattern is Caffeine's {@code GetPutBenchmark}: peers behind one harness, timed in the same run on
 * the same machine. For each {@link BenchCase}, Tailguard's loop runs through the real engine
 * ({@link Simulator}, {@link GenerationSink#NONE}, no checkpoint, only the indicators that are the fit
 * itself) and NumPy's loop runs in {@code /usr/bin/python3} (Debian's python3-numpy), vectorised across
 * chains with {@code numpy.random.default_rng(seed)}. Timed repetitions alternate between the two sides, so
 * that a burst of other work on the machine hits both. Each side's final-generation statistics are then
 * checked against each other and against theory ({@link Consistency}), which shows that the two loops did
 * the same work. The goal is Tailguard at least 2× faster than NumPy.
 *
 * <p>Run it with {@code tailguard bench} or, without the CLI, {@code tailguard-bench/run-bench.sh
 * [--quick] [--threads 2] [--json out.json]}; see BENCHMARKS.md for the measured figures.
 */
public final class PeerBenchmark {
  /** The speed-up the issue asks for: NumPy's time over Tailguard's. */
  public static final double GOAL = 2.0;

  private PeerBenchmark() {}

  /**
   * Runs the benchmark, printing progress, the table, the checks and the verdict to {@code out}.
   *
   * <p>Without {@code /usr/bin/python3} or NumPy it says so in one line and times Tailguard only; a case
   * whose family is not registered is skipped with a message.
   *
   * @return what was measured; the caller decides the exit status
   * @throws UncheckedIOException if the JSON report cannot be written
   * @throws IllegalStateException if the NumPy peer fails while running
   */
  public static Report run(Options options, PrintStream out) {
    String machine = Machine.describe(); // before the run, so the load average is other work's
    ModelFamilies families = ModelFamilies.discover();
    NumpyPeer.Located located = NumpyPeer.locate(options.python());
    List<CaseResult> results = new ArrayList<>();
    String peerInfo = null;
    out.println("Tailguard peer benchmark: " + options.chains() + " chains × " + options.generations()
        + " generations, " + options.threads() + " thread(s), seed " + options.seed());
    out.println("machine: " + machine);
    if (located.peer() == null) {
      out.println("NumPy peer unavailable: " + located.unavailable() + "; timing Tailguard only");
    }
    try (NumpyPeer peer = located.peer()) {
      if (peer != null) {
        peerInfo = "NumPy " + peer.numpyVersion() + " on Python " + peer.pythonVersion() + " (" + peer.python() + ")";
        out.println("peer: " + peerInfo);
      }
      for (BenchCase c : options.caseList()) {
        results.add(runCase(c, options, families, peer, out));
      }
    }
    Report report = new Report(options, machine, Machine.jdk(), peerInfo, located.unavailable(), GOAL,
        results);
    report.print(out);
    if (options.json() != null) {
      try {
        Path parent = options.json().toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(options.json(), report.toJson(), StandardCharsets.UTF_8);
        out.println("wrote " + options.json());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + options.json() + ": " + e.getMessage(), e);
      }
    }
    return report;
  }

  private static CaseResult runCase(BenchCase c, Options o, ModelFamilies families, NumpyPeer peer,
      PrintStream out) {
    String size = size(c, o);
    String why = TailguardLoop.unavailable(c, families);
    if (why != null) {
      out.println(c.id() + ": skipped: " + why);
      return CaseResult.skipped(c, size, o.threads(), why);
    }
    TailguardLoop loop = TailguardLoop.prepare(c, o, families);
    Simulator simulator = new Simulator(o.threads());
    out.println(c.id() + " (" + size + "): " + o.warmups() + " warm-up + " + o.repetitions() + " timed run(s)"
        + (peer != null ? " per side" : ""));
    // The first Tailguard run, warm-up or timed, keeps the last generation for the checks; same seed, same
    // results, so it does not matter which run that is. All other runs use GenerationSink.NONE.
    Map<String, double[]> tgStats = null;
    for (int w = 0; w < o.warmups(); w++) {
      TailguardLoop.Run run = loop.run(simulator, tgStats == null);
      tgStats = tgStats == null ? run.lastGeneration() : tgStats;
      out.printf(Locale.ROOT, "  warm-up %d: Tailguard %.3f s%n", w + 1, run.seconds());
    }
    List<Double> tg = new ArrayList<>();
    List<Double> np = new ArrayList<>();
    List<Double> tgCpu = new ArrayList<>();
    List<Double> npCpu = new ArrayList<>();
    Map<String, double[]> npStats = null;
    for (int r = 0; r < o.repetitions(); r++) {
      TailguardLoop.Run run = loop.run(simulator, tgStats == null);
      tgStats = tgStats == null ? run.lastGeneration() : tgStats;
      tg.add(run.seconds());
      tgCpu.add(run.cpuSeconds());
      String line = String.format(Locale.ROOT, "  run %d: Tailguard %.3f s (CPU %.3f s)", r + 1, run.seconds(),
          run.cpuSeconds());
      if (peer != null) {
        NumpyPeer.Result res = peer.run(c, o);
        np.add(res.seconds());
        npCpu.add(res.cpuSeconds());
        npStats = npStats == null ? res.statistics() : npStats;
        line += String.format(Locale.ROOT, ", NumPy %.3f s (CPU %.3f s)", res.seconds(), res.cpuSeconds());
      }
      out.println(line);
    }
    int steps = o.generations() + 1;
    List<Agreement> checks = switch (c) {
      case GAUSSIAN -> Consistency.gaussian(tgStats, npStats, steps, o.gaussianSamples(), o.seed());
      case CATEGORICAL -> Consistency.categorical(tgStats, npStats, steps, o.categoricalSamples(),
          Consistency.start(o.categoricalK(), o.start(), o.beta()));
    };
    return new CaseResult(c, size, o.threads(), tg, np, tgCpu, npCpu, checks, null);
  }

  static String size(BenchCase c, Options o) {
    String base = o.chains() + " chains × " + o.generations() + " gens, ";
    return base + switch (c) {
      case GAUSSIAN -> "M=" + o.gaussianSamples();
      case CATEGORICAL -> "K=" + o.categoricalK() + ", M=" + o.categoricalSamples() + ", "
          + (o.start().equals("zipf") ? "Zipf β=" + o.beta() : "uniform") + " start";
    };
  }

  /**
   * Runs the benchmark from the command line, for use without the CLI module (see {@link Options#parse}).
   * Exits 0, 1 if a consistency check failed, 2 on a bad option.
   */
  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(List.of(args));
    } catch (SpecException e) {
      System.err.println("tailguard bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    Report report = run(options, System.out);
    System.exit(report.consistent() ? 0 : 1);
  }
}
