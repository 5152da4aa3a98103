package org.tailguard.text.lm;

import java.util.Arrays;
import java.util.Map;
import java.util.WeakHashMap;
import org.tailguard.text.token.Vocabulary;

/**
 * A reading position in a token stream scored by an {@link NgramLm}: the model's state after the tokens
 * read so far, the next-token distribution there in backoff form, and each token's probability and rank,
 * all in one left-to-right pass.
 *
 * <p>A backoff model's next-token distribution is p(w | h) = P(w) for w in S, the stored successors of
 * h's suffixes, and p(w | h) = C · p1(w) for every other w, with C the product of the backoff weights of
 * h's stored suffixes (Katz 1987). This class exposes S, P and C, so that sums over the whole vocabulary
 * (entropies, cross-entropies, the moments of Fast-DetectGPT) cost O(|S|) with precomputed unigram sums
 * instead of O(|V|). Reading {@code </s>} returns the state to {@code <s>}, so a stream holds many
 * sentences. {@link #prob} and {@link #rank} agree with {@link NgramLm#prob} and {@link NgramLm#rank} given
 * the same context, and the log-probabilities come from tables of logs computed once per model (8 bytes
 * per stored n-gram), so a pass over S needs no {@code log} call. Not thread-safe: one cursor per thread;
 * the model may be shared.
 */
public final class NgramCursor {
  private static final Map<NgramLm, double[][][]> LOGS = new WeakHashMap<>();

  private final NgramLm lm;
  private int[] ctx;
  private int[] next;
  private boolean filled;
  private final double[] unigramsAscending;
  private final double[][] logProbs; // [k][id], as lm.probs
  private final double[][] logBackoffs; // [k][id], as lm.backoffs
  // S: the stored successors of the current context, with p and log p, stamped by epoch
  private final double[] val;
  private final double[] logVal;
  private final int[] list;
  private final byte[] level; // the order of the stored n-gram that gave each word of S
  private final int[] stamp;
  private int epoch;
  private int size;
  private double rest;
  private double logRest;

  /** A cursor at the start of a sentence (context {@code <s>}). */
  public NgramCursor(NgramLm lm) {
    this.lm = lm;
    this.ctx = new int[lm.order];
    this.next = new int[lm.order];
    this.unigramsAscending = lm.probs[1].clone();
    Arrays.sort(unigramsAscending);
    double[][][] logs = logs(lm);
    this.logProbs = logs[0];
    this.logBackoffs = logs[1];
    int v = lm.vocabulary.size();
    val = new double[v];
    logVal = new double[v];
    list = new int[v];
    level = new byte[v];
    stamp = new int[v];
    reset();
  }

  private static double[][][] logs(NgramLm lm) {
    synchronized (LOGS) {
      return LOGS.computeIfAbsent(lm, m -> {
        double[][] lp = new double[m.order + 1][];
        double[][] lb = new double[m.order][];
        for (int k = 1; k <= m.order; k++) {
          lp[k] = Arrays.stream(m.probs[k]).map(Math::log).toArray();
          if (k < m.order) {
            lb[k] = Arrays.stream(m.backoffs[k]).map(Math::log).toArray();
          }
        }
        return new double[][][] {lp, lb};
      });
    }
  }

  public NgramLm model() {
    return lm;
  }

  /** Back to the start of a sentence. */
  public void reset() {
    lm.resetState(ctx);
    filled = false;
  }

  /** Moves past {@code word}; after {@code </s>} the context is {@code <s>} again. Returns p(word | state). */
  public double advance(int word) {
    lm.checkWord(word);
    filled = false;
    if (word == Vocabulary.EOS) {
      double p = lm.probOfIds(ctx, word);
      reset();
      return p;
    }
    double p = lm.advance(ctx, next, word);
    int[] t = ctx;
    ctx = next;
    next = t;
    return p;
  }

  /** p(word | state). */
  public double prob(int word) {
    lm.checkWord(word);
    if (filled) {
      return stamp[word] == epoch ? val[word] : rest * lm.probs[1][word];
    }
    return lm.probOfIds(ctx, word);
  }

  /** log p(word | state), from the log tables once S is filled. */
  public double logProb(int word) {
    lm.checkWord(word);
    fill();
    return stamp[word] == epoch ? logVal[word] : logRest + logProbs[1][word];
  }

  /**
   * The order of the n-gram that predicts {@code word} here: k if the model stores the k-gram of the last
   * k − 1 context words and {@code word} (the longest such), 1 if it backs off to the unigram.
   */
  public int matchOrder(int word) {
    lm.checkWord(word);
    fill();
    return stamp[word] == epoch ? level[word] : 1;
  }

  /** The number of words in S, the explicitly stored part of the next-token distribution; fills S. */
  public int stored() {
    fill();
    return size;
  }

  /** The i-th word of S (0 &lt;= i &lt; {@link #stored()}). */
  public int storedWord(int i) {
    fill();
    return list[i];
  }

  /** p(w | state) of the i-th word of S. */
  public double storedProb(int i) {
    fill();
    return val[list[i]];
  }

  /** log p(w | state) of the i-th word of S. */
  public double storedLogProb(int i) {
    fill();
    return logVal[list[i]];
  }

  /** Whether {@code word} is in S. */
  public boolean isStored(int word) {
    fill();
    return stamp[word] == epoch;
  }

  /** C: every word outside S has probability C · p1(w). */
  public double backoff() {
    fill();
    return rest;
  }

  /** log C. */
  public double logBackoff() {
    fill();
    return logRest;
  }

  /**
   * The rank of {@code word} in the next-token distribution: 1 + the number of ids with a strictly higher
   * probability (relative ties within 1e-9 shared), as {@link NgramLm#rank}. O(|S| + log |V|).
   */
  public int rank(int word) {
    fill();
    double pt = prob(word);
    if (pt == 0) {
      return lm.vocabulary.size();
    }
    double above = pt * (1 + 1e-9);
    double c = rest;
    double unigramAbove = c > 0 ? above / c : Double.POSITIVE_INFINITY;
    int rank = 1 + unigramsAscending.length - upperBound(unigramsAscending, unigramAbove);
    double[] p1 = lm.probs[1];
    for (int i = 0; i < size; i++) {
      int w = list[i];
      if (p1[w] > unigramAbove) {
        rank--;
      }
      if (val[w] > above) {
        rank++;
      }
    }
    return rank;
  }

  /** S and C as {@link Successors#fill} builds them, with logs from the tables. */
  private void fill() {
    if (filled) {
      return;
    }
    if (++epoch == Integer.MAX_VALUE) {
      Arrays.fill(stamp, 0);
      epoch = 1;
    }
    size = 0;
    double c = 1;
    double lc = 0;
    for (int k = lm.order; k >= 2; k--) {
      int h = ctx[k - 1];
      if (h < 0) {
        continue;
      }
      int[] ws = lm.words[k];
      double[] ps = lm.probs[k];
      double[] lps = logProbs[k];
      for (int g = lm.offsets[k - 1][h], end = lm.offsets[k - 1][h + 1]; g < end; g++) {
        int w = ws[g];
        if (stamp[w] != epoch) {
          stamp[w] = epoch;
          val[w] = c * ps[g];
          logVal[w] = lc + lps[g];
          level[w] = (byte) k;
          list[size++] = w;
        }
      }
      c *= lm.backoffs[k - 1][h];
      lc += logBackoffs[k - 1][h];
    }
    rest = c;
    logRest = lc;
    filled = true;
  }

  private static int upperBound(double[] sorted, double x) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
