package org.tailguard.metrics;

/**
 * Head-weighted diversity of a discrete distribution: the Gini-Simpson index and Shannon entropy.
 *
 * <p>Gini-Simpson 1 − Σp_i² is the probability that two independent draws differ (Simpson, Nature 163,
 * 1949); under recursive refitting on M samples it is the heterozygosity of a Wright–Fisher population and
 * decays exactly as E[1 − Σp̂²] = (1 − 1/M)(1 − Σp²) per generation, the identity behind Seddik et al.'s
 * S_m = 1 − (1 − 1/n)^m (1 − S_0) (arXiv 2404.05090). Shannon entropy H = −Σ p_i ln p_i is in nats
 * (Shannon 1948; Cover and Thomas, eq. 2.1); Kazdan et al. (arXiv 2410.16713) track it for categorical
 * collapse. Both weigh outcomes by their probability, so they barely move while the tail is lost.
 *
 * <p>Zero entries contribute nothing, so a distribution may be passed as its positive masses only.
 */
public final class Diversity {
  private Diversity() {}

  /** Gini-Simpson 1 − Σp_i², in [0, 1 − 1/support]. */
  public static double giniSimpson(double[] p) {
    double s = 0;
    for (double x : p) {
      s += x * x;
    }
    return Math.max(0, 1 - s);
  }

  /** Shannon entropy −Σ p_i ln p_i in nats, in [0, ln support]; 0 ln 0 = 0. */
  public static double entropy(double[] p) {
    double h = 0;
    for (double x : p) {
      if (x > 0) {
        h -= x * Math.log(x);
      }
    }
    return Math.max(0, h);
  }
}
