package org.tailguard.text.indicators;

/**
 * A corpus-level mean computed over all items or estimated from a uniform random sample of them.
 *
 * <p>For a sample of k items drawn without replacement from N, the standard error is the sample standard
 * deviation / √k times the finite-population correction √((N − k)/(N − 1)) (Cochran, "Sampling
 * Techniques", 3rd ed., 1977, eq. 2.12), so it is 0 when every item is used; for pairs drawn with
 * replacement, it is the sample standard deviation / √k. Two estimates from the same seed are identical.
 *
 * @param mean the mean over the items used
 * @param standardError the standard error of {@code mean} as an estimate of the full mean; 0 if exact
 * @param used how many items were averaged (sentences, pairs)
 * @param population how many items the full mean averages
 */
public record Estimate(double mean, double standardError, long used, long population) {
  /** Whether every item was used, so {@link #mean()} is the full mean itself. */
  public boolean exact() {
    return used == population && standardError == 0;
  }
}
