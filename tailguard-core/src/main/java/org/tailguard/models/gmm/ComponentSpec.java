package org.tailguard.models.gmm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One component of a true Gaussian mixture in a spec: weight, mean and either an isotropic variance or a
 * full covariance.
 *
 * <p>Checked together with its siblings by {@link MixtureTruthSpec}, which knows the dimension and the
 * field path ({@code model.truth.components[i]}).
 *
 * @param weight the mixing weight; omit it on every component for equal weights
 * @param mean the mean, one entry per coordinate
 * @param variance the per-coordinate variance v of an isotropic covariance v·I; excludes {@code covariance}
 * @param covariance the full d × d covariance as rows, symmetric positive definite; excludes {@code variance}
 */
public record ComponentSpec(Double weight, List<Double> mean, Double variance, List<List<Double>> covariance) {
  public ComponentSpec {
    // unmodifiable copies that keep null entries, so that MixtureTruthSpec can name them in its errors
    mean = mean == null ? null : Collections.unmodifiableList(new ArrayList<>(mean));
    covariance = covariance == null ? null : Collections.unmodifiableList(covariance.stream()
        .map(r -> r == null ? null : Collections.unmodifiableList(new ArrayList<>(r))).toList());
  }

  /** An isotropic component N(mean, variance·I). */
  public static ComponentSpec isotropic(double weight, double variance, Double... mean) {
    return new ComponentSpec(weight, List.of(mean), variance, null);
  }
}
