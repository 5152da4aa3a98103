package org.tailguard.watermark;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The distribution of a watermark statistic on text written without the key: the sum of n independent
 * per-token contributions, each a count of successes in {@code trials} fair-or-γ coins (KGW, Unigram,
 * SynthID) or an Exp(1) variable (EXP). Independence holds because each scored (context, token) tuple is
 * counted once and the {@link Prf} gives distinct tuples independent values.
 *
 * <p>p-values are exact upper tails, P(S ≥ s) under the null: the binomial tail for counts (Dathathri et al.
 * 2024's frequentist SynthID detector; the exact form of Kirchenbauer et al.'s one-proportion z-test), the
 * Gamma(n, 1) tail for EXP (Aaronson 2023; Kuditipudi et al. 2024, the {@code Gamma(T,1).sf(S)} of
 * MarkLLM). Tails come from Commons Statistics, which computes survival functions directly, so p-values
 * far below 1e-16 keep their precision.
 */
public sealed interface NullModel {
  /** The mean of the statistic over n scored tokens. */
  double mean(int n);

  /** The standard deviation of the statistic over n scored tokens. */
  double sd(int n);

  /** P(S ≥ statistic) under the null, for n scored tokens; 1 when n = 0. */
  double pValue(double statistic, int n);

  /**
   * A p-value that is exactly uniform under the null: for a discrete statistic, P(S &gt; s) + u·P(S = s)
   * with u uniform on (0, 1) (the randomised test of Lehmann and Romano, §3.2); for a continuous one, the
   * ordinary p-value. Used to test uniformity; decisions use the conservative {@link #pValue}.
   */
  double randomizedPValue(double statistic, int n, double u);

  /** The z-score (S − mean) / sd, 0 when n = 0. */
  default double z(double statistic, int n) {
    return n == 0 ? 0 : (statistic - mean(n)) / sd(n);
  }

  /** The upper normal tail of z: the p-value of Kirchenbauer et al.'s z-test ({@code scipy.stats.norm.sf}). */
  static double normalPValue(double z) {
    return NormalDistribution.of(0, 1).survivalProbability(z);
  }

  /**
   * Per scored token, the number of successes in {@code trials} independent coins of probability p:
   * KGW and Unigram (1 trial, p = γ), SynthID (m trials, one per tournament layer, p = ½).
   */
  record Binomial(int trials, double p) implements NullModel {
    public Binomial {
      if (trials < 1 || !(p > 0 && p < 1)) {
        throw new IllegalArgumentException("binomial null needs trials >= 1 and p in (0, 1), got " + trials + ", " + p);
      }
    }

    @Override
    public double mean(int n) {
      return (double) n * trials * p;
    }

    @Override
    public double sd(int n) {
      return Math.sqrt((double) n * trials * p * (1 - p));
    }

    @Override
    public double pValue(double statistic, int n) {
      if (n == 0) {
        return 1;
      }
      int k = (int) Math.round(statistic);
      return k <= 0 ? 1 : BinomialDistribution.of(n * trials, p).survivalProbability(k - 1);
    }

    @Override
    public double randomizedPValue(double statistic, int n, double u) {
      if (n == 0) {
        return u;
      }
      int k = (int) Math.round(statistic);
      BinomialDistribution b = BinomialDistribution.of(n * trials, p);
      return b.survivalProbability(k) + u * b.probability(k);
    }
  }

  /** Per scored token, −ln(1 − r) with r uniform: Exp(1); the sum over n tokens is Gamma(n, 1). */
  record Exponential() implements NullModel {
    @Override
    public double mean(int n) {
      return n;
    }

    @Override
    public double sd(int n) {
      return Math.sqrt(n);
    }

    @Override
    public double pValue(double statistic, int n) {
      return n == 0 ? 1 : GammaDistribution.of(n, 1).survivalProbability(statistic);
    }

    @Override
    public double randomizedPValue(double statistic, int n, double u) {
      return n == 0 ? u : pValue(statistic, n);
    }
  }
}
