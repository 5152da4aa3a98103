package org.tailguard.text.indicators;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.text.token.Sentences;

/**
 * Self-BLEU with Texygen's settings: the mean, over the sentences, of each sentence's BLEU against all
 * <em>other</em> sentences as references; higher means a more homogeneous corpus.
 *
 * <p>Zhu et al., "Texygen: A Benchmarking Platform for Text Generation Models" (SIGIR 2018),
 * {@code utils/metrics/SelfBleu.py}, {@code get_bleu_parallel}: NLTK's {@code sentence_bleu(others,
 * hypothesis, weights, smoothing_function=SmoothingFunction().method1)} with uniform weights 1/N for
 * n = 1..N, N = 3 by default. For one hypothesis h of length c (NLTK 3.8, {@code bleu_score.py}):
 * <ul>
 *   <li>p_n = Σ_g min(count_h(g), max_{r ≠ h} count_r(g)) / max(1, c − n + 1), g over h's distinct
 *       n-grams (Papineni et al. 2002's clipped precision); method 1 of Chen and Cherry (WMT 2014) replaces a
 *       zero numerator by ε = 0.1;</li>
 *   <li>if h shares no unigram with any other sentence (or is empty), its score is 0;</li>
 *   <li>the brevity penalty uses the length r of the other sentence closest in length to c (the shorter
 *       on a tie): 1 if c > r, else exp(1 − r/c);</li>
 *   <li>BLEU = BP · exp(Σ_n (1/N) ln p_n), the sum taken exactly as Python's {@code math.fsum}.</li>
 * </ul>
 * Texygen's {@code get_bleu} wrongly keeps the hypothesis among its own references; that path is not
 * reproduced. Its "fast" mode ({@link #texygenFast}), the default of its {@code get_score}, scores only the
 * first 500 sentences against each other; {@link #sampled} instead scores a random subset of hypotheses
 * against the whole corpus, an unbiased estimate of the exact value. The exact value is cheap here (see
 * below), so neither shortcut is needed for speed.
 */
public final class SelfBleu {
  /** Texygen's default highest order. */
  public static final int TEXYGEN_GRAM = 3;
  /** Texygen's "fast" sample: the first 500 sentences. */
  public static final int TEXYGEN_FAST_SIZE = 500;
  /** NLTK's {@code SmoothingFunction().method1} epsilon. */
  static final double EPSILON = 0.1;

  /*
   * How it is fast. NLTK recounts every reference for every hypothesis: O(N² L) for N sentences of length
   * L. Here the corpus is indexed once (NGramTable) and, per n-gram g, three numbers are kept: the largest
   * count of g in any one sentence, which sentence holds it, and the second largest count (equal to the
   * largest on a tie). The reference maximum for hypothesis h is then the largest count unless h is its
   * holder, in which case it is the second largest: max over r ≠ h, in O(1). The closest reference length
   * comes from the histogram of sentence lengths with h's own length removed once. Total O(N L) time,
   * O(distinct n-grams) memory. The arithmetic follows NLTK's operation by operation (integer counts,
   * correctly rounded divisions, an exact sum of the log terms); log and exp may differ from the C
   * library's in the last bit, which bounds the disagreement near 1e-15 per sentence.
   */

  private SelfBleu() {}

  /** Self-BLEU over all sentences with Texygen's N = 3. */
  public static double exact(Sentences corpus) {
    return exact(corpus, TEXYGEN_GRAM);
  }

  /**
   * Self-BLEU over all sentences, each against all others.
   *
   * @param maxN the highest order N, at least 1
   * @return the mean score, in [0, 1]
   * @throws IllegalArgumentException if the corpus has fewer than 2 sentences
   */
  public static double exact(Sentences corpus, int maxN) {
    return mean(scores(corpus, maxN));
  }

  /**
   * Each sentence's BLEU against all other sentences.
   *
   * @param maxN the highest order N, at least 1
   * @throws IllegalArgumentException if the corpus has fewer than 2 sentences
   */
  public static double[] scores(Sentences corpus, int maxN) {
    int[][] s = corpus.sentences();
    int[] all = new int[s.length];
    Arrays.setAll(all, i -> i);
    return scores(s, maxN, all);
  }

  /**
   * Texygen's fast mode: the first min(500, size) sentences only, each against the others of those.
   *
   * @throws IllegalArgumentException if the corpus has fewer than 2 sentences
   */
  public static double texygenFast(Sentences corpus) {
    int[][] s = corpus.sentences();
    int[][] head = Arrays.copyOf(s, Math.min(TEXYGEN_FAST_SIZE, s.length));
    int[] all = new int[head.length];
    Arrays.setAll(all, i -> i);
    return mean(scores(head, TEXYGEN_GRAM, all));
  }

  /**
   * Self-BLEU estimated from {@code hypotheses} sentences drawn uniformly without replacement, each scored
   * against all other sentences of the corpus: an unbiased estimate of {@link #exact(Sentences, int)}.
   *
   * @param maxN the highest order N, at least 1
   * @param hypotheses how many sentences to score, at least 1; capped at the corpus size (then exact)
   * @param rng the only source of randomness
   * @throws IllegalArgumentException if the corpus has fewer than 2 sentences
   */
  public static Estimate sampled(Sentences corpus, int maxN, int hypotheses, UniformRandomProvider rng) {
    if (hypotheses < 1) {
      throw new IllegalArgumentException("hypotheses: must be at least 1, got " + hypotheses);
    }
    int[][] s = corpus.sentences();
    int k = Math.min(hypotheses, s.length);
    int[] chosen = sampleWithoutReplacement(s.length, k, rng);
    double[] v = scores(s, maxN, chosen);
    return estimate(v, s.length);
  }

  /** The BLEU of each listed hypothesis against all other sequences. */
  static double[] scores(int[][] sentences, int maxN, int[] hypotheses) {
    References refs = new References(sentences, Lexical.checkOrder(maxN));
    double[] out = new double[hypotheses.length];
    for (int i = 0; i < hypotheses.length; i++) {
      out[i] = refs.bleu(hypotheses[i]);
    }
    return out;
  }

  /** The corpus as everyone's references: per n-gram, the two largest counts in any one sentence. */
  private static final class References {
    private final int[][] sentences;
    private final int maxN;
    private final NGramTable table;
    private final int[][] top1; // top1[n-1][g]: the largest count of g in one sentence
    private final int[][] holder; // the sentence holding top1
    private final int[][] top2; // the largest count in any other sentence
    private final int[] scratch;
    private final ClosestLength lengths;
    private final double[] terms;

    References(int[][] sentences, int maxN) {
      if (sentences.length < 2) {
        throw new IllegalArgumentException("sentences: Self-BLEU needs at least 2 sentences, got " + sentences.length);
      }
      this.sentences = sentences;
      this.maxN = maxN;
      this.table = NGramTable.of(sentences, maxN);
      int widest = 0;
      for (int n = 1; n <= maxN; n++) {
        widest = Math.max(widest, table.distinct(n));
      }
      scratch = new int[widest];
      top1 = new int[maxN][];
      holder = new int[maxN][];
      top2 = new int[maxN][];
      for (int n = 1; n <= maxN; n++) {
        int d = table.distinct(n);
        int[] a = new int[d];
        int[] b = new int[d];
        int[] who = new int[d];
        Arrays.fill(who, -1);
        int[] ids = table.ids(n);
        int[] off = table.offsets(n);
        for (int r = 0; r < sentences.length; r++) {
          for (int p = off[r]; p < off[r + 1]; p++) {
            scratch[ids[p]]++;
          }
          for (int p = off[r]; p < off[r + 1]; p++) {
            int g = ids[p];
            int c = scratch[g];
            if (c == 0) {
              continue; // this n-gram of r was already recorded
            }
            scratch[g] = 0;
            if (c > a[g]) {
              b[g] = a[g];
              a[g] = c;
              who[g] = r;
            } else if (c > b[g]) {
              b[g] = c;
            }
          }
        }
        top1[n - 1] = a;
        top2[n - 1] = b;
        holder[n - 1] = who;
      }
      lengths = new ClosestLength(sentences);
      terms = new double[maxN];
    }

    /** Sentence h's BLEU against all other sentences. */
    double bleu(int h) {
      int c = sentences[h].length;
      double weight = 1.0 / maxN; // Texygen: tuple(1. / ngram for _ in range(ngram))
      for (int n = 1; n <= maxN; n++) {
        long clipped = clippedMatches(h, n);
        if (n == 1 && clipped == 0) {
          return 0; // NLTK returns 0 when no unigram matches (also for an empty hypothesis)
        }
        int denominator = Math.max(1, c - n + 1);
        double precision = clipped == 0 ? EPSILON / denominator : (double) clipped / denominator;
        terms[n - 1] = weight * Math.log(precision);
      }
      int r = lengths.closest(c);
      double bp = c > r ? 1 : Math.exp(1 - (double) r / c);
      return bp * Math.exp(fsum(terms));
    }

    /** Σ over h's distinct n-grams g of min(count in h, max count in any other sentence). */
    private long clippedMatches(int h, int n) {
      int[] ids = table.ids(n);
      int[] off = table.offsets(n);
      int[] a = top1[n - 1];
      int[] b = top2[n - 1];
      int[] who = holder[n - 1];
      for (int p = off[h]; p < off[h + 1]; p++) {
        scratch[ids[p]]++;
      }
      long clipped = 0;
      for (int p = off[h]; p < off[h + 1]; p++) {
        int g = ids[p];
        int count = scratch[g];
        if (count == 0) {
          continue;
        }
        scratch[g] = 0;
        clipped += Math.min(count, who[g] == h ? b[g] : a[g]);
      }
      return clipped;
    }
  }

  /*
   * The other sentences' length closest to c, the shorter on a tie (NLTK's closest_ref_length with key
   * (|r − c|, r)), with the hypothesis's own length removed once from the histogram.
   */
  private static final class ClosestLength {
    private final int[] count;
    private final int[] below; // below[c]: the largest length < c present, or -1
    private final int[] above; // above[c]: the smallest length > c present, or -1

    ClosestLength(int[][] sentences) {
      int max = Lexical.maxLength(sentences);
      count = new int[max + 1];
      for (int[] s : sentences) {
        count[s.length]++;
      }
      below = new int[max + 1];
      above = new int[max + 1];
      int last = -1;
      for (int l = 0; l <= max; l++) {
        below[l] = last;
        if (count[l] > 0) {
          last = l;
        }
      }
      last = -1;
      for (int l = max; l >= 0; l--) {
        above[l] = last;
        if (count[l] > 0) {
          last = l;
        }
      }
    }

    int closest(int c) {
      if (count[c] >= 2) {
        return c;
      }
      int lo = below[c];
      int hi = above[c];
      if (lo < 0) {
        return hi;
      }
      if (hi < 0) {
        return lo;
      }
      return c - lo <= hi - c ? lo : hi;
    }
  }

  /**
   * The correctly rounded sum of the values, as Python's {@code math.fsum} (Shewchuk, "Adaptive Precision
   * Floating-Point Arithmetic", Discrete Comput. Geom. 18, 1997; CPython's {@code math_fsum}, including its
   * half-even correction). Finite inputs only.
   */
  static double fsum(double[] values) {
    double[] partials = new double[values.length + 1];
    int np = 0;
    for (double v : values) {
      double x = v;
      int i = 0;
      for (int j = 0; j < np; j++) {
        double y = partials[j];
        if (Math.abs(x) < Math.abs(y)) {
          double t = x;
          x = y;
          y = t;
        }
        double hi = x + y;
        double lo = y - (hi - x);
        if (lo != 0) {
          partials[i++] = lo;
        }
        x = hi;
      }
      np = i;
      if (np == partials.length) {
        partials = Arrays.copyOf(partials, 2 * np);
      }
      partials[np++] = x;
    }
    if (np == 0) {
      return 0;
    }
    int n = np - 1;
    double hi = partials[n];
    double lo = 0;
    while (n > 0) {
      double x = hi;
      double y = partials[--n];
      hi = x + y;
      double yr = hi - x;
      lo = y - yr;
      if (lo != 0) {
        break;
      }
    }
    if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
      double y = lo * 2;
      double x = hi + y;
      double yr = x - hi;
      if (y == yr) {
        hi = x;
      }
    }
    return hi;
  }

  static int[] sampleWithoutReplacement(int population, int k, UniformRandomProvider rng) {
    int[] a = new int[population];
    Arrays.setAll(a, i -> i);
    for (int i = 0; i < k; i++) {
      int j = i + rng.nextInt(population - i);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return Arrays.copyOf(a, k);
  }

  static Estimate estimate(double[] v, long population) {
    double m = mean(v);
    double se = 0;
    if (v.length > 1 && v.length < population) {
      double ss = 0;
      for (double x : v) {
        ss += (x - m) * (x - m);
      }
      double sd = Math.sqrt(ss / (v.length - 1));
      se = sd / Math.sqrt(v.length) * Math.sqrt((double) (population - v.length) / (population - 1));
    }
    return new Estimate(m, se, v.length, population);
  }

  /** The mean as Python's {@code sum(scores) / len(scores)}: left-to-right summation. */
  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }
}
