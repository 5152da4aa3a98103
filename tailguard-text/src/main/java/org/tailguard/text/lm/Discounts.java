package org.tailguard.text.lm;

/**
 * The three modified Kneser–Ney discounts of one order, estimated from its count-of-counts (Chen and
 * Goodman 1998, eq. 26): with Y = n1 / (n1 + 2 n2), D1 = 1 − 2Y n2/n1, D2 = 2 − 3Y n3/n2 and
 * D3+ = 3 − 4Y n4/n3, where n_r is the number of n-grams of this order whose (adjusted) count is r.
 *
 * <p>When the estimate is undefined (some n_r of r ≤ 4 is zero, as on tiny or collapsed corpora) or
 * leaves a discount outside (0, r], the order falls back to D1 = 0.5, D2 = 1, D3+ = 1.5, KenLM's
 * {@code --discount_fallback} default, and {@link #fallback} says so. These never exceed the counts they
 * discount, so every probability stays positive and every distribution sums to 1.
 *
 * @param order the n-gram order
 * @param d1 the discount of n-grams seen once
 * @param d2 the discount of n-grams seen twice
 * @param d3plus the discount of n-grams seen three times or more
 * @param n1 count-of-counts n1 (likewise n2, n3, n4)
 * @param n2 n2
 * @param n3 n3
 * @param n4 n4
 * @param fallback whether the fixed fallback discounts replaced the estimate
 */
public record Discounts(int order, double d1, double d2, double d3plus, long n1, long n2, long n3, long n4,
    boolean fallback) {
  /** KenLM's fallback discounts for orders whose count-of-counts cannot be used. */
  public static final double[] FALLBACK = {0.5, 1.0, 1.5};

  /** Chen and Goodman's estimate from the count-of-counts, or the fallback. */
  public static Discounts estimate(int order, long n1, long n2, long n3, long n4) {
    if (n1 > 0 && n2 > 0 && n3 > 0 && n4 > 0) {
      double y = (double) n1 / (n1 + 2.0 * n2);
      double d1 = 1 - 2 * y * n2 / n1;
      double d2 = 2 - 3 * y * n3 / n2;
      double d3 = 3 - 4 * y * n4 / n3;
      if (d1 > 0 && d1 <= 1 && d2 > 0 && d2 <= 2 && d3 > 0 && d3 <= 3) {
        return new Discounts(order, d1, d2, d3, n1, n2, n3, n4, false);
      }
    }
    return new Discounts(order, FALLBACK[0], FALLBACK[1], FALLBACK[2], n1, n2, n3, n4, true);
  }

  /** The discount of an n-gram with (adjusted) count c ≥ 1. */
  public double of(long c) {
    return c == 1 ? d1 : c == 2 ? d2 : d3plus;
  }
}
