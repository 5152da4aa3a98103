package org.tailguard.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A hot loop that the peer benchmark races against NumPy.
 *
 * <p>{@link #GAUSSIAN} is the 1-D Gaussian refitted by the unbiased estimator to M samples of the previous
 * fit (Shumailov et al., Nature 2024, Thm 3.1). {@link #CATEGORICAL} is a categorical distribution over K
 * outcomes refitted by the empirical frequencies of M draws, a Wright–Fisher chain (Seddik et al., COLM
 * 2024; Kazdan et al., arXiv 2410.16713).
 */
public enum BenchCase {
  GAUSSIAN("gaussian"),
  CATEGORICAL("categorical");

  private final String id;

  BenchCase(String id) {
    this.id = id;
  }

  /** The case's name in options and reports, also the family it runs. */
  public String id() {
    return id;
  }

  /** The case named {@code id}. */
  public static BenchCase parse(String id) {
    for (BenchCase c : values()) {
      if (c.id.equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown case '" + id + "'; expected one of "
        + Arrays.stream(values()).map(BenchCase::id).collect(Collectors.joining(", ")));
  }
}
