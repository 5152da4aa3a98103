package org.tailguard.models.categorical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tailguard.metrics.Summary;
import org.tailguard.sim.GenerationSink;
import org.tailguard.sim.Simulator;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.spec.WorkflowSpec;
import org.tailguard.theory.CollapseLaws;

/**
 * Time to lose an outcome: a two-outcome categorical started from counts (c, n − c) and refitted on n
 * draws per generation (replace) is the neutral Wright–Fisher model, whose mean absorption time is
 * t(p) ≈ −2n[p ln p + (1 − p) ln(1 − p)], p = c/n, in the diffusion approximation (Kimura and Ohta,
 * Genetics 61, 1969, for a haploid population of n). Suresh et al. (arXiv 2412.17646) read it as "the
 * time to forget a word grows about linearly with its count".
 *
 * <p>The absorption time T of a chain is the first generation at which the model's support is 1.
 * Tolerances:
 * <ul>
 *   <li>Monte-Carlo: 4 standard errors of the mean over 3000 chains.
 *   <li>Diffusion approximation: the formula drops O(1/n) terms of the discrete chain. The test solves the
 *       exact discrete chain ((I − Q) t = 1 over the transient states 1..n−1, Q the binomial transition
 *       matrix) and checks that it lies within {@link #DIFFUSION} = 2 generations of Kimura's formula at
 *       n = 200, then allows that term.
 *   <li>Truncation: chains run {@link #GENERATIONS} generations, so the simulation estimates
 *       E[min(T, G)]; the exact chain gives E[T] − E[min(T, G)], which is added to the tolerance against
 *       Kimura (it is well under 1 generation).
 * </ul>
 */
class KimuraTest {
  private static final int N = 200;
  private static final int CHAINS = 3000;
  private static final int GENERATIONS = 1200; // 6n: P(T > 6n) < 2e-3 for c <= 20
  private static final double DIFFUSION = 2.0;

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 20})
  void absorptionTime_matchesKimura(int c) throws IOException {
    double p = (double) c / N;
    double kimura = CollapseLaws.kimuraAbsorptionTime(N, p);
    double[] exact = exactMeans(c);
    double exactMean = exact[0];
    double exactTruncated = exact[1];
    assertEquals(kimura, exactMean, DIFFUSION, "exact discrete chain vs Kimura's diffusion formula");

    CategoricalSpec model = CategoricalSpec.ofCounts(c, N - c);
    ExperimentSpec spec = new ExperimentSpec("kimura-" + c, null, null, 200L + c, CHAINS, GENERATIONS, 1, model,
        WorkflowSpec.replace(N), List.of("support"));
    double[] absorbed = new double[CHAINS];
    Arrays.fill(absorbed, GENERATIONS); // min(T, G) for chains still polymorphic at the end
    GenerationSink sink = (g, rows) -> {
      for (int i = 0; i < rows.length; i++) {
        if (absorbed[i] == GENERATIONS && rows[i][0] == 1) {
          absorbed[i] = g;
        }
      }
    };
    new Simulator(2).run(spec, new CategoricalFamily(model), sink, null);
    Summary t = Summary.of(absorbed);
    double se = t.standardError();
    assertEquals(exactTruncated, t.mean(), 4 * se, "simulation vs exact E[min(T, G)]");
    assertEquals(kimura, t.mean(), 4 * se + DIFFUSION + (exactMean - exactTruncated),
        "simulation vs Kimura, c=" + c + ", se=" + se);
    assertTrue(Math.abs(exactMean - exactTruncated) < 1, "truncation term " + (exactMean - exactTruncated));
  }

  /** {E[T], E[min(T, G)]} of the discrete Wright–Fisher chain started at c copies out of N. */
  private static double[] exactMeans(int c) {
    int m = N - 1; // transient states 1..N-1 at indices 0..N-2
    double[][] q = new double[m][m];
    for (int a = 1; a < N; a++) {
      BinomialDistribution b = BinomialDistribution.of(N, (double) a / N);
      for (int x = 1; x < N; x++) {
        q[a - 1][x - 1] = b.probability(x);
      }
    }
    RealMatrix iMinusQ = MatrixUtils.createRealIdentityMatrix(m).subtract(MatrixUtils.createRealMatrix(q));
    double[] ones = new double[m];
    Arrays.fill(ones, 1);
    double mean = new LUDecomposition(iMinusQ).getSolver().solve(new ArrayRealVector(ones)).getEntry(c - 1);
    // E[min(T, G)] = Σ_{g<G} P(T > g), with the law of the state propagated as a row vector
    double[] v = new double[m];
    v[c - 1] = 1;
    double truncated = 0;
    for (int g = 0; g < GENERATIONS; g++) {
      double alive = 0;
      for (double x : v) {
        alive += x;
      }
      truncated += alive;
      double[] next = new double[m];
      for (int a = 0; a < m; a++) {
        if (v[a] != 0) {
          double va = v[a];
          double[] row = q[a];
          for (int x = 0; x < m; x++) {
            next[x] += va * row[x];
          }
        }
      }
      v = next;
    }
    return new double[] {mean, truncated};
  }
}
