package org.tailguard.models.kde;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.tailguard.spec.SpecException;

/**
 * How a Gaussian KDE chooses its bandwidth h from n points in R^d.
 *
 * <p>With σ̂² = tr(Σ̂)/d the mean per-coordinate sample variance (unbiased Σ̂):
 * <ul>
 *   <li>{@code scott}: h = σ̂ · n^(−1/(d+4)) (Scott, Multivariate Density Estimation, 1992, eq. 6.42);
 *   <li>{@code silverman}: h = σ̂ · (4 / ((d+2) n))^(1/(d+4)) (Silverman, Density Estimation, 1986,
 *       eq. 4.14, the normal-reference rule of thumb);
 *   <li>{@code fixed}: h is given ({@code model.bandwidth}), as in Kazdan et al.'s sweeps over
 *       h ∈ {0.1, 0.5, 1} (arXiv 2410.16713, {@code fit_kdes.py} with scikit-learn's {@code KernelDensity}).
 * </ul>
 * The data-scaled rules follow SciPy's {@code gaussian_kde} factors with an isotropic kernel. Note that
 * scikit-learn's {@code bandwidth="scott"|"silverman"} uses the same factors without σ̂, i.e. assumes
 * standardised data; to reproduce that, use {@code fixed} with h equal to the factor.
 */
public enum BandwidthRule {
  SCOTT("scott"),
  SILVERMAN("silverman"),
  FIXED("fixed");

  private final String id;

  BandwidthRule(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  @JsonCreator
  public static BandwidthRule parse(String id) {
    for (BandwidthRule r : values()) {
      if (r.id.equals(id)) {
        return r;
      }
    }
    throw new SpecException("model.bandwidth_rule", "unknown rule '" + id + "'; expected scott, silverman or fixed");
  }

  /** The factor h/σ̂ for n points in d dimensions (not used by {@link #FIXED}). */
  double factor(int n, int d) {
    return switch (this) {
      case SCOTT -> Math.pow(n, -1.0 / (d + 4));
      case SILVERMAN -> Math.pow(4.0 / ((d + 2.0) * n), 1.0 / (d + 4));
      case FIXED -> throw new IllegalStateException("a fixed bandwidth has no factor");
    };
  }
}
