package org.tailguard.metrics;

/**
 * Tail and coverage measures of a discrete distribution: support size, lost true mass, tail mass beyond
 * rank k.
 *
 * <p>Early model collapse is the loss of the tails (Shumailov et al., Nature 2024): outcomes of small
 * probability stop being sampled, the fitted model gives them probability 0, and they never come back.
 * The support size counts the outcomes left; the lost true mass Σ_{p̂_i = 0} p_i weighs the lost ones by
 * their true probability, and is the test error of the memorising "Hutter LLM" of Dohmatob et al.,
 * "A Tale of Tails" (ICML 2024, arXiv 2402.07043); the tail mass beyond rank k is what a tail cut at k
 * removes (ibid., Thm 2.1). Head-weighted diversity (Gini-Simpson, entropy; see {@link Diversity}) barely
 * moves while these collapse, which is why they are recorded first.
 *
 * <p>Inputs are probability vectors (non-negative, summing to 1) or counts; they are not checked.
 */
public final class TailMetrics {
  private TailMetrics() {}

  /** The number of outcomes with positive probability. */
  public static int supportSize(double[] p) {
    int s = 0;
    for (double x : p) {
      s += x > 0 ? 1 : 0;
    }
    return s;
  }

  /** The number of outcomes with a positive count. */
  public static int supportSize(int[] counts) {
    int s = 0;
    for (int c : counts) {
      s += c > 0 ? 1 : 0;
    }
    return s;
  }

  /**
   * The lost true mass Σ_{model_i = 0} truth_i: the true probability of the outcomes the model can no
   * longer produce.
   *
   * @param truth the true distribution
   * @param model the model's distribution over the same outcomes
   * @return a value in [0, 1]
   */
  public static double lostMass(double[] truth, double[] model) {
    if (truth.length != model.length) {
      throw new IllegalArgumentException("distributions differ in length: " + truth.length + " and " + model.length);
    }
    double s = 0;
    for (int i = 0; i < truth.length; i++) {
      if (model[i] == 0) {
        s += truth[i];
      }
    }
    return Math.min(1, s);
  }

  /**
   * The lost true mass with the model given by its support, in O(support): 1 − Σ_{i ∈ support} truth_i,
   * summed with compensation so that rounding stays near 1e-16.
   *
   * @param truth the true distribution, summing to 1
   * @param support the outcomes the model gives positive probability, distinct
   */
  public static double lostMass(double[] truth, int[] support) {
    return Math.min(1, Math.max(0, 1 - DiscreteDistances.massAt(truth, support)));
  }

  /**
   * The mass of everything except the k most probable outcomes: Σp − (the k largest p_i). Ties at rank k
   * do not matter, since tied outcomes carry equal mass. Zero entries may be left out of {@code p}, so a
   * distribution can be passed as its positive masses only.
   *
   * @param p the masses, in any order; not modified
   * @param k the rank, at least 0; k ≥ the number of entries gives 0
   * @return the tail mass, in [0, Σp]
   */
  public static double tailMassBeyondRank(double[] p, int k) {
    if (k < 0) {
      throw new IllegalArgumentException("rank k must be at least 0, got " + k);
    }
    if (k >= supportSize(p)) {
      return 0;
    }
    double[] a = p.clone();
    selectLargest(a, k);
    double s = 0;
    for (int i = k; i < a.length; i++) {
      s += a[i];
    }
    return s;
  }

  /*
   * Quickselect (Hoare, CACM 4, 1961, "Find"), rearranging a so that a[0..k) hold its k largest values, in
   * expected O(n). The pivot is the median of three, so no randomness is needed and sorted input (ranked
   * Zipf masses) stays linear.
   */
  private static void selectLargest(double[] a, int k) {
    int lo = 0;
    int hi = a.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      double x = median(a[lo], a[mid], a[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] > x) {
          i++;
        }
        while (a[j] < x) {
          j--;
        }
        if (i <= j) {
          double t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      // now a[lo..j] >= x >= a[i..hi], and a[j+1..i-1] == x
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return;
      }
    }
  }

  private static double median(double a, double b, double c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }
}
