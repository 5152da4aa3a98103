package org.tailguard.text.indicators;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.random.RandomStreams;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/**
 * Self-BLEU on 5,000 sentences, Tailguard against NLTK's {@code sentence_bleu} loop (issue 3, item 7).
 *
 * <p>Both sides compute Texygen's Self-BLEU (n = 3, uniform weights, smoothing method 1, each sentence
 * against all others) on the same sentences, single-threaded. NLTK costs O(N²) per corpus: every hypothesis
 * recounts all N − 1 references, so each costs the same; it is timed on a uniform random subset of
 * hypotheses (each against all other sentences) and extrapolated linearly to N, which the output says. The
 * scores of that subset are compared sentence by sentence; they agree within {@link #TOLERANCE}: both sides
 * use the same integer counts and correctly rounded divisions, and differ only where Java's log and exp
 * and the C library's round differently in the last bit (about 1e-16 relative). Tailguard's time is the
 * median of several full runs (indexing included) after JIT warm-up.
 *
 * <p>Run: {@code java -cp <tailguard-text and its dependencies>
 * org.tailguard.text.indicators.SelfBleuBenchmark [--corpus FILE] [--sentences 5000] [--nltk-sample 100]
 * [--seed 1]}; FILE holds one whitespace-tokenised sentence per line (for example Brown with its tags
 * stripped). Without a corpus, sentences are synthetic: Zipf-distributed words, 5 to 35 words long.
 */
public final class SelfBleuBenchmark {
  /** The largest per-sentence difference from NLTK accepted as agreement. */
  public static final double TOLERANCE = 1e-12;

  /**
   * The benchmark's settings.
   *
   * @param corpus one sentence per line, whitespace-tokenised; null for synthetic sentences
   * @param sentences how many sentences to sample (issue: 5,000), at least 2
   * @param nltkHypotheses how many hypotheses NLTK scores, at least 1; capped at {@code sentences}
   * @param seed the seed of the sentence sample, the NLTK subset and the synthetic text
   * @param warmups untimed Tailguard runs before timing
   * @param repeats timed Tailguard runs (the median is reported), at least 1
   * @param python the interpreter with NLTK
   * @param timeoutSeconds the longest the NLTK run may take
   */
  public record Options(Path corpus, int sentences, int nltkHypotheses, long seed, int warmups, int repeats,
      Path python, long timeoutSeconds) {
    public Options {
      if (sentences < 2) {
        throw new IllegalArgumentException("sentences: must be at least 2, got " + sentences);
      }
      if (nltkHypotheses < 1) {
        throw new IllegalArgumentException("nltkHypotheses: must be at least 1, got " + nltkHypotheses);
      }
      if (repeats < 1 || warmups < 0) {
        throw new IllegalArgumentException("repeats: must be at least 1 (warmups at least 0), got " + repeats
            + " and " + warmups);
      }
    }

    /** The size: 5,000 sentences, NLTK on 100 of them, 3 warm-ups, 5 timed runs. */
    public static Options defaults(Path corpus) {
      return new Options(corpus, 5000, 100, 1, 3, 5, NltkPeer.SYSTEM_PYTHON, 3600);
    }
  }

  /**
   * What one run measured.
   *
   * @param tailguardSeconds the median seconds of Tailguard's Self-BLEU over all sentences
   * @param tailguardScore Tailguard's Self-BLEU over all sentences
   * @param nltkSeconds NLTK's seconds for its subset, or NaN if NLTK was not run
   * @param nltkExtrapolatedSeconds NLTK's seconds scaled to all sentences, or NaN
   * @param maxDifference the largest per-sentence difference on the subset, or NaN
   * @param agree whether every subset score agreed within {@link #TOLERANCE} (false if NLTK was not run)
   * @param ratio NLTK's extrapolated time / Tailguard's, or NaN
   * @param unavailable why NLTK was not run, or null
   */
  public record Result(double tailguardSeconds, double tailguardScore, double nltkSeconds,
      double nltkExtrapolatedSeconds, double maxDifference, boolean agree, double ratio, String unavailable) {}

  private final Options options;

  public SelfBleuBenchmark(Options options) {
    this.options = options;
  }

  /** Runs both sides and prints what was measured. */
  public Result run(PrintStream out) {
    UniformRandomProvider rng = RandomStreams.of(options.seed());
    Sentences corpus = options.corpus() == null ? synthetic(options.sentences(), rng) : sample(options.corpus(),
        options.sentences(), rng);
    int n = corpus.size();
    int[][] s = corpus.sentences();
    out.printf(Locale.ROOT, "Self-BLEU, Texygen settings (n = %d, uniform weights, NLTK smoothing method1, "
        + "each sentence against all others), one thread per side%n", SelfBleu.TEXYGEN_GRAM);
    out.printf(Locale.ROOT, "sentences: %d %s, %d tokens, mean length %.1f (seed %d)%n", n,
        options.corpus() == null ? "synthetic (Zipf words, 5-35 words)" : "sampled from " + options.corpus(),
        corpus.tokens(), (double) corpus.tokens() / n, options.seed());
    if (n < options.sentences()) {
      out.printf(Locale.ROOT, "note: the corpus has only %d sentences, fewer than the %d asked for%n", n,
          options.sentences());
    }

    double[] all = null;
    for (int i = 0; i < options.warmups(); i++) {
      all = SelfBleu.scores(corpus, SelfBleu.TEXYGEN_GRAM);
    }
    double[] seconds = new double[options.repeats()];
    for (int i = 0; i < seconds.length; i++) {
      long t0 = System.nanoTime();
      all = SelfBleu.scores(corpus, SelfBleu.TEXYGEN_GRAM);
      seconds[i] = (System.nanoTime() - t0) / 1e9;
    }
    Arrays.sort(seconds);
    double ours = seconds[seconds.length / 2];
    double score = SelfBleu.mean(all);
    out.printf(Locale.ROOT, "Tailguard: Self-BLEU %.6f over %d sentences in %.4f s (median of %d runs after %d "
        + "warm-ups; fastest %.4f s)%n", score, n, ours, seconds.length, options.warmups(), seconds[0]);

    NltkPeer.Located located = NltkPeer.locate(options.python());
    if (located.peer() == null) {
      out.println("NLTK: not run: " + located.unavailable());
      return new Result(ours, score, Double.NaN, Double.NaN, Double.NaN, false, Double.NaN, located.unavailable());
    }
    try (NltkPeer peer = located.peer()) {
      int m = Math.min(options.nltkHypotheses(), n);
      int[] subset = SelfBleu.sampleWithoutReplacement(n, m, rng);
      Arrays.sort(subset);
      NltkPeer.Result nltk = peer.selfBleu(s, SelfBleu.TEXYGEN_GRAM, subset, options.timeoutSeconds());
      double extrapolated = nltk.seconds() * n / m;
      double maxDiff = 0;
      double ourSubset = 0;
      double theirSubset = 0;
      for (int i = 0; i < m; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(all[subset[i]] - nltk.values()[i]));
        ourSubset += all[subset[i]];
        theirSubset += nltk.values()[i];
      }
      boolean agree = maxDiff <= TOLERANCE;
      if (m == n) {
        out.printf(Locale.ROOT, "NLTK %s (Python %s): all %d hypotheses in %.2f s%n", peer.nltkVersion(),
            peer.pythonVersion(), n, nltk.seconds());
      } else {
        out.printf(Locale.ROOT, "NLTK %s (Python %s): %d of %d hypotheses (uniform random subset), each against "
            + "the other %d sentences, in %.2f s; EXTRAPOLATED to all %d: %.1f s (x %d/%d: every hypothesis "
            + "costs one pass over all references)%n", peer.nltkVersion(), peer.pythonVersion(), m, n, n - 1,
            nltk.seconds(), n, extrapolated, n, m);
      }
      out.printf(Locale.ROOT, "agreement on those %d sentences: max |difference| %.3g (tolerance %.0e): %s; "
          + "subset means %.12f (Tailguard) and %.12f (NLTK)%n", m, maxDiff, TOLERANCE, agree ? "agree" : "DISAGREE",
          ourSubset / m, theirSubset / m);
      double ratio = extrapolated / ours;
      out.printf(Locale.ROOT, "ratio: NLTK / Tailguard = %.0fx (goal: at least 100x)%s%n", ratio,
          m == n ? "" : ", NLTK time extrapolated");
      return new Result(ours, score, nltk.seconds(), extrapolated, maxDiff, agree, ratio, null);
    }
  }

  /** {@code sentences} lines drawn uniformly without replacement from the non-empty lines of a file. */
  static Sentences sample(Path file, int sentences, UniformRandomProvider rng) {
    List<String[]> lines = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String t = line.strip();
        if (!t.isEmpty()) {
          lines.add(t.split("\\s+"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    int k = Math.min(sentences, lines.size());
    int[] chosen = SelfBleu.sampleWithoutReplacement(lines.size(), k, rng);
    List<String[]> picked = new ArrayList<>(k);
    for (int i : chosen) {
      picked.add(lines.get(i));
    }
    Vocabulary v = Vocabulary.build(picked, 1);
    int[][] ids = new int[k][];
    for (int i = 0; i < k; i++) {
      ids[i] = v.encode(picked.get(i));
    }
    return new Sentences(v, ids);
  }

  /**
   * Synthetic sentences: lengths 5 + three uniform draws from 0..10 (mean 20, as Brown's sentences), words
   * from a Zipf law with exponent 1.1 over 20,000 types (inverse-CDF sampling).
   */
  static Sentences synthetic(int sentences, UniformRandomProvider rng) {
    int types = 20_000;
    double[] cdf = new double[types];
    double total = 0;
    for (int r = 0; r < types; r++) {
      total += Math.pow(r + 1, -1.1);
      cdf[r] = total;
    }
    List<String> words = new ArrayList<>(types);
    for (int r = 0; r < types; r++) {
      words.add("w" + r);
    }
    Vocabulary v = Vocabulary.of(words);
    int[][] ids = new int[sentences][];
    for (int i = 0; i < sentences; i++) {
      int len = 5 + rng.nextInt(11) + rng.nextInt(11) + rng.nextInt(11);
      ids[i] = new int[len];
      for (int j = 0; j < len; j++) {
        int r = Arrays.binarySearch(cdf, rng.nextDouble() * total);
        ids[i][j] = 3 + (r >= 0 ? r : Math.min(types - 1, -r - 1));
      }
    }
    return new Sentences(v, ids);
  }

  /** Command-line entry for a manual run; the CLI will call {@link #run(PrintStream)} itself. */
  public static void main(String[] args) {
    Path corpus = null;
    int sentences = 5000;
    int nltk = 100;
    long seed = 1;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a + ": needs a value");
      }
      String value = args[++i];
      switch (a) {
        case "--corpus" -> corpus = Path.of(value);
        case "--sentences" -> sentences = Integer.parseInt(value);
        case "--nltk-sample" -> nltk = Integer.parseInt(value);
        case "--seed" -> seed = Long.parseLong(value);
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    Options d = Options.defaults(corpus);
    new SelfBleuBenchmark(new Options(corpus, sentences, nltk, seed, d.warmups(), d.repeats(), d.python(),
        d.timeoutSeconds())).run(System.out);
  }
}
