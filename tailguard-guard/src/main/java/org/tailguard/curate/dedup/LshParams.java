package org.tailguard.curate.dedup;

import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.tailguard.spec.Check;
import org.tailguard.spec.SpecException;

/**
 * Banding parameters of MinHash locality-sensitive hashing (Indyk and Motwani, STOC 1998; Leskovec,
 * Rajaraman and Ullman, "Mining of Massive Datasets", §3.4): a signature is cut into b bands of r rows, and
 * two documents become a candidate pair if they agree on every row of at least one band. With Jaccard index
 * s the chance of that is the S-curve P(s) = 1 − (1 − s^r)^b, whose steepest point lies near (1/b)^(1/r).
 *
 * <p>{@link #optimal} picks (b, r) for a target threshold t as text-dedup's {@code optimal_param} does (taken
 * from datasketch's {@code _optimal_param}): it minimises w_FP·∫₀ᵗ P(s) ds + w_FN·∫ₜ¹ (1 − P(s)) ds over all
 * b ≥ 1, r ≥ 1 with b·r ≤ k, scanning b then r upwards and keeping the first strict minimum, with weights
 * 0.5 and 0.5 by default (text-dedup's {@code false_positive_weight} and {@code false_negative_weight}). The
 * two areas are the expected false-positive and false-negative rates for a similarity drawn uniformly from
 * [0, 1] (text-dedup integrates with SciPy's {@code quad}; this uses adaptive Gauss–Legendre quadrature).
 *
 * @param bands b, at least 1
 * @param rows r, at least 1
 */
public record LshParams(int bands, int rows) {

  public LshParams {
    Check.atLeast("dedup.bands", bands, 1);
    Check.atLeast("dedup.rows", rows, 1);
  }

  /** P(candidate | Jaccard s) = 1 − (1 − s^r)^b, computed without cancellation for small s^r. */
  public double catchProbability(double s) {
    return catchProbability(s, bands, rows);
  }

  static double catchProbability(double s, int b, int r) {
    if (s <= 0) {
      return 0;
    }
    if (s >= 1) {
      return 1;
    }
    double sr = Math.pow(s, r);
    return -Math.expm1(b * Math.log1p(-sr));
  }

  /** The similarity (1/b)^(1/r) near which the S-curve is steepest: LSH's effective threshold. */
  public double effectiveThreshold() {
    return Math.pow(1.0 / bands, 1.0 / rows);
  }

  /** The number of signature components the bands use, b·r. */
  public int used() {
    return bands * rows;
  }

  /** ∫₀ᵗ P(s) ds: the false-positive area below the threshold. */
  public double falsePositiveArea(double threshold) {
    return integrate(false, threshold, bands, rows);
  }

  /** ∫ₜ¹ (1 − P(s)) ds: the false-negative area above the threshold. */
  public double falseNegativeArea(double threshold) {
    return integrate(true, threshold, bands, rows);
  }

  /**
   * The (b, r) minimising the weighted false-positive and false-negative areas, as text-dedup does.
   *
   * @param threshold the target Jaccard threshold t, in (0, 1)
   * @param numPerm the signature length k: b·r may not exceed it
   * @param fpWeight the false-positive weight (text-dedup: 0.5)
   * @param fnWeight the false-negative weight (text-dedup: 0.5)
   * @throws SpecException naming the field of any invalid argument
   */
  public static LshParams optimal(double threshold, int numPerm, double fpWeight, double fnWeight) {
    Check.inHalfOpen("dedup.threshold", threshold, 0, 1);
    if (threshold >= 1) {
      throw new SpecException("dedup.threshold", "must be below 1, got " + threshold);
    }
    Check.atLeast("dedup.numPerm", numPerm, 1);
    Check.inClosed("dedup.falsePositiveWeight", fpWeight, 0, 1);
    Check.inClosed("dedup.falseNegativeWeight", fnWeight, 0, 1);
    double best = Double.POSITIVE_INFINITY;
    LshParams opt = null;
    for (int b = 1; b <= numPerm; b++) {
      for (int r = 1; r <= numPerm / b; r++) {
        double err = fpWeight * integrate(false, threshold, b, r) + fnWeight * integrate(true, threshold, b, r);
        if (err < best) {
          best = err;
          opt = new LshParams(b, r);
        }
      }
    }
    return opt;
  }

  /** text-dedup's default weights, 0.5 and 0.5. */
  public static LshParams optimal(double threshold, int numPerm) {
    return optimal(threshold, numPerm, 0.5, 0.5);
  }

  private static double integrate(boolean falseNegative, double t, int b, int r) {
    // 5-point Gauss-Legendre rules, refined until relative 1e-10 / absolute 1e-14 (SciPy quad: 1.49e-8).
    IterativeLegendreGaussIntegrator q = new IterativeLegendreGaussIntegrator(5, 1e-10, 1e-14);
    if (falseNegative) {
      return q.integrate(100_000, s -> 1 - catchProbability(s, b, r), t, 1);
    }
    return q.integrate(100_000, s -> catchProbability(s, b, r), 0, t);
  }
}
