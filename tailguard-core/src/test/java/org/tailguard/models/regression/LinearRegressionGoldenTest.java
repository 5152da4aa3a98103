package org.tailguard.models.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tailguard.metrics.Summary;
import org.tailguard.models.ModelFamilies;
import org.tailguard.sim.MemorySink;
import org.tailguard.sim.Simulator;
import org.tailguard.spec.ExperimentSpec;

/**
 * Golden test of the fixed-design regression collapse laws of Gerstgrasser et al. (arXiv 2404.01413,
 * COLM 2024, §2), run through the generic simulator on the shipped example specs (d = 10, T = 100, σ = 1,
 * 20 fits).
 *
 * <p><b>Derivation.</b> Let X ∈ R^{T×d} be the fixed design, A = (XᵀX)⁻¹Xᵀ, and e_n = ŵ_n − w* the error
 * after n fits (fit 1 is generation 0, on real labels y_1 = X w* + σ ε_1; fit n is generation n − 1).
 * Generation n − 1 relabels with the previous fit, y_n = X ŵ_{n−1} + σ ε_n, with fresh ε_n ~ N(0, I_T).
 * <ul>
 *   <li><b>Replace</b> fits y_n alone: ŵ_n = A y_n = ŵ_{n−1} + A ε_n (A X = I), so e_n = e_{n−1} + A ε_n
 *       with e_0 = 0. The increments are independent given X with covariance σ² A Aᵀ = σ² (XᵀX)⁻¹, so
 *       E[‖e_n‖² | X] = n σ² tr((XᵀX)⁻¹). XᵀX is Wishart W_d(I, T), whose inverse has mean I/(T − d − 1),
 *       so E tr((XᵀX)⁻¹) = d/(T − d − 1) and E‖e_n‖² = n σ² d/(T − d − 1).
 *   <li><b>Accumulate</b> fits the n stacked label sets over the n-fold stacked design: ŵ_n =
 *       (n XᵀX)⁻¹ Xᵀ Σ_k y_k = (1/n) Σ_{k=1..n} (ŵ_{k−1} + A ε_k) with ŵ_0 = w*. Subtracting the same identity
 *       at n − 1 gives n e_n − (n − 1) e_{n−1} = e_{n−1} + A ε_n, i.e. e_n = e_{n−1} + A ε_n / n, hence
 *       E‖e_n‖² = σ² d/(T − d − 1) Σ_{i=1..n} 1/i² ≤ (π²/6) σ² d/(T − d − 1).
 * </ul>
 * The test error of ŵ on x ~ N(0, I) is E_x[(xᵀ e_n)²] = ‖e_n‖², the family's {@code test_error}.
 *
 * <p><b>Tolerance.</b> Both laws are exact for every T &gt; d + 1 (no asymptotic approximation), so the only
 * error is Monte-Carlo: the mean over {@value #CHAINS} independent chains must lie within 4 standard errors
 * (sample sd/√chains) of the formula. Per chain ‖e_n‖² has a relative sd of about 0.5 (≈ √(2/d) from the
 * χ²-like noise plus the spread of tr((XᵀX)⁻¹)), so 4 SE is about 3 % of the mean: tight enough to tell
 * n fits from n ± 1 up to n ≈ 20 under replace, and Σ 1/i² from 1 (no growth) or from Σ 1/i (an
 * undamped accumulate) at every n ≥ 2.
 */
class LinearRegressionGoldenTest {
  static final int CHAINS = 4000;
  static final int[] FITS = {1, 2, 5, 10, 20};
  static final int BIAS_CHAINS = 1000;
  static final ModelFamilies FAMILIES = ModelFamilies.discover();

  @Test
  void replace_testErrorGrowsLinearlyInFits() throws IOException {
    ExperimentSpec spec = example("gerstgrasser-regression-replace.yaml");
    MemorySink sink = run(spec);
    double unit = oneFit(spec);
    for (int n : FITS) {
      check(sink, "replace", n, n * unit, unit);
    }
  }

  @Test
  void accumulate_testErrorStaysBelowPiSquaredOverSix() throws IOException {
    ExperimentSpec spec = example("gerstgrasser-regression-accumulate.yaml");
    MemorySink sink = run(spec);
    double unit = oneFit(spec);
    for (int n : FITS) {
      double sum = 0;
      for (int i = 1; i <= n; i++) {
        sum += 1.0 / ((double) i * i);
      }
      check(sink, "accumulate", n, sum * unit, unit);
    }
    Summary last = sink.summary("test_error", FITS[FITS.length - 1] - 1);
    assertTrue(last.mean() <= Math.PI * Math.PI / 6 * unit + 4 * last.standardError(),
        "accumulate exceeds the π²/6 bound: " + last.mean() / unit);
  }

  /**
   * With bias λ every relabelling has noise variance λσ² while fit 1 still sees the real noise σ², so
   * e_n = e_1 + √λ Σ_{k=2..n} A ε_k and E‖e_n‖² = (1 + (n − 1) λ) σ² d/(T − d − 1). With λ = 0.5 and
   * {@value #BIAS_CHAINS} chains, 4 SE is about 6 % of the mean; an implementation that scaled the noise
   * sd (not the variance) by λ would give 1 + (n − 1) λ², 41 % lower at n = 10.
   */
  @Test
  void replace_biasScalesRelabellingNoiseVariance() throws IOException {
    ExperimentSpec base = example("gerstgrasser-regression-replace.yaml");
    double lambda = 0.5;
    ExperimentSpec spec = base.withWorkflow(base.workflow().withBias(lambda));
    MemorySink sink = run(spec, BIAS_CHAINS, 9);
    double unit = oneFit(spec);
    for (int n : new int[] {2, 5, 10}) {
      check(sink, "replace λ=" + lambda, n, (1 + (n - 1) * lambda) * unit, unit, BIAS_CHAINS);
    }
  }

  /** σ² d/(T − d − 1), from the spec's parameters. */
  static double oneFit(ExperimentSpec spec) {
    LinearRegressionSpec m = (LinearRegressionSpec) spec.model();
    int d = m.dim();
    int t = spec.workflow().samples();
    return m.noise() * m.noise() * d / (t - d - 1);
  }

  /** Asserts the mean test error after {@code n} fits (generation n − 1) is within 4 SE of {@code expected}. */
  static void check(MemorySink sink, String label, int n, double expected, double unit) {
    check(sink, label, n, expected, unit, CHAINS);
  }

  static void check(MemorySink sink, String label, int n, double expected, double unit, int chains) {
    Summary s = sink.summary("test_error", n - 1);
    double se = s.standardError();
    Summary ratio = sink.summary("test_error_ratio", n - 1);
    System.out.printf("%-14s n=%2d  ratio mean %.4f  SE %.4f  expected %.4f  (4 SE = %.1f%% of expected)%n",
        label, n, ratio.mean(), ratio.standardError(), expected / unit, 400 * se / expected);
    assertEquals(chains, s.count());
    assertEquals(expected, s.mean(), 4 * se,
        () -> label + " after " + n + " fits: mean test error " + s.mean() + ", expected " + expected
            + " ± 4 SE = " + 4 * se);
  }

  static ExperimentSpec example(String file) {
    Path p = Path.of("..", "examples", file);
    assertTrue(Files.exists(p), "example spec missing: " + p.toAbsolutePath());
    return FAMILIES.specLoader().load(p);
  }

  static MemorySink run(ExperimentSpec spec) throws IOException {
    return run(spec, CHAINS, FITS[FITS.length - 1] - 1);
  }

  static MemorySink run(ExperimentSpec spec, int chains, int generations) throws IOException {
    ExperimentSpec sized = spec.withSize(chains, generations);
    MemorySink sink = new MemorySink();
    long t0 = System.nanoTime();
    new Simulator(2).run(sized, FAMILIES.create(sized.model()), sink, null);
    System.out.printf("%s: %d chains × %d generations in %.2f s%n", sized.name(), chains,
        sized.generations() + 1, (System.nanoTime() - t0) / 1e9);
    return sink;
  }
}
