package org.tailguard.watermark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.random.RandomStreams;
import org.tailguard.spec.Check;
import org.tailguard.text.corpus.Split;
import org.tailguard.text.lm.Decoding;
import org.tailguard.text.lm.KneserNey;
import org.tailguard.text.lm.NgramLm;
import org.tailguard.text.lm.Sampler;
import org.tailguard.text.token.TokenizedCorpus;
import org.tailguard.text.token.Vocabulary;

/**
 * Watermark throughput: the PRF, detection per scheme (tokens/s on one core and on all cores), and embedding
 * per scheme against the same sampler without watermark and against {@code text.lm.Sampler}, as a ratio.
 * Wall-clock timing after a warm-up pass, the best of {@code repeats} runs; on a shared machine the figures
 * move by ±2×, so ratios measured in the same run are the reliable part.
 *
 * <p>Run from the CLI ({@link #run(PrintStream)}) or {@code java ... WatermarkBenchmark [documents]}.
 */
public final class WatermarkBenchmark {
  private WatermarkBenchmark() {}

  /**
   * The settings.
   *
   * @param train the model's training split (default sotu:train)
   * @param documents documents per scheme for detection and embedding (default 100)
   * @param tokens words per document (default 200)
   * @param threads threads for the all-cores figure (default: available processors)
   * @param repeats timed runs per figure, best taken (default 3)
   */
  public record Config(String train, Integer documents, Integer tokens, Integer threads, Integer repeats) {
    public Config {
      train = train == null ? "sotu:train" : train;
      documents = Check.atLeast("benchmark.documents", documents == null ? 100 : documents, 1);
      tokens = Check.atLeast("benchmark.tokens", tokens == null ? 200 : tokens, 1);
      threads = Check.atLeast("benchmark.threads", threads == null ? Runtime.getRuntime().availableProcessors() : threads, 1);
      repeats = Check.atLeast("benchmark.repeats", repeats == null ? 3 : repeats, 1);
    }

    public static Config defaults() {
      return new Config(null, null, null, null, null);
    }
  }

  /** The default benchmark on SOTU before 1990. */
  public static void run(PrintStream out) {
    run(Config.defaults(), out);
  }

  /** Trains the trigram on the config's split, then benchmarks. */
  public static void run(Config c, PrintStream out) {
    TokenizedCorpus tc = TokenizedCorpus.of(Split.parse("benchmark.train", c.train()));
    Vocabulary v = tc.vocabulary(2);
    run(KneserNey.train(tc.encode(v), 3), c, out);
  }

  /** Benchmarks with a given model; prints Markdown tables. */
  public static void run(NgramLm lm, Config c, PrintStream out) {
    Vocabulary v = lm.vocabulary();
    WatermarkKey key = WatermarkKey.random(RandomStreams.of(42));
    out.printf(Locale.ROOT, "Watermark benchmark: %s, vocabulary %,d, %d documents of %d words, %d threads, best of %d%n%n",
        lm, v.size(), c.documents(), c.tokens(), c.threads(), c.repeats());

    // the PRF: one SHA-256 per context, one SplitMix64 draw per candidate
    Prf prf = new Prf(key);
    int[] ctx = {11, 12, 13, 14};
    int seeds = 200_000;
    double seedNs = best(c.repeats(), () -> {
      long x = 0;
      for (int i = 0; i < seeds; i++) {
        ctx[0] = i;
        x += prf.seed('K', ctx);
      }
      return x;
    }) / seeds;
    int draws = 10_000_000;
    double drawNs = best(c.repeats(), () -> {
      long x = 0;
      for (int i = 0; i < draws; i++) {
        x += Prf.draw(x, i);
      }
      return x;
    }) / draws;
    out.printf(Locale.ROOT, "PRF: %.0f ns per context seed (SHA-256, 50-byte message), %.1f ns per candidate draw%n%n",
        seedNs, drawNs);

    int n = c.documents();
    long tokens = (long) n * c.tokens();
    Sampler reference = new Sampler(lm, Decoding.sample());
    double refNs = best(c.repeats(), () -> {
      UniformRandomProvider rng = RandomStreams.of(1);
      long x = 0;
      for (int i = 0; i < n; i++) {
        x += reference.continuation(new int[] {Vocabulary.BOS}, c.tokens(), rng).length;
      }
      return x;
    });
    WatermarkSampler plain = WatermarkSampler.unwatermarked(lm);
    double plainNs = best(c.repeats(), () -> {
      UniformRandomProvider rng = RandomStreams.of(1);
      long x = 0;
      for (int i = 0; i < n; i++) {
        x += plain.tokens(c.tokens(), rng).length;
      }
      return x;
    });
    out.printf(Locale.ROOT, "Sampling without watermark: text.lm.Sampler %,.0f tokens/s; WatermarkSampler (full "
        + "distribution per token) %,.0f tokens/s%n%n", tokens / refNs * 1e9, tokens / plainNs * 1e9);
    out.println("| scheme | detect, 1 thread (tokens/s) | detect, " + c.threads() + " threads (tokens/s) "
        + "| embed (tokens/s) | embedding cost vs unwatermarked |");
    out.println("|---|---|---|---|---|");
    ExecutorService pool = Executors.newFixedThreadPool(c.threads());
    try {
      for (String name : WatermarkSpec.names()) {
        Watermark wm = Watermark.of(WatermarkSpec.named("benchmark", name), key, v);
        WatermarkSampler sampler = new WatermarkSampler(lm, wm);
        int[][] docs = new int[n][];
        double embedNs = best(c.repeats(), () -> {
          UniformRandomProvider rng = RandomStreams.of(2);
          for (int i = 0; i < n; i++) {
            docs[i] = sampler.tokens(c.tokens(), rng);
          }
          return docs.length;
        });
        double one = best(c.repeats(), () -> {
          double s = 0;
          for (int[] d : docs) {
            s += wm.detect(d).statistic();
          }
          return (long) s;
        });
        double all = best(c.repeats(), () -> {
          List<Future<Double>> parts = new ArrayList<>();
          int per = (n + c.threads() - 1) / c.threads();
          for (int t = 0; t < c.threads(); t++) {
            int from = t * per;
            int to = Math.min(n, from + per);
            parts.add(pool.submit(() -> {
              double s = 0;
              for (int i = from; i < to; i++) {
                s += wm.detect(docs[i]).statistic();
              }
              return s;
            }));
          }
          double s = 0;
          for (Future<Double> f : parts) {
            try {
              s += f.get();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException(e);
            } catch (ExecutionException e) {
              throw new IllegalStateException(e.getCause());
            }
          }
          return (long) s;
        });
        out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %.2f× |%n", name, tokens / one * 1e9,
            tokens / all * 1e9, tokens / embedNs * 1e9, embedNs / plainNs);
        out.flush();
      }
    } finally {
      pool.shutdown();
    }
  }

  /** The best wall time in ns of {@code repeats} runs after one warm-up run. */
  private static double best(int repeats, java.util.function.LongSupplier work) {
    long sink = work.getAsLong();
    long best = Long.MAX_VALUE;
    for (int r = 0; r < repeats; r++) {
      long t = System.nanoTime();
      sink += work.getAsLong();
      best = Math.min(best, System.nanoTime() - t);
    }
    if (sink == 42) {
      System.out.print(""); // keeps the work observable
    }
    return best;
  }

  /** Usage: {@code WatermarkBenchmark [documents]}. */
  public static void main(String[] args) {
    Integer docs = args.length > 0 ? Integer.valueOf(args[0]) : null;
    run(new Config(null, docs, null, null, null), System.out);
  }
}
