package org.tailguard.text.lm.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code tlm} on the same pre-tokenised corpus (time and peak memory, with ratios), then Tailguard's
 * scoring and sampling throughput.
 *
 * <p>Run: {@code java -cp ... org.tailguard.text.lm.bench.LmBenchmark TRAIN.txt [TEST.txt] [ORDER]}, with
 * one sentence per line, tokens separated by spaces (see {@link PlainText}). IRSTLM's figures come from
 * {@code /usr/bin/time -v} (wall time, maximum resident set); Tailguard's from the JVM: wall time of
 * training on the tokenised corpus and of writing ARPA (IRSTLM's run includes reading the text and writing
 * ARPA, so both are shown), the peak of heap use during training (after a full collection before it), and
 * the heap the finished model retains.
 */
public final class LmBenchmark {
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

  public static void run(PrintStream out, Path trainFile, Path testFile, int order) throws IOException {
    out.printf("LM benchmark: order %d, train %s%s; %s, %d cores%n", order, trainFile,
        testFile == null ? "" : ", test " + testFile, Runtime.version(), Runtime.getRuntime().availableProcessors());
    long t0 = System.nanoTime();
    Sentences train = PlainText.read(trainFile, 1);
    double readSeconds = (System.nanoTime() - t0) / 1e9;
    out.printf("  corpus: %,d sentences, %,d tokens, vocabulary %,d (read and tokenised in %.2f s)%n",
        train.size(), train.tokens(), train.vocabulary().size(), readSeconds);

    // Tailguard build, warm-up excluded on purpose: a CLI user pays the cold JIT once, as here.
    gc();
    long before = heapUsed();
    resetPeaks();
    long b0 = System.nanoTime();
    NgramLm lm = KneserNey.train(train, order);
    double buildSeconds = (System.nanoTime() - b0) / 1e9;
    long peak = heapPeak();
    gc();
    long retained = heapUsed() - before;
    long ngrams = 0;
    StringBuilder counts = new StringBuilder();
    for (int k = 1; k <= order; k++) {
      ngrams += lm.ngrams(k);
      counts.append(k == 1 ? "" : "/").append(String.format("%,d", lm.ngrams(k)));
    }
    Path dir = Files.createTempDirectory("lmbench");
    Path ours = dir.resolve("tailguard.arpa");
    long w0 = System.nanoTime();
    Arpa.write(lm, ours);
    double writeSeconds = (System.nanoTime() - w0) / 1e9;
    out.printf("  Tailguard: build %.2f s (+ read %.2f s, + ARPA write %.2f s = %.2f s end to end); n-grams %s;"
        + " peak heap during build %.1f MB; model retains %.1f MB = %.1f bytes per n-gram%n", buildSeconds,
        readSeconds, writeSeconds, readSeconds + buildSeconds + writeSeconds, counts, peak / 1e6,
        retained / 1e6, (double) retained / ngrams);

    Optional<Irstlm> peer = Irstlm.find();
    if (peer.isEmpty()) {
      out.println("  IRSTLM: not installed (" + Irstlm.BIN + "); no ratio");
    } else {
      Path se = dir.resolve("train.se");
      PlainText.write(train, se, true);
      Irstlm.Run r = peer.get().tlm(se, order, dir.resolve("irstlm.arpa"), null, 0);
      double end = readSeconds + buildSeconds + writeSeconds;
      out.printf("  IRSTLM tlm -lm=msb -ps=no: %.2f s wall, max RSS %.1f MB (reads text, writes ARPA)%n",
          r.seconds(), r.maxRssKb() / 1e3);
      out.printf("  ratio IRSTLM / Tailguard time: %.1fx end to end, %.1fx build only;"
          + " memory IRSTLM RSS / Tailguard peak heap %.2f%n", r.seconds() / end, r.seconds() / buildSeconds,
          r.maxRssKb() * 1e3 / peak);
    }

    if (testFile != null) {
      Sentences test = PlainText.read(testFile, train.vocabulary());
      lm.perplexity(test); // warm-up
      long s0 = System.nanoTime();
      int reps = 5;
      Perplexity p = null;
      for (int i = 0; i < reps; i++) {
        p = lm.perplexity(test);
      }
      double s = (System.nanoTime() - s0) / 1e9;
      out.printf("  scoring: perplexity %.3f (without OOV %.3f, OOV %,d of %,d tokens); %,.0f tokens/s%n",
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
      out.printf("  rank queries: %,.0f per second%n", ranked / ((System.nanoTime() - r0) / 1e9));
    }
    for (Decoding d : new Decoding[] {Decoding.sample(), Decoding.topK(40, 1.0), Decoding.topP(0.9, 1.0)}) {
      Sampler sampler = new Sampler(lm, d);
      long g0 = System.nanoTime();
      Sentences g = sampler.sentences(5000, 100, RandomStreams.of(1));
      double gs = (System.nanoTime() - g0) / 1e9;
      out.printf("  sampling %s: %,.0f tokens/s%n", d.method() + (d.kind() == Decoding.Method.TOP_K ? " k=" + d.k()
          : d.kind() == Decoding.Method.TOP_P ? " p=" + d.p() : ""), (g.tokens() + g.size()) / gs);
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
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

  private static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  /** The sum of the heap pools' peaks since the reset: an upper bound of the heap in use at any instant. */
  private static long heapPeak() {
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
