package org.tailguard.text.lm;

/**
 * The sparse part of a next-token distribution: the words stored after some suffix of the context, each
 * with its exact probability, and the factor C by which every other word's unigram probability is scaled.
 *
 * <p>For a backoff model p(w | h) = C · p1(w) for every w outside S, the union of the stored successors
 * of h's suffixes, with C the product of the backoff weights of h's stored suffixes. Filling S costs
 * O(|S|) instead of O(|V|). A scratch object: one per thread, reused across calls.
 */
final class Successors {
  private static final ThreadLocal<Successors> LOCAL = ThreadLocal.withInitial(Successors::new);

  double[] val = new double[0]; // p(w | h) for w in S, indexed by word id
  int[] list = new int[0]; // S, in order of discovery (longest context first)
  int size;
  double rest; // C
  private int[] stamp = new int[0];
  private int epoch;
  private NgramLm lm;

  /** This thread's scratch, sized for the model. */
  static Successors local(NgramLm lm) {
    Successors s = LOCAL.get();
    s.use(lm);
    return s;
  }

  void use(NgramLm model) {
    this.lm = model;
    int v = model.vocabulary.size();
    if (val.length < v) {
      val = new double[v];
      stamp = new int[v];
      list = new int[v];
      epoch = 0;
    }
  }

  boolean contains(int w) {
    return stamp[w] == epoch;
  }

  /** Fills S and C for the context ids {@code ctx} (as from {@link NgramLm#contextIds}). */
  void fill(int[] ctx) {
    if (++epoch == Integer.MAX_VALUE) {
      java.util.Arrays.fill(stamp, 0);
      epoch = 1;
    }
    size = 0;
    double c = 1;
    for (int k = lm.order; k >= 2; k--) {
      int h = ctx[k - 1];
      if (h < 0) {
        continue;
      }
      int[] ws = lm.words[k];
      double[] ps = lm.probs[k];
      for (int g = lm.offsets[k - 1][h], end = lm.offsets[k - 1][h + 1]; g < end; g++) {
        int w = ws[g];
        if (stamp[w] != epoch) {
          stamp[w] = epoch;
          val[w] = c * ps[g];
          list[size++] = w;
        }
      }
      c *= lm.backoffs[k - 1][h];
    }
    rest = c;
  }
}
