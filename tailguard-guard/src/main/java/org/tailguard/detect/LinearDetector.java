package org.tailguard.detect;

import java.util.List;

/**
 * A trained linear detector: the logit of a logistic regression over standardised features, w · z + b with
 * z_j = clip((x_j − mean_j) / scale_j, ±{@value #CLIP}); a missing (NaN) feature counts as its training
 * mean. The weights come from {@link LinearTrainer} (Tribuo's logistic regression) and are kept as plain
 * numbers, so a saved detector is a readable JSON object and scoring needs no ML library.
 *
 * @param name the detector's name
 * @param features the resolved input features
 * @param mean the training mean of each feature
 * @param scale the training standard deviation of each feature (1 where it was 0)
 * @param weights the weight of each standardised feature
 * @param bias the intercept
 */
public record LinearDetector(String name, List<Features.Feature> features, double[] mean, double[] scale,
    double[] weights, double bias) implements Detector {
  /** Standardised features are clipped to this many standard deviations, so an attack cannot push one feature to dominate. */
  public static final double CLIP = 8;

  public LinearDetector {
    features = List.copyOf(features);
    int n = features.size();
    if (mean.length != n || scale.length != n || weights.length != n) {
      throw new IllegalArgumentException(name + ": " + n + " features but " + mean.length + " means, "
          + scale.length + " scales and " + weights.length + " weights");
    }
    mean = mean.clone();
    scale = scale.clone();
    weights = weights.clone();
  }

  @Override
  public double score(Evidence e) {
    double s = bias;
    for (int j = 0; j < weights.length; j++) {
      s += weights[j] * standardized(j, features.get(j).value().applyAsDouble(e));
    }
    return s;
  }

  double standardized(int j, double x) {
    if (!Double.isFinite(x)) {
      return 0;
    }
    double z = (x - mean[j]) / scale[j];
    return Math.max(-CLIP, Math.min(CLIP, z));
  }

  /** The feature names. */
  public List<String> featureNames() {
    return features.stream().map(Features.Feature::name).toList();
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] scale() {
    return scale.clone();
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }
}
