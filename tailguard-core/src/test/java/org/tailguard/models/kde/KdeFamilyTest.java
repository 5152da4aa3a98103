package org.tailguard.models.kde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tailguard.metrics.MixtureDistances;
import org.tailguard.models.ModelFamilies;
import org.tailguard.models.Observation;
import org.tailguard.models.Points;
import org.tailguard.models.gmm.MixtureTruthSpec;
import org.tailguard.random.RandomStreams;
import org.tailguard.spec.SpecException;
import org.tailguard.spec.SpecLoader;

class KdeFamilyTest {
  private static final MixtureTruthSpec BLOBS = new MixtureTruthSpec(java.util.List.of(
      org.tailguard.models.gmm.ComponentSpec.isotropic(0.5, 1.0, -3.0, 0.0),
      org.tailguard.models.gmm.ComponentSpec.isotropic(0.5, 0.5, 3.0, 1.0)), null, null, null);

  @Test
  void fit_bandwidthRules_followTheirFormulas() {
    Points data = Points.wrap(2, new double[] {0, 0, 1, 0, 0, 2, 3, 1, -1, 4});
    int n = 5;
    // x = {0,1,0,3,−1}: Σ(x − 0.6)² = 9.2; y = {0,0,2,1,4}: Σ(y − 1.4)² = 11.2; unbiased: 2.3 and 2.8
    double sigma = Math.sqrt((2.3 + 2.8) / 2);
    KdeModel scott = new KdeFamily(new KdeSpec(BLOBS, BandwidthRule.SCOTT, null, null, null, null)).fit(data, null);
    KdeModel silver = new KdeFamily(new KdeSpec(BLOBS, null, null, null, null, null)).fit(data, null);
    KdeModel fixed = new KdeFamily(KdeSpec.fixed(BLOBS, 0.3)).fit(data, null);
    assertEquals(sigma * Math.pow(n, -1.0 / 6), scott.bandwidth(), 1e-14);
    assertEquals(sigma * Math.pow(4.0 / (4 * n), 1.0 / 6), silver.bandwidth(), 1e-14);
    assertEquals(0.3, fixed.bandwidth());
    // tr Σ̂_MLE = (9.2 + 11.2)/5
    assertEquals(20.4 / 5 + 2 * 0.09, fixed.totalVariance(), 1e-12);
  }

  /** A KDE sample is a resampled point plus N(0, λh²I): its variance is tr Σ̂_MLE/d + λh² per coordinate, 4 SE. */
  @Test
  void sample_varianceIsDataSpreadPlusBiasedKernel() {
    KdeFamily f = new KdeFamily(KdeSpec.fixed(BLOBS, 0.8));
    KdeModel m = f.fit(f.real(200, RandomStreams.of(1)), null);
    int n = 200_000;
    double lambda = 0.5;
    double[] x = m.sample(n, lambda, RandomStreams.of(2)).values();
    double[] mean = new double[2];
    for (int i = 0; i < n; i++) {
      mean[0] += x[2 * i] / n;
      mean[1] += x[2 * i + 1] / n;
    }
    double s = 0;
    double s2 = 0;
    for (int i = 0; i < n; i++) {
      double r = Math.pow(x[2 * i] - mean[0], 2) + Math.pow(x[2 * i + 1] - mean[1], 2);
      s += r;
      s2 += r * r;
    }
    double expected = m.totalVariance() - 2 * 0.64 * (1 - lambda);
    assertEquals(expected, s / n, 4 * Math.sqrt((s2 / n - Math.pow(s / n, 2)) / n));
  }

  @Test
  void crossEntropy_matchesDirectDensity() {
    KdeFamily f = new KdeFamily(KdeSpec.fixed(BLOBS, 0.4));
    KdeModel m = f.fit(f.real(30, RandomStreams.of(3)), null);
    Points ys = f.real(10, RandomStreams.of(4));
    double direct = 0;
    for (int j = 0; j < 10; j++) {
      double q = 0;
      for (int i = 0; i < 30; i++) {
        double dx = ys.get(j, 0) - m.points().get(i, 0);
        double dy = ys.get(j, 1) - m.points().get(i, 1);
        q += Math.exp(-(dx * dx + dy * dy) / (2 * 0.16)) / (2 * Math.PI * 0.16) / 30;
      }
      direct -= Math.log(q) / 10;
    }
    assertEquals(direct, KdeFamily.crossEntropy(m, ys), 1e-12);
  }

  private static double l2(KdeFamily f, KdeModel m, long seed) {
    double[] out = new double[f.indicators().size()];
    boolean[] on = new boolean[out.length];
    on[KdeFamily.L2_TRUE] = true;
    f.measure(new Observation<>(1, m, m, m.points(), on, RandomStreams.of(seed)), out);
    return out[KdeFamily.L2_TRUE];
  }

  /**
   * Above l2_max_points the distance uses the subset U-statistic for ∫q², which is unbiased: over 200
   * subsets of 300 of 1200 centres, the mean estimate agrees with the exact all-pairs value within 4 SE.
   * Below the limit the value is the exact closed form.
   */
  @Test
  void l2True_subsetEstimator_isUnbiasedAndExactBelowLimit() {
    KdeSpec exactSpec = new KdeSpec(BLOBS, BandwidthRule.FIXED, 0.3, null, null, 5000);
    KdeFamily exact = new KdeFamily(exactSpec);
    KdeModel m = exact.fit(exact.real(1200, RandomStreams.of(5)), null);
    double truth = l2(exact, m, 0);
    double h2 = 0.09;
    MixtureDistances.Mixture p = exact.truth().asMixture();
    double direct = MixtureDistances.kdeSelfInner(m.points().values(), 2, h2) + MixtureDistances.innerProduct(p, p)
        - 2 * MixtureDistances.kdeCrossInner(m.points().values(), 2, h2, p);
    assertEquals(direct, truth, 1e-15);

    KdeFamily sub = new KdeFamily(new KdeSpec(BLOBS, BandwidthRule.FIXED, 0.3, null, null, 300));
    int reps = 200;
    double s = 0;
    double s2 = 0;
    for (int r = 0; r < reps; r++) {
      double v = l2(sub, m, 100 + r);
      s += v;
      s2 += v * v;
    }
    double mean = s / reps;
    double se = Math.sqrt((s2 / reps - mean * mean) / reps);
    assertTrue(se > 0);
    assertEquals(truth, mean, 4 * se);
  }

  @Test
  void invalidSpecs_nameTheField() {
    SpecLoader loader = ModelFamilies.discover().specLoader();
    String base = "name: t\ngenerations: 1\nworkflow: {type: replace, samples: 10}\nmodel: ";
    assertTrue(assertThrows(SpecException.class, () -> loader.parse(base + "{family: kde, bandwidth: 0.5}", "k"))
        .getMessage().contains("model.bandwidth: is not allowed with bandwidth_rule silverman"));
    assertTrue(assertThrows(SpecException.class,
        () -> loader.parse(base + "{family: kde, bandwidth_rule: fixed}", "k")).getMessage()
        .contains("model.bandwidth: is required"));
    assertTrue(assertThrows(SpecException.class,
        () -> loader.parse(base + "{family: kde, bandwidth_rule: fixed, bandwidth: 0}", "k")).getMessage()
        .contains("model.bandwidth: must be positive"));
    assertTrue(assertThrows(SpecException.class,
        () -> loader.parse(base + "{family: kde, bandwidth_rule: iqr}", "k")).getMessage()
        .contains("unknown rule 'iqr'"));
    KdeSpec ok = (KdeSpec) loader.parse(base + "{family: kde, bandwidth_rule: fixed, bandwidth: 0.5, "
        + "truth: {grid: 3}}", "k").model();
    assertEquals(9, ok.truth().toMixture().size());
  }
}
