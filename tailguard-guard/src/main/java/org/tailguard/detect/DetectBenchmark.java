package org.tailguard.detect;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToLongFunction;
import org.tailguard.detect.eval.Domain;
import org.tailguard.detect.eval.Role;
import org.tailguard.detect.eval.Texts;
import org.tailguard.text.lm.Arpa;
import org.tailguard.text.lm.KneserNey;
import org.tailguard.text.lm.NgramLm;
import org.tailguard.text.lm.bench.Irstlm;
import org.tailguard.text.token.SentenceMode;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;
import org.tailguard.text.token.WordTokenizer;

/**
 * Detection throughput: tokens per second per detector, on one core and on all cores, each detector timed
 * on the work it needs (perplexity: the observer's log-probabilities; GLTR: and their ranks; Binoculars and
 * Fast-DetectGPT: both models' full next-token distributions; the white-box variant: the observer's; the
 * stylometric detector: tokenising and the style features; the trained and combined detectors: the whole
 * {@link Analyzer}). The models are 4-gram Kneser–Ney on Brown's observer and performer folds; the texts
 * 200-word windows of Brown's evaluation fold.
 *
 * <p>The peer: the perplexity detector's work is scoring text with an n-gram model, which IRSTLM's
 * {@code compile-lm --eval} does in C++ (no peer computes Binoculars, Fast-DetectGPT or GLTR on n-gram
 * models). {@link #peer} times it on the same 4-gram (written as ARPA) and the same texts, repeated to about
 * two million tokens (200,000 for runs of under 100 texts), minus a run on one line, so the ARPA loading is left out.
 *
 * <p>Run: {@code new DetectBenchmark(0, 300, 3).run(System.out)} (a test drives a small one).
 *
 * @param documents the most Brown files read (0: all 500)
 * @param texts the number of texts
 * @param repeats timed repetitions per measurement (the best is reported, after one warm-up)
 */
public record DetectBenchmark(int documents, int texts, int repeats) {
  /** One measurement. */
  public record Row(String detector, int threads, long tokens, double seconds) {
    public double tokensPerSecond() {
      return tokens / seconds;
    }
  }

  public List<Row> run(PrintStream out) throws Exception {
    Domain brown = Domain.load("brown", "brown", false, documents);
    List<String[]> obs = brown.sentences(Role.OBSERVER);
    List<String[]> perf = brown.sentences(Role.PERFORMER);
    List<String[]> both = new ArrayList<>(obs);
    both.addAll(perf);
    Vocabulary v = Vocabulary.build(both, 2);
    NgramLm lo = KneserNey.train(new Sentences(v, obs.stream().map(v::encode).toArray(int[][]::new)), 4);
    NgramLm lp = KneserNey.train(new Sentences(v, perf.stream().map(v::encode).toArray(int[][]::new)), 4);
    Analyzer an = new Analyzer(new NgramScorer("observer", lo), new NgramScorer("performer", lp), List.of());
    List<String> docs = Texts.windows(brown.documents(Role.EVALUATION), 200, texts).stream().map(Texts::render).toList();
    WordTokenizer tok = new WordTokenizer(SentenceMode.DETECT);
    List<int[]> ids = docs.stream().map(d -> an.encode(tok.sentences(Canonicalizer.canonical(d)))).toList();
    long tokens = ids.stream().mapToLong(a -> a.length).sum();
    CrossMoments cross = new CrossMoments(an.performer(), an.observer());
    CrossMoments self = new CrossMoments(an.observer(), an.observer());
    int cores = Runtime.getRuntime().availableProcessors();
    out.printf(Locale.ROOT, "%d texts, %d tokens; observer %s, performer %s; %d cores%n", docs.size(), tokens, lo, lp, cores);
    List<Row> rows = new ArrayList<>();
    // each task maps one text index to its token count after doing the detector's work on it
    record Task(String name, java.util.function.Supplier<ToLongFunction<Integer>> perThread) {}
    List<Task> tasks = List.of(
        new Task("perplexity", () -> {
          Scorer.Cursor c = an.observer().cursor();
          return i -> {
            c.reset();
            double s = 0;
            for (int x : ids.get(i)) {
              s += c.logProb(x);
              c.advance(x);
            }
            return s > 0 ? 0 : ids.get(i).length;
          };
        }),
        new Task("gltr", () -> {
          Scorer.Cursor c = an.observer().cursor();
          return i -> {
            c.reset();
            long top = 0;
            for (int x : ids.get(i)) {
              top += c.rank(x) <= 10 ? 1 : 0;
              c.advance(x);
            }
            return top < 0 ? 0 : ids.get(i).length;
          };
        }),
        new Task("binoculars / fast-detectgpt", () -> {
          Scorer.Cursor o = an.observer().cursor();
          Scorer.Cursor p = an.performer().cursor();
          double[] m = new double[2];
          return i -> {
            o.reset();
            p.reset();
            double s = 0;
            for (int x : ids.get(i)) {
              s += o.logProb(x);
              cross.at(p, o, m);
              s += m[0];
              o.advance(x);
              p.advance(x);
            }
            return Double.isNaN(s) ? 0 : ids.get(i).length;
          };
        }),
        new Task("fast-detectgpt-whitebox", () -> {
          Scorer.Cursor o = an.observer().cursor();
          double[] m = new double[2];
          return i -> {
            o.reset();
            double s = 0;
            for (int x : ids.get(i)) {
              s += o.logProb(x);
              self.at(o, o, m);
              s += m[0];
              o.advance(x);
            }
            return Double.isNaN(s) ? 0 : ids.get(i).length;
          };
        }),
        new Task("stylometric", () -> {
          WordTokenizer t = new WordTokenizer(SentenceMode.DETECT);
          return i -> {
            String c = Canonicalizer.canonical(docs.get(i));
            double[] f = Stylometry.features(t.sentences(c), c);
            return f.length == 0 ? 0 : ids.get(i).length;
          };
        }),
        new Task("classifier / combined (full analysis)", () -> i -> an.analyze(docs.get(i)).lm().tokens()));
    for (Task t : tasks) {
      for (int threads : cores > 1 ? new int[] {1, cores} : new int[] {1}) {
        double best = Double.POSITIVE_INFINITY;
        long n = 0;
        for (int r = 0; r <= repeats; r++) {
          long t0 = System.nanoTime();
          n = runOnce(t.perThread(), docs.size(), threads);
          double sec = (System.nanoTime() - t0) / 1e9;
          if (r > 0) {
            best = Math.min(best, sec);
          }
        }
        Row row = new Row(t.name(), threads, n, best);
        rows.add(row);
        out.printf(Locale.ROOT, "  %-38s %2d thread%s %,12.0f tokens/s%n", t.name(), threads, threads == 1 ? " " : "s",
            row.tokensPerSecond());
      }
    }
    peer(out, lo, ids, rows.stream().filter(r -> r.detector().equals("perplexity") && r.threads() == 1)
        .mapToDouble(Row::tokensPerSecond).findFirst().orElse(Double.NaN));
    return rows;
  }

  /** IRSTLM's scoring throughput on the same model and texts, if it is installed (see the class comment). */
  private static void peer(PrintStream out, NgramLm lm, List<int[]> ids, double ours) throws IOException {
    var irstlm = Irstlm.find();
    if (irstlm.isEmpty()) {
      out.println("  IRSTLM compile-lm: not installed (" + Irstlm.BIN + "); no peer figure");
      return;
    }
    Path dir = Files.createTempDirectory("tailguard-detect-bench");
    try {
      Path arpa = dir.resolve("observer.arpa");
      Arpa.write(lm, arpa);
      List<String> lines = new ArrayList<>();
      long tokens = 0;
      for (int[] doc : ids) {
        StringBuilder b = new StringBuilder();
        for (int x : doc) {
          if (x != Vocabulary.EOS) {
            b.append(b.isEmpty() ? "" : " ").append(lm.vocabulary().word(x));
          }
        }
        lines.add(b.toString());
        tokens += doc.length; // words and one </s> per sentence, as IRSTLM counts a line's words and its </s>
      }
      long target = ids.size() >= 100 ? 2_000_000 : 200_000; // small runs are smoke tests
      int copies = (int) Math.max(1, target / Math.max(1, tokens));
      List<String> big = new ArrayList<>();
      for (int c = 0; c < copies; c++) {
        big.addAll(lines);
      }
      Path text = dir.resolve("texts.txt");
      Path one = dir.resolve("one.txt");
      Files.write(text, big, StandardCharsets.UTF_8);
      Files.write(one, lines.subList(0, 1), StandardCharsets.UTF_8);
      long dub = lm.vocabulary().size() + 1L;
      double load = Double.POSITIVE_INFINITY;
      double all = Double.POSITIVE_INFINITY;
      for (int r = 0; r < 2; r++) {
        load = Math.min(load, irstlm.get().eval(arpa, one, dub).seconds());
        all = Math.min(all, irstlm.get().eval(arpa, text, dub).seconds());
      }
      double peerRate = copies * tokens / Math.max(1e-9, all - load);
      out.printf(Locale.ROOT, "  %-38s %2d thread  %,12.0f tokens/s (%,d tokens; %.2f s with ARPA loading, %.2f s "
          + "loading alone)%n", "IRSTLM compile-lm --eval (peer)", 1, peerRate, copies * tokens, all, load);
      out.printf(Locale.ROOT, "  perplexity detector / IRSTLM scoring, one thread: %.2fx%n", ours / peerRate);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static long runOnce(java.util.function.Supplier<ToLongFunction<Integer>> perThread, int n, int threads)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Long>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int from = t;
        parts.add(pool.submit(() -> {
          ToLongFunction<Integer> f = perThread.get();
          long sum = 0;
          for (int i = from; i < n; i += threads) {
            sum += f.applyAsLong(i);
          }
          return sum;
        }));
      }
      long total = 0;
      for (Future<Long> p : parts) {
        total += p.get();
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }
}
