package org.tailguard.text.lm;

/**
 * Walks a next-token distribution of an {@link NgramLm} from the most probable token down, without
 * touching the whole vocabulary: the k-way merge of one stream per context length.
 *
 * <p>In a backoff model a word's probability comes from the longest context j after which it is stored:
 * p(w | h) = B_j · P(h_j w), with B_j the product of the backoff weights of the longer stored contexts.
 * Stream j lists h_j's successors by decreasing stored probability (the model's per-context order),
 * skipping words stored after a longer context; the unigram stream lists the vocabulary by decreasing
 * p1. Merging the stream heads yields the distribution in decreasing order at O(order · log) per token,
 * so top-k, top-p, greedy and beam decoding stop after the tokens they keep. A scratch object: one per
 * thread.
 */
final class Descending {
  private final NgramLm lm;
  private final int[][] byProb;
  private final int[] ctx;
  private final int[] pos;
  private final int[] end;
  private final double[] scale;
  private final int[] headWord;
  private final double[] headProb;
  private double last;

  Descending(NgramLm lm) {
    this.lm = lm;
    this.byProb = lm.byProbability();
    int n = lm.order;
    ctx = new int[n];
    pos = new int[n + 1];
    end = new int[n + 1];
    scale = new double[n + 1];
    headWord = new int[n + 1];
    headProb = new double[n + 1];
  }

  /** Starts the walk for context ids {@code state} (as from {@link NgramLm#contextIds}). */
  void start(int[] state) {
    System.arraycopy(state, 0, ctx, 0, lm.order);
    double b = 1;
    for (int k = lm.order; k >= 1; k--) {
      if (k == 1) {
        pos[1] = 0;
        end[1] = lm.unigramOrder.length;
      } else if (ctx[k - 1] >= 0) {
        int h = ctx[k - 1];
        pos[k] = lm.offsets[k - 1][h];
        end[k] = lm.offsets[k - 1][h + 1];
      } else {
        pos[k] = end[k] = 0;
      }
      scale[k] = b;
      if (k > 1 && ctx[k - 1] >= 0) {
        b *= lm.backoffs[k - 1][ctx[k - 1]];
      }
      advance(k);
    }
  }

  /** The next most probable word, or -1 when all words of positive probability have been returned. */
  int next() {
    int best = -1;
    for (int k = lm.order; k >= 1; k--) {
      int w = headWord[k];
      if (w >= 0 && (best < 0 || headProb[k] > headProb[best]
          || (headProb[k] == headProb[best] && w < headWord[best]))) {
        best = k;
      }
    }
    if (best < 0 || headProb[best] <= 0) {
      return -1;
    }
    int w = headWord[best];
    last = headProb[best];
    pos[best]++;
    advance(best);
    return w;
  }

  /** The probability of the word last returned by {@link #next}. */
  double prob() {
    return last;
  }

  private void advance(int k) {
    while (pos[k] < end[k]) {
      int w;
      double p;
      if (k == 1) {
        w = lm.unigramOrder[pos[1]];
        p = lm.probs[1][w];
      } else {
        int g = byProb[k][pos[k]];
        w = lm.words[k][g];
        p = lm.probs[k][g];
      }
      if (!storedAbove(k, w)) {
        headWord[k] = w;
        headProb[k] = scale[k] * p;
        return;
      }
      pos[k]++;
    }
    headWord[k] = -1;
  }

  private boolean storedAbove(int k, int w) {
    for (int i = k + 1; i <= lm.order; i++) {
      if (ctx[i - 1] >= 0 && lm.find(i, ctx[i - 1], w) >= 0) {
        return true;
      }
    }
    return false;
  }
}
