package org.tailguard.models.gaussian;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.tailguard.spec.SpecException;

/**
 * The covariance estimator: unbiased (divide by n − 1) or maximum likelihood (divide by n).
 *
 * <p>The choice changes the collapse law for the variance of a 1-D Gaussian fitted to M samples of the
 * previous fit: unbiased, E[σ²_n] = σ₀² (a martingale) while the median falls as ≈ exp(−n/M); maximum
 * likelihood, E[σ²_n] = (1 − 1/M)^n σ₀² (Shumailov et al., Nature 2024; Kazdan et al., arXiv 2410.16713).
 */
public enum Estimator {
  UNBIASED("unbiased"),
  MLE("mle");

  private final String id;

  Estimator(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  @JsonCreator
  public static Estimator parse(String id) {
    for (Estimator e : values()) {
      if (e.id.equals(id)) {
        return e;
      }
    }
    throw new SpecException("model.estimator", "unknown estimator '" + id + "'; expected unbiased or mle");
  }

  /** The divisor of the sum of squared deviations for n samples. */
  public double divisor(int n) {
    return this == UNBIASED ? n - 1 : n;
  }
}
