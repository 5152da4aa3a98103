package org.tailguard.models.gaussian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;
import org.tailguard.metrics.Summary;
import org.tailguard.sim.MemorySink;
import org.tailguard.sim.Simulator;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.spec.Workflow;
import org.tailguard.spec.WorkflowSpec;
import org.tailguard.theory.CollapseLaws;

/**
 * Published collapse laws of the recursive 1-D Gaussian, each derived here from its formula.
 *
 * <p>Indexing: generation 0 is the first fit, to M real draws of N(0, 1); generation g is the (g+1)-th fit.
 * Under replacement with the unbiased estimator, σ²_g = Π_{i=0..g} χ²_{M−1,i}/(M−1) and
 * μ_g = μ_{g−1} + σ_{g−1} Z_g/√M (Shumailov et al., Nature 2024, Thm 3.1 and its proof). Tolerances are
 * four Monte-Carlo standard errors computed from the same sample unless stated otherwise; with about
 * a dozen assertions the chance of a false failure is below 10⁻³.
 */
class GaussianGoldenTest {
  private static final int M = 100;

  private static MemorySink run(Estimator est, WorkflowSpec wf, int chains, int generations, long seed)
      throws IOException {
    GaussianSpec model = GaussianSpec.standard(est);
    ExperimentSpec spec = new ExperimentSpec("golden", null, null, seed, chains, generations, null, model, wf, null);
    MemorySink sink = new MemorySink();
    new Simulator(2).run(spec, new GaussianFamily(model), sink, null);
    return sink;
  }

  /**
   * Median σ² ≈ exp(−n/M). Exactly: log σ²_g is a sum of n = g+1 i.i.d. terms log(χ²_k/k), k = M−1, with
   * mean ψ(k/2) − ln(k/2), variance ψ'(k/2) and third cumulant ψ''(k/2). By Cornish–Fisher the median of
   * the sum is n·mean − ψ''/(6ψ') (independent of n). The sample median of log σ² has standard error
   * √(π/2)·sd/√R. Also checks that the simpler form exp(−n/M) is within the same tolerance.
   */
  @Test
  void unbiasedReplace_medianVarianceFollowsExpMinusNOverM() throws IOException {
    int chains = 2000;
    MemorySink s = run(Estimator.UNBIASED, WorkflowSpec.replace(M), chains, 199, 11);
    double var = Gamma.trigamma((M - 1) / 2.0);
    for (int g : new int[] {9, 49, 99, 199}) {
      int n = g + 1;
      double expectedLogMedian = Math.log(CollapseLaws.gaussianMedianVariance(M, n));
      double[] logs = java.util.Arrays.stream(s.values("variance", g)).map(Math::log).toArray();
      double observed = Summary.of(logs).median();
      double se = Math.sqrt(Math.PI / 2) * Math.sqrt(n * var) / Math.sqrt(chains);
      assertEquals(expectedLogMedian, observed, 4 * se, "log median σ² at generation " + g);
      assertEquals(-n / (double) M, observed, 4 * se + Math.abs(expectedLogMedian + n / (double) M),
          "exp(-n/M) approximation at generation " + g);
    }
  }

  /** E[μ²_g] = (g+1)/M: each fit adds σ²_{g−1}/M to the variance of the mean, and E[σ²] = 1 (martingale). */
  @Test
  void unbiasedReplace_meanSquaredErrorGrowsAsNOverM() throws IOException {
    MemorySink s = run(Estimator.UNBIASED, WorkflowSpec.replace(M), 4000, 99, 12);
    for (int g : new int[] {0, 9, 49, 99}) {
      Summary e = s.summary("mean_sq_error", g);
      assertEquals(CollapseLaws.gaussianMeanSquaredError(M, g + 1), e.mean(), 4 * e.standardError(),
          "E[μ²] at generation " + g);
    }
  }

  /** Maximum likelihood divides by M, so E[σ²_g | σ²_{g−1}] = (1 − 1/M) σ²_{g−1}, hence E[σ²_g] = (1 − 1/M)^(g+1). */
  @Test
  void mleReplace_meanVarianceDecaysGeometrically() throws IOException {
    MemorySink s = run(Estimator.MLE, WorkflowSpec.replace(M), 2000, 199, 13);
    for (int g : new int[] {0, 9, 99, 199}) {
      Summary v = s.summary("variance", g);
      assertEquals(CollapseLaws.gaussianMleMeanVariance(M, g + 1), v.mean(), 4 * v.standardError(),
          "E[σ²] at generation " + g);
    }
  }

  /**
   * Sampling bias λ (Alemohammad et al., ICLR 2024, §3): synthetic data ~ N(μ, λσ²) and the unbiased fit
   * gives E[σ²_g | σ²_{g−1}] = λ σ²_{g−1}, so E[σ²_g] = λ^g (generation 0 fits real data).
   */
  @Test
  void biasedSampling_meanVarianceShrinksAsLambdaToTheG() throws IOException {
    double lambda = 0.8;
    MemorySink s = run(Estimator.UNBIASED, WorkflowSpec.replace(M).withBias(lambda), 2000, 20, 14);
    for (int g : new int[] {1, 5, 10, 20}) {
      Summary v = s.summary("variance", g);
      assertEquals(CollapseLaws.biasedMeanVariance(lambda, g), v.mean(), 4 * v.standardError(),
          "E[σ²] at generation " + g);
    }
  }

  /**
   * Accumulate (Gerstgrasser et al., COLM 2024): the pool holds M real and g·M synthetic points, so
   * μ_g − μ_{g−1} = (S_g − μ_{g−1})/(g+1) with S_g ~ N(μ_{g−1}, σ²_{g−1}/M), and
   * E[μ²_g] = (1/M)(1 + Σ_{j=1..g} E[σ²_{j−1}]/(j+1)²) → (π²/6)/M when σ² stays near 1. The test plugs in
   * the measured E[σ²_j] (mean over chains), which makes the recursion exact, and also checks the π²/6
   * bound with a 5% allowance for σ² ≠ 1. The median σ² must stay near 1 (within 0.1: at generation 0 its
   * spread over chains is √(2/M) ≈ 0.14 and later generations average over a growing pool), while under
   * replacement it falls to exp(−2) by generation 199.
   */
  @Test
  void accumulate_meanErrorBoundedByPiSquaredOverSixM_andVarianceKept() throws IOException {
    WorkflowSpec acc = new WorkflowSpec(Workflow.ACCUMULATE, M, null, null, null, null, null);
    MemorySink s = run(Estimator.UNBIASED, acc, 2000, 199, 15);
    double expected = 1.0 / M;
    for (int g = 1; g <= 199; g++) {
      expected += s.summary("variance", g - 1).mean() / (M * (double) (g + 1) * (g + 1));
      if (g == 10 || g == 50 || g == 199) {
        Summary e = s.summary("mean_sq_error", g);
        assertEquals(expected, e.mean(), 4 * e.standardError(), "E[μ²] at generation " + g);
        assertTrue(e.mean() < (Math.PI * Math.PI / 6) / M * 1.05 + 4 * e.standardError(), "π²/6 bound");
      }
    }
    assertEquals(1.0, s.summary("variance", 199).median(), 0.1, "median σ² under accumulate");
    MemorySink r = run(Estimator.UNBIASED, WorkflowSpec.replace(M), 2000, 199, 15);
    assertTrue(r.summary("variance", 199).median() < Math.exp(-2) * 1.5, "replace collapses meanwhile");
  }

  /**
   * Alemohammad et al. (ICLR 2024, §5, Eq. 3 and Fig. 10): in the fresh-data loop the expected distance
   * converges to a limit WD(n_r, n_s, λ) that does not depend on the initial sample size n_ini. Here
   * d = 10, n_r = 100, n_s = 900, λ = 1 and n_ini ∈ {100, 1000}: at generation 0 the two mean W₂² differ by
   * many standard errors (the test has power), and by generation 40 they agree within 4 combined SEs. Forty
   * generations are enough because the initial sample's weight decays as (n_s/(n_r+n_s))^g = 0.9^g.
   */
  @Test
  void freshData_limitDoesNotDependOnInitialSampleSize() throws IOException {
    GaussianSpec model = new GaussianSpec(10, Estimator.UNBIASED, 0.0, 1.0, null);
    Summary[][] w2 = new Summary[2][];
    int[] nIni = {100, 1000};
    for (int i = 0; i < 2; i++) {
      WorkflowSpec wf = new WorkflowSpec(Workflow.FRESH, nIni[i], 900, null, 100, null, null);
      ExperimentSpec spec = new ExperimentSpec("fresh", null, null, 40L + i, 400, 40, null, model, wf, null);
      MemorySink sink = new MemorySink();
      new Simulator(2).run(spec, new GaussianFamily(model), sink, null);
      w2[i] = new Summary[] {sink.summary("w2", 0), sink.summary("w2", 40)};
    }
    double se0 = Math.hypot(w2[0][0].standardError(), w2[1][0].standardError());
    assertTrue(w2[0][0].mean() - w2[1][0].mean() > 10 * se0, "n_ini matters at generation 0");
    double se = Math.hypot(w2[0][1].standardError(), w2[1][1].standardError());
    assertEquals(w2[0][1].mean(), w2[1][1].mean(), 4 * se, "limit W2² for n_ini = 100 vs 1000");
  }
}
