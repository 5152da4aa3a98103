package org.tailguard.text.lm.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tailguard.random.RandomStreams;
import org.tailguard.text.lm.Arpa;
import org.tailguard.text.lm.Decoding;
import org.tailguard.text.lm.KneserNey;
import org.tailguard.text.lm.NgramLm;
import org.tailguard.text.lm.Perplexity;
import org.tailguard.text.lm.Sampler;
import org.tailguard.text.token.Sentences;

/**
 * Issue 3's LM benchmarks, in one run: a modified Kneser–Ney model built by Tailguard and by IRSTLM's
 * {@code tlm} on the same pre-tokenised corpus, then Tailguard's scoring and sampling throughput.
 *
 * <p>Run: {@code java -cp ... org.tailguard.text.lm.bench.LmBenchmark TRAIN.txt [TEST.txt] [ORDER]}, with
 * one sentence per line, tokens separated by spaces (see {@link PlainText}).
 *
 * <p>Time and memory are compared process to process: IRSTLM's {@code tlm} and a separate JVM running
 * {@link BuildArpa}, which does only what {@code tlm} does (read the text file, build, write ARPA), both
 * under {@code /usr/bin/time -v} for wall time, CPU time and maximum resident set size. The JVM runs twice
 * over: with {@code bin/tailguard}'s flags and the JVM's default heap sizing (what a user gets), and with
 * the serial collector at the smallest {@code -Xmx} that succeeds, found by bisection to 1 MB (what the
 * build needs). The resident set of a JVM that starts and exits is printed beside them: the JVM's fixed
 * cost, which no change to the build can remove. In this JVM, the build's wall time and the heap the
 * finished model retains are printed too.
 */
public final class LmBenchmark {
  /** The flags {@code bin/tailguard} starts the JVM with that matter here. */
  static final List<String> CLI_FLAGS = List.of("-XX:+UseParallelGC");
  /** The flags of the minimum-heap runs: the serial collector, whose single-threaded heap use is deterministic. */
  static final List<String> SMALL_FLAGS = List.of("-XX:+UseSerialGC");

  private LmBenchmark() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: LmBenchmark TRAIN.txt [TEST.txt] [ORDER]");
      System.exit(2);
    }
    Path train = Path.of(args[0]);
    Path test = args.length > 1 ? Path.of(args[1]) : null;
    int order = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    run(System.out, train, test, order);
  }

  /** All of the benchmark, the bisection for the smallest heap included. */
  public static void run(PrintStream out, Path trainFile, Path testFile, int order) throws IOException {
    run(out, trainFile, testFile, order, true);
  }

  /**
   * The benchmark; {@code smallestHeap} false leaves out the bisection for the smallest {@code -Xmx} (about
   * ten child JVMs), for smoke tests.
   */
  public static void run(PrintStream out, Path trainFile, Path testFile, int order, boolean smallestHeap)
      throws IOException {
    out.printf(Locale.ROOT, "LM benchmark: order %d, train %s%s; JDK %s, %d cores, load average %.1f%n", order,
        trainFile, testFile == null ? "" : ", test " + testFile, Runtime.version(),
        Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    long t0 = System.nanoTime();
    Sentences train = PlainText.read(trainFile, 1);
    double readSeconds = (System.nanoTime() - t0) / 1e9;
    out.printf(Locale.ROOT, "  corpus: %,d sentences, %,d tokens, vocabulary %,d (read in %.2f s)%n",
        train.size(), train.tokens(), train.vocabulary().size(), readSeconds);

    // Tailguard build in this JVM, warm-up excluded on purpose: a CLI user pays the cold JIT once, as here.
    gc();
    long before = heapUsed();
    resetPeaks();
    long b0 = System.nanoTime();
    NgramLm lm = KneserNey.train(train, order);
    double buildSeconds = (System.nanoTime() - b0) / 1e9;
    long peak = BuildArpa.heapPeak();
    gc();
    long retained = heapUsed() - before;
    long ngrams = 0;
    StringBuilder counts = new StringBuilder();
    for (int k = 1; k <= order; k++) {
      ngrams += lm.ngrams(k);
      counts.append(k == 1 ? "" : "/").append(String.format(Locale.ROOT, "%,d", lm.ngrams(k)));
    }
    Path dir = Files.createTempDirectory("lmbench");
    try {
      Path ours = dir.resolve("tailguard.arpa");
      Arpa.write(lm, ours);
      out.printf(Locale.ROOT, "  in this JVM: build %.2f s; n-grams %s; peak heap during the build %.1f MB (sum of"
          + " the pools' peaks: corpus, model and garbage not yet collected; grows with the default heap's young"
          + " generation); the model retains %.1f MB = %.1f bytes per n-gram%n", buildSeconds, counts, peak / 1e6,
          retained / 1e6, (double) retained / ngrams);
      compareProcesses(out, train, trainFile, order, dir, ours, smallestHeap);
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
    }
    if (testFile != null) {
      throughput(out, lm, PlainText.read(testFile, train.vocabulary()));
    }
    sampling(out, lm);
  }

  /** IRSTLM's tlm and our BuildArpa as separate processes, each under /usr/bin/time -v. */
  private static void compareProcesses(PrintStream out, Sentences train, Path trainFile, int order, Path dir,
      Path inProcess, boolean smallestHeap) throws IOException {
    out.println("  the same job as separate processes (read the text file, build, write ARPA), each under"
        + " /usr/bin/time -v:");
    Optional<Irstlm> peer = Irstlm.find();
    Irstlm.Run irst = null;
    if (peer.isEmpty()) {
      out.println("    IRSTLM: not installed (" + Irstlm.BIN + "); no ratios");
    } else {
      Path se = dir.resolve("train.se");
      PlainText.write(train, se, true);
      irst = peer.get().tlm(se, order, dir.resolve("irstlm.arpa"), null, 0);
      out.printf(Locale.ROOT, "    %-58s %6.2f s wall, %6.2f s CPU, max RSS %6.1f MB%n",
          "IRSTLM 6.00 tlm -lm=msb -ps=no", irst.seconds(), irst.cpuSeconds(), irst.maxRssKb() / 1e3);
      Files.delete(dir.resolve("irstlm.arpa"));
    }
    if (!TimedCommand.measuresMemory()) {
      out.println("    Tailguard JVM: /usr/bin/time is not installed; no process figures");
      return;
    }
    ChildJvm jvm = new ChildJvm(dir);
    Path arpa = dir.resolve("child.arpa");
    ChildJvm.Run cli = jvm.build(CLI_FLAGS, trainFile, order, arpa);
    if (!cli.ok()) {
      throw new IOException("BuildArpa failed: " + cli.timed().errorTail());
    }
    long mismatch = Files.mismatch(arpa, inProcess);
    printJvm(out, "Tailguard JVM, bin/tailguard's " + String.join(" ", CLI_FLAGS) + ", default heap", cli);
    out.printf(Locale.ROOT, "      (%s; heap peak %.1f MB, the sum of the pools' peaks, garbage included; its ARPA"
        + " file %s the in-process one)%n", phases(cli), cli.heapPeakMb(),
        mismatch < 0 ? "is byte-identical to" : "DIFFERS from");
    if (!smallestHeap) {
      ChildJvm.Run idle = jvm.nothing(CLI_FLAGS);
      out.printf(Locale.ROOT, "    a JVM that starts and exits: max RSS %.1f MB; smallest heap not searched%n", idle.rssMb());
      if (irst != null) {
        out.printf(Locale.ROOT, "  ratio IRSTLM / Tailguard: time %.1fx wall, %.1fx CPU; memory: Tailguard max RSS %.2fx"
            + " IRSTLM's at the default heap%n", irst.seconds() / cli.timed().seconds(),
            irst.cpuSeconds() / cli.timed().cpuSeconds(), cli.rssMb() / (irst.maxRssKb() / 1e3));
      }
      return;
    }
    int high = (int) Math.ceil(cli.heapPeakMb()) + 1;
    Optional<ChildJvm.Bisection> b = jvm.smallestHeap(SMALL_FLAGS, trainFile, order, arpa, 8, high, 1);
    ChildJvm.Run idleCli = jvm.nothing(CLI_FLAGS);
    ChildJvm.Run idleSmall = jvm.nothing(SMALL_FLAGS);
    if (b.isEmpty()) {
      out.println("    Tailguard JVM: no -Xmx up to 64 GB succeeded");
      return;
    }
    ChildJvm.Run min = b.get().atMinimum();
    printJvm(out, String.format(Locale.ROOT, "Tailguard JVM, %s -Xmx%dm (the smallest that succeeds)",
        String.join(" ", SMALL_FLAGS), b.get().minimumMb()), min);
    out.printf(Locale.ROOT, "      (%s; -Xmx%dm ran out of heap; bisection from 8 MB to %d MB in %d runs)%n", phases(min),
        b.get().minimumMb() - 1, high, b.get().runs().size());
    out.printf(Locale.ROOT, "    %-58s %6s        %6s         max RSS %6.1f MB (%s), %.1f MB (%s)%n",
        "a JVM that starts and exits (the fixed cost)", "", "", idleCli.rssMb(), String.join(" ", CLI_FLAGS),
        idleSmall.rssMb(), String.join(" ", SMALL_FLAGS));
    if (irst != null) {
      double irstMb = irst.maxRssKb() / 1e3;
      out.printf(Locale.ROOT, "  ratio IRSTLM / Tailguard: time %.1fx wall, %.1fx CPU (default heap run);"
          + " memory: Tailguard max RSS %.2fx IRSTLM's at the smallest heap, %.2fx at the default heap%n",
          irst.seconds() / cli.timed().seconds(), irst.cpuSeconds() / cli.timed().cpuSeconds(),
          min.rssMb() / irstMb, cli.rssMb() / irstMb);
      out.printf(Locale.ROOT, "  memory goal (comparable to IRSTLM): the build needs a %d MB heap = %.2fx IRSTLM's"
          + " whole RSS; the JVM process at that heap is %.2fx IRSTLM's RSS, of which %.1f MB is the idle JVM%n",
          b.get().minimumMb(), b.get().minimumMb() / irstMb, min.rssMb() / irstMb, idleSmall.rssMb());
    }
  }

  private static void printJvm(PrintStream out, String label, ChildJvm.Run r) {
    out.printf(Locale.ROOT, "    %-58s %6.2f s wall, %6.2f s CPU, max RSS %6.1f MB%n", label, r.timed().seconds(),
        r.timed().cpuSeconds(), r.rssMb());
  }

  private static String phases(ChildJvm.Run r) {
    return String.format(Locale.ROOT, "read %.2f s, build %.2f s, write %.2f s", r.readSeconds(), r.buildSeconds(),
        r.writeSeconds());
  }

  private static void throughput(PrintStream out, NgramLm lm, Sentences test) {
    lm.perplexity(test); // warm-up
    long s0 = System.nanoTime();
    int reps = 5;
    Perplexity p = null;
    for (int i = 0; i < reps; i++) {
      p = lm.perplexity(test);
    }
    double s = (System.nanoTime() - s0) / 1e9;
    out.printf(Locale.ROOT, "  scoring: perplexity %.3f (without OOV %.3f, OOV %,d of %,d tokens); %,.0f tokens/s%n",
        p.perplexity(), p.perplexityWithoutOov(), p.oovs(), p.tokens(), reps * p.tokens() / s);
    int[] ctx = {0, 0};
    long r0 = System.nanoTime();
    long ranked = 0;
    for (int[] sent : test.sentences()) {
      for (int i = 1; i < sent.length && ranked < 200_000; i++) {
        ctx[0] = i >= 2 ? sent[i - 2] : 1;
        ctx[1] = sent[i - 1];
        lm.rank(ctx, sent[i]);
        ranked++;
      }
    }
    out.printf(Locale.ROOT, "  rank queries: %,.0f per second%n", ranked / ((System.nanoTime() - r0) / 1e9));
  }

  private static void sampling(PrintStream out, NgramLm lm) {
    for (Decoding d : new Decoding[] {Decoding.sample(), Decoding.topK(40, 1.0), Decoding.topP(0.9, 1.0)}) {
      Sampler sampler = new Sampler(lm, d);
      long g0 = System.nanoTime();
      Sentences g = sampler.sentences(5000, 100, RandomStreams.of(1));
      double gs = (System.nanoTime() - g0) / 1e9;
      out.printf(Locale.ROOT, "  sampling %s: %,.0f tokens/s%n", d.method() + (d.kind() == Decoding.Method.TOP_K
          ? " k=" + d.k() : d.kind() == Decoding.Method.TOP_P ? " p=" + d.p() : ""), (g.tokens() + g.size()) / gs);
    }
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  private static void gc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
  }

  private static long heapUsed() {
    long used = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        used += p.getUsage().getUsed();
      }
    }
    return used;
  }
}
