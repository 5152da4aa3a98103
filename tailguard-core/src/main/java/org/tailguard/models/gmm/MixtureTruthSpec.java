package org.tailguard.models.gmm;

import java.util.List;
import org.tailguard.metrics.MixtureDistances;
import org.tailguard.spec.Check;
import org.tailguard.spec.SpecException;

/**
 * The true distribution of a mixture experiment: a Gaussian mixture given component by component, or a
 * {@code grid × grid} lattice of equal-weight isotropic modes in the plane.
 *
 * <p>The two shapes of the literature: Shumailov et al. (Nature 2024, GMM notebook) start from a
 * two-component mixture in 2-D; Alemohammad et al. (ICLR 2024, appendix, Fig. 15) from 25 modes on a
 * 5 × 5 grid with small isotropic spread. In YAML:
 * <pre>
 *   truth: {components: [{weight: 0.5, mean: [-2, 0], variance: 1}, {weight: 0.5, mean: [2, 0], variance: 1}]}
 *   truth: {grid: 5, spacing: 2, variance: 0.0025}
 * </pre>
 * Weights are not normalised: they must be positive and sum to 1 within 1e-9, or be omitted on every
 * component (equal weights). A component has either {@code variance} (isotropic v·I) or {@code covariance}
 * (full, symmetric positive definite). Grid modes sit at ((i − (g−1)/2)·spacing, (j − (g−1)/2)·spacing),
 * centred on the origin, each with weight 1/g².
 *
 * @param components the components, at least one; excludes {@code grid}
 * @param grid the number of modes per side of a planar grid; excludes {@code components}
 * @param spacing the distance between neighbouring grid modes (grid only; default 2)
 * @param variance the per-coordinate variance of each grid mode (grid only; default 0.0025, σ = 0.05)
 */
public record MixtureTruthSpec(List<ComponentSpec> components, Integer grid, Double spacing, Double variance) {
  static final double WEIGHT_SUM_TOLERANCE = 1e-9;
  private static final String FIELD = "model.truth";

  public MixtureTruthSpec {
    if ((components == null) == (grid == null)) {
      throw new SpecException(FIELD, "give exactly one of components (a list) or grid (modes per side)");
    }
    if (grid != null) {
      Check.atLeast(FIELD + ".grid", grid, 1);
      spacing = Check.positive(FIELD + ".spacing", spacing == null ? 2.0 : spacing);
      variance = Check.positive(FIELD + ".variance", variance == null ? 0.0025 : variance);
    } else {
      Check.absent(FIELD + ".spacing", spacing, "only a grid has a spacing");
      Check.absent(FIELD + ".variance", variance, "give each component its own variance");
      components = List.copyOf(components);
      validate(components);
    }
  }

  /** Shumailov et al.'s setting as we read it: two equal, unit-variance components at (±2, 0) in the plane. */
  public static MixtureTruthSpec shumailov() {
    return new MixtureTruthSpec(List.of(ComponentSpec.isotropic(0.5, 1.0, -2.0, 0.0),
        ComponentSpec.isotropic(0.5, 1.0, 2.0, 0.0)), null, null, null);
  }

  /** A g × g grid of isotropic modes. */
  public static MixtureTruthSpec grid(int modesPerSide, double spacing, double variance) {
    return new MixtureTruthSpec(null, modesPerSide, spacing, variance);
  }

  /** One Gaussian N(mean, variance·I). */
  public static MixtureTruthSpec gaussian(double variance, Double... mean) {
    return new MixtureTruthSpec(List.of(new ComponentSpec(null, List.of(mean), variance, null)), null, null, null);
  }

  /** The mixture as primitive arrays (weights, means, row-major covariances). */
  public MixtureDistances.Mixture toMixture() {
    if (grid != null) {
      int g = grid;
      int k = g * g;
      double[] w = new double[k];
      double[][] mu = new double[k][];
      double[][] cov = new double[k][];
      double centre = (g - 1) / 2.0;
      for (int i = 0; i < g; i++) {
        for (int j = 0; j < g; j++) {
          int c = i * g + j;
          w[c] = 1.0 / k;
          mu[c] = new double[] {(i - centre) * spacing, (j - centre) * spacing};
          cov[c] = new double[] {variance, 0, 0, variance};
        }
      }
      return new MixtureDistances.Mixture(w, mu, cov);
    }
    int k = components.size();
    int d = components.getFirst().mean().size();
    double[] w = new double[k];
    double[][] mu = new double[k][d];
    double[][] cov = new double[k][];
    for (int c = 0; c < k; c++) {
      ComponentSpec s = components.get(c);
      w[c] = s.weight() == null ? 1.0 / k : s.weight();
      for (int t = 0; t < d; t++) {
        mu[c][t] = s.mean().get(t);
      }
      cov[c] = covariance(s, d);
    }
    return new MixtureDistances.Mixture(w, mu, cov);
  }

  private static double[] covariance(ComponentSpec s, int d) {
    double[] cov = new double[d * d];
    if (s.variance() != null) {
      for (int t = 0; t < d; t++) {
        cov[t * d + t] = s.variance();
      }
    } else {
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          cov[i * d + j] = s.covariance().get(i).get(j);
        }
      }
    }
    return cov;
  }

  private static void validate(List<ComponentSpec> components) {
    if (components.isEmpty()) {
      throw new SpecException(FIELD + ".components", "must list at least 1 component");
    }
    int d = -1;
    int weighted = 0;
    double sum = 0;
    for (int c = 0; c < components.size(); c++) {
      String at = FIELD + ".components[" + c + "]";
      ComponentSpec s = components.get(c);
      if (s == null) {
        throw new SpecException(at, "is empty");
      }
      List<Double> mean = Check.required(at + ".mean", s.mean());
      if (mean.isEmpty()) {
        throw new SpecException(at + ".mean", "must have at least 1 coordinate");
      }
      if (d < 0) {
        d = mean.size();
      } else if (mean.size() != d) {
        throw new SpecException(at + ".mean", "has " + mean.size() + " coordinates, but components[0] has " + d);
      }
      for (int t = 0; t < d; t++) {
        Check.finite(at + ".mean[" + t + "]", Check.required(at + ".mean[" + t + "]", mean.get(t)));
      }
      if (s.weight() != null) {
        weighted++;
        sum += Check.positive(at + ".weight", s.weight());
      }
      if ((s.variance() == null) == (s.covariance() == null)) {
        throw new SpecException(at, "give exactly one of variance (isotropic) or covariance (full matrix)");
      }
      if (s.variance() != null) {
        Check.positive(at + ".variance", s.variance());
      } else {
        validateCovariance(at + ".covariance", s.covariance(), d);
      }
    }
    if (weighted != 0 && weighted != components.size()) {
      throw new SpecException(FIELD + ".components", "give a weight on every component or on none (equal weights); "
          + weighted + " of " + components.size() + " have one");
    }
    if (weighted > 0 && Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
      throw new SpecException(FIELD + ".components", "weights must sum to 1 (within 1e-9), got " + sum);
    }
  }

  private static void validateCovariance(String at, List<List<Double>> rows, int d) {
    if (rows.size() != d) {
      throw new SpecException(at, "must have " + d + " rows (the mean's dimension), got " + rows.size());
    }
    double[] cov = new double[d * d];
    double scale = 0;
    for (int i = 0; i < d; i++) {
      List<Double> row = Check.required(at + "[" + i + "]", rows.get(i));
      if (row.size() != d) {
        throw new SpecException(at + "[" + i + "]", "must have " + d + " entries, got " + row.size());
      }
      for (int j = 0; j < d; j++) {
        String f = at + "[" + i + "][" + j + "]";
        cov[i * d + j] = Check.finite(f, Check.required(f, row.get(j)));
        scale = Math.max(scale, Math.abs(cov[i * d + j]));
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = i + 1; j < d; j++) {
        if (Math.abs(cov[i * d + j] - cov[j * d + i]) > 1e-12 * scale) {
          throw new SpecException(at, "must be symmetric: [" + i + "][" + j + "] = " + cov[i * d + j]
              + " but [" + j + "][" + i + "] = " + cov[j * d + i]);
        }
      }
    }
    try {
      MixtureDistances.logNormalDensity(new double[d], cov, d);
    } catch (IllegalArgumentException e) {
      throw new SpecException(at, "must be positive definite");
    }
  }

  /** The dimension of the mixture. */
  public int dim() {
    return grid != null ? 2 : components.getFirst().mean().size();
  }
}
