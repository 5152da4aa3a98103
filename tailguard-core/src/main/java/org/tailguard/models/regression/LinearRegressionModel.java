package org.tailguard.models.regression;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.tailguard.models.GenerativeModel;
import org.tailguard.models.Subsets;

/**
 * A fitted linear model ŵ over its chain's fixed design; sampling relabels that design, y = X ŵ + √λ σ ε.
 *
 * <p>This is the synthetic-data step of Gerstgrasser et al. (arXiv 2404.01413, §2) and Dohmatob et al.
 * ("Model Collapse Demystified", arXiv 2402.07712): the design X stays fixed, only the labels are
 * regenerated, by the previous fit plus fresh noise of the true level σ. The sampling bias λ scales the
 * relabelling noise <em>variance</em> by λ (noise sd √λ σ), the analogue of N(μ, λΣ) for a Gaussian
 * (Alemohammad et al., ICLR 2024, §3); λ = 1 is the papers' setting.
 */
public final class LinearRegressionModel implements GenerativeModel<LabelledRows> {
  private final Design design;
  private final double[] weights;
  private final double noise;

  LinearRegressionModel(Design design, double[] weights, double noise) {
    this.design = design;
    this.weights = weights;
    this.noise = noise;
  }

  /** ŵ, the fitted weights (a copy). */
  public double[] weights() {
    return weights.clone();
  }

  Design design() {
    return design;
  }

  /**
   * Relabels {@code n} rows of the chain's design.
   *
   * <p>With n = T (the workflows' default, {@code synthetic = samples}) every design row is relabelled once,
   * which is the papers' setting. With n = qT + r the design is relabelled q times in full and then r
   * distinct rows chosen uniformly at random get one more label each: n &lt; T (keep-original, or a
   * smaller {@code synthetic}) relabels a random subset of the design; n &gt; T gives several label sets
   * per row. Row choice and noise both come from {@code rng}.
   *
   * @param n the number of labelled rows, at least 0
   * @param bias λ ∈ (0, 1]: the relabelling noise has variance λσ²
   * @param rng the stream to draw from
   */
  @Override
  public LabelledRows sample(int n, double bias, UniformRandomProvider rng) {
    if (n < 0) {
      throw new IllegalArgumentException("cannot draw " + n + " samples");
    }
    int t = design.rows();
    int[] rows = new int[n];
    int full = n - n % t;
    for (int i = 0; i < full; i++) {
      rows[i] = i % t;
    }
    if (full < n) {
      int[] extra = Subsets.firstOfShuffle(t, n - full, rng);
      System.arraycopy(extra, 0, rows, full, extra.length);
    }
    ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
    double sd = Math.sqrt(bias) * noise;
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = design.dot(rows[i], weights) + sd * z.sample();
    }
    return new LabelledRows(design, rows, y);
  }
}
