package org.tailguard.metrics;

/**
 * Closed-form squared L2 distance between Gaussian mixtures, and its special case for Gaussian kernel
 * density estimates.
 *
 * <p>For mixtures p = Σ a_i N(μ_i, Σ_i) and q = Σ b_j N(μ'_j, Σ'_j), the product of two Gaussian densities
 * integrates to ∫ N(x; μ, Σ) N(x; μ', Σ') dx = N(μ − μ'; 0, Σ + Σ'), so
 * <pre>
 *   L2²(p, q) = ∫ (p − q)² = Σ_ij a_i a_j N(μ_i − μ_j; 0, Σ_i + Σ_j) + Σ_ij b_i b_j N(μ'_i − μ'_j; 0, Σ'_i + Σ'_j)
 *                            − 2 Σ_ij a_i b_j N(μ_i − μ'_j; 0, Σ_i + Σ'_j).
 * </pre>
 * This is the distance Shumailov et al. (Nature 631, 2024; GMM notebook) track between the generation-n
 * and the generation-0 mixture. Its square root is a metric (the L2 norm of p − q). A Gaussian KDE with
 * bandwidth h on n points is the mixture of n equal-weight components N(x_i, h²I) (Silverman 1986, §4.2),
 * so the same identity gives its exact distance to a mixture; {@link #kdeSelfInner} and
 * {@link #kdeCrossInner} are the two sums specialised to that case.
 */
public final class MixtureDistances {
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private MixtureDistances() {}

  /**
   * A Gaussian mixture in R^d as primitive arrays.
   *
   * @param weights the K mixing weights (not checked to sum to 1: the inner products are bilinear)
   * @param means K means of length d
   * @param covariances K covariance matrices, d × d row-major, positive definite
   */
  public record Mixture(double[] weights, double[][] means, double[][] covariances) {
    public Mixture {
      if (weights.length == 0 || means.length != weights.length || covariances.length != weights.length) {
        throw new IllegalArgumentException("a mixture needs K ≥ 1 weights, means and covariances, got "
            + weights.length + ", " + means.length + ", " + covariances.length);
      }
      int d = means[0].length;
      for (int k = 0; k < weights.length; k++) {
        if (means[k].length != d || covariances[k].length != d * d) {
          throw new IllegalArgumentException("component " + k + " does not have dimension " + d);
        }
      }
    }

    /** The dimension d. */
    public int dim() {
      return means[0].length;
    }

    /** The number of components K. */
    public int size() {
      return weights.length;
    }

    /** The single Gaussian N(mean, cov) as a one-component mixture. */
    public static Mixture gaussian(double[] mean, double[] cov) {
      return new Mixture(new double[] {1.0}, new double[][] {mean}, new double[][] {cov});
    }
  }

  /** L2²(p, q) = ⟨p, p⟩ + ⟨q, q⟩ − 2⟨p, q⟩; at least 0 (rounding can otherwise leave a tiny negative). */
  public static double l2Squared(Mixture p, Mixture q) {
    return Math.max(0, innerProduct(p, p) + innerProduct(q, q) - 2 * innerProduct(p, q));
  }

  /** ⟨p, q⟩ = ∫ p q = Σ_ij a_i b_j N(μ_i − μ'_j; 0, Σ_i + Σ'_j). */
  public static double innerProduct(Mixture p, Mixture q) {
    int d = p.dim();
    if (q.dim() != d) {
      throw new IllegalArgumentException("mixtures of dimension " + d + " and " + q.dim());
    }
    double[] delta = new double[d];
    double[] sum = new double[d * d];
    double s = 0;
    for (int i = 0; i < p.size(); i++) {
      for (int j = 0; j < q.size(); j++) {
        for (int t = 0; t < d; t++) {
          delta[t] = p.means()[i][t] - q.means()[j][t];
        }
        double[] ci = p.covariances()[i];
        double[] cj = q.covariances()[j];
        for (int t = 0; t < d * d; t++) {
          sum[t] = ci[t] + cj[t];
        }
        s += p.weights()[i] * q.weights()[j] * Math.exp(logNormalDensity(delta, sum, d));
      }
    }
    return s;
  }

  /**
   * log N(δ; 0, S) = −½ (d log 2π + log det S + δᵀ S⁻¹ δ), by a Cholesky factor of S.
   *
   * @param delta the point δ, length d
   * @param cov S, d × d row-major, symmetric positive definite; it is not modified
   * @param d the dimension
   * @throws IllegalArgumentException if S is not positive definite
   */
  public static double logNormalDensity(double[] delta, double[] cov, int d) {
    if (d == 1) {
      return -0.5 * (LOG_2PI + Math.log(cov[0]) + delta[0] * delta[0] / cov[0]);
    }
    if (d == 2) {
      double a = cov[0];
      double b = 0.5 * (cov[1] + cov[2]);
      double c = cov[3];
      double det = a * c - b * b;
      if (!(a > 0 && det > 0)) {
        throw new IllegalArgumentException("covariance is not positive definite: det " + det);
      }
      double x = delta[0];
      double y = delta[1];
      double q = (c * x * x - 2 * b * x * y + a * y * y) / det;
      return -0.5 * (2 * LOG_2PI + Math.log(det) + q);
    }
    double[] l = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0.5 * (cov[i * d + j] + cov[j * d + i]);
        for (int k = 0; k < j; k++) {
          s -= l[i * d + k] * l[j * d + k];
        }
        if (i == j) {
          if (!(s > 0)) {
            throw new IllegalArgumentException("covariance is not positive definite (pivot " + i + ": " + s + ")");
          }
          l[i * d + i] = Math.sqrt(s);
        } else {
          l[i * d + j] = s / l[j * d + j];
        }
      }
    }
    double logDet = 0;
    double quad = 0;
    double[] z = new double[d];
    for (int i = 0; i < d; i++) {
      double s = delta[i];
      for (int k = 0; k < i; k++) {
        s -= l[i * d + k] * z[k];
      }
      z[i] = s / l[i * d + i];
      quad += z[i] * z[i];
      logDet += 2 * Math.log(l[i * d + i]);
    }
    return -0.5 * (d * LOG_2PI + logDet + quad);
  }

  /**
   * ⟨q, q⟩ for the Gaussian KDE q = (1/n) Σ_i N(x_i, h²I): (1/n²) Σ_ij N(x_i − x_j; 0, 2h²I). Exact; O(n² d).
   *
   * @param points the n kernel centres, row-major with {@code d} coordinates each
   * @param d the dimension
   * @param h2 the squared bandwidth h², positive
   */
  public static double kdeSelfInner(double[] points, int d, double h2) {
    int n = points.length / d;
    double norm = Math.pow(4 * Math.PI * h2, -0.5 * d); // N(0; 0, 2h²I)
    double inv = 1 / (4 * h2);
    double off = 0;
    for (int i = 0; i < n; i++) {
      int a = i * d;
      double row = 0;
      for (int j = i + 1; j < n; j++) {
        int b = j * d;
        double s = 0;
        for (int t = 0; t < d; t++) {
          double u = points[a + t] - points[b + t];
          s += u * u;
        }
        row += Math.exp(-s * inv);
      }
      off += row;
    }
    return norm * (n + 2 * off) / ((double) n * n);
  }

  /**
   * ⟨q, p⟩ for the Gaussian KDE q = (1/n) Σ_i N(x_i, h²I) and a mixture p:
   * (1/n) Σ_i Σ_k b_k N(x_i − μ_k; 0, h²I + Σ_k). Exact; O(n K d²).
   */
  public static double kdeCrossInner(double[] points, int d, double h2, Mixture p) {
    if (p.dim() != d) {
      throw new IllegalArgumentException("KDE of dimension " + d + ", mixture of dimension " + p.dim());
    }
    int n = points.length / d;
    int k = p.size();
    double[][] widened = new double[k][];
    for (int c = 0; c < k; c++) {
      widened[c] = p.covariances()[c].clone();
      for (int t = 0; t < d; t++) {
        widened[c][t * d + t] += h2;
      }
    }
    double[] delta = new double[d];
    double s = 0;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        for (int t = 0; t < d; t++) {
          delta[t] = points[i * d + t] - p.means()[c][t];
        }
        s += p.weights()[c] * Math.exp(logNormalDensity(delta, widened[c], d));
      }
    }
    return s / n;
  }
}
