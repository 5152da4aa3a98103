package org.tailguard.models.categorical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tailguard.metrics.Summary;
import org.tailguard.metrics.TailMetrics;
import org.tailguard.random.RandomStreams;
import org.tailguard.sim.MemorySink;
import org.tailguard.sim.Simulator;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.spec.WorkflowSpec;

/**
 * The tail cut of Dohmatob et al., "A Tale of Tails" (ICML 2024, arXiv 2402.07043): the exact expected
 * error E(T, k) and simulations of the memorising model trained on tail-cut data, once and recursively.
 */
class TailCutTest {
  private static final int N = 10_000;
  private static final double BETA = 1.5;
  private static final int CUT = 100;

  private static MemorySink run(TailCutSpec model, int t, long seed, int chains, int generations) throws IOException {
    ExperimentSpec spec = new ExperimentSpec("tail-cut", null, null, seed, chains, generations, 1, model,
        WorkflowSpec.replace(t), List.of("support", "lost_mass"));
    MemorySink sink = new MemorySink();
    new Simulator(2).run(spec, new CategoricalFamily(model), sink, null);
    return sink;
  }

  @Test
  void expectedError_isOneWithoutDataAndFallsToTheTailMass() {
    double[] p = Zipf.probabilities(N, BETA);
    double tail = TailCut.tailBeyond(p, CUT);
    assertEquals(1.0, TailCut.expectedError(p, CUT, 0), 1e-12);
    double previous = 1;
    for (long t = 1; t <= 10_000_000_000L; t *= 10) {
      double e = TailCut.expectedError(p, CUT, t);
      assertTrue(e <= previous && e >= tail, "E(" + t + ") = " + e);
      previous = e;
    }
    // the plateau: beyond T ≈ 40/q_k every head outcome is seen and E(T, k) equals the tail mass
    assertEquals(tail, TailCut.expectedError(p, CUT, 10_000_000_000L), 1e-15);
    assertEquals(0.0, TailCut.tailBeyond(p, N));
  }

  @Test
  void tailBeyond_isTheTailMassBeyondRankOfRankedProbabilities() {
    double[] p = Zipf.probabilities(N, BETA);
    for (int k : new int[] {1, 10, 100, 5000, N}) {
      assertEquals(TailMetrics.tailMassBeyondRank(p, k), TailCut.tailBeyond(p, k), 1e-13, "k=" + k);
    }
  }

  /**
   * Without a cut, E(T) ≍ T^{−(β−1)/β} (ibid., Thm 2.1): each decade of T divides the error by 10^{1/3}
   * for β = 1.5. N = 10⁶ (a finite stand-in for the infinite Zipf law); tolerance 3% of the ratio for the
   * pre-asymptotic and finite-N corrections, which are ~1-2% at T = 10³..10⁵. An exponent off by 0.1
   * moves the ratio by 20%.
   */
  @Test
  void expectedError_withoutCutScalesAsTheTaleOfTailsLaw() {
    double[] p = Zipf.probabilities(1_000_000, BETA);
    double law = Math.pow(10, -(BETA - 1) / BETA);
    for (long t = 1_000; t <= 10_000; t *= 10) {
      double ratio = TailCut.expectedError(p, p.length, 10 * t) / TailCut.expectedError(p, p.length, t);
      assertEquals(law, ratio, 0.03 * law, "E(" + 10 * t + ")/E(" + t + ")");
    }
  }

  @Test
  void expectedError_rejectsBadArguments() {
    double[] p = Zipf.probabilities(10, 1);
    assertThrows(IllegalArgumentException.class, () -> TailCut.expectedError(p, 0, 5));
    assertThrows(IllegalArgumentException.class, () -> TailCut.expectedError(p, 11, 5));
    assertThrows(IllegalArgumentException.class, () -> TailCut.expectedError(p, 5, -1));
  }

  @Test
  void real_drawsOnlyFromTheHead() {
    CategoricalFamily f = new CategoricalFamily(TailCutSpec.of(N, BETA, CUT));
    for (int t : new int[] {50, 5_000}) {
      Counts c = f.real(t, RandomStreams.of(t));
      assertEquals(t, c.size());
      assertTrue(c.outcome(c.support() - 1) < CUT, "drew outcome " + c.outcome(c.support() - 1));
    }
  }

  /**
   * One generation: the memoriser's test error, the lost true mass, averaged over 400 chains, matches the
   * exact E(T, k) within 4 standard errors (E is an exact expectation, so there is no model term).
   */
  @ParameterizedTest
  @ValueSource(ints = {100, 1_000, 10_000})
  void lostMass_oneGenerationMatchesExactError(int t) throws IOException {
    MemorySink sink = run(TailCutSpec.of(N, BETA, CUT), t, 300 + t, 400, 0);
    Summary s = sink.summary("lost_mass", 0);
    double expected = TailCut.expectedError(Zipf.probabilities(N, BETA), CUT, t);
    assertEquals(expected, s.mean(), 4 * s.standardError(), "T=" + t);
  }

  @Test
  void lostMass_withoutCutMatchesExactError() throws IOException {
    MemorySink sink = run(TailCutSpec.of(N, BETA, null), 1_000, 310, 400, 0);
    Summary s = sink.summary("lost_mass", 0);
    assertEquals(TailCut.expectedError(Zipf.probabilities(N, BETA), N, 1_000), s.mean(), 4 * s.standardError());
  }

  /**
   * As T grows the error plateaus at the tail mass beyond k: at T = 10⁵ every chain has seen all k head
   * outcomes (the chance of missing one is below k·e^{−40}), so each chain's error is the tail mass, to
   * rounding, and E(T, k) − tail is below 1e-15.
   */
  @Test
  void lostMass_plateausAtTheTailMass() throws IOException {
    MemorySink sink = run(TailCutSpec.of(N, BETA, CUT), 100_000, 320, 20, 0);
    double tail = TailCut.tailBeyond(Zipf.probabilities(N, BETA), CUT);
    for (double v : sink.values("lost_mass", 0)) {
      assertEquals(tail, v, 1e-12);
    }
    for (double v : sink.values("support", 0)) {
      assertEquals(CUT, v);
    }
  }

  /**
   * Recursively, each generation trains on T draws of the previous empirical distribution and loses more
   * of the head: the plateau rises with the generation (ibid.). Generation 0 matches E(T, k) within 4
   * standard errors; by generation 10 the mean error has risen by more than 4 standard errors of the
   * difference.
   */
  @Test
  void lostMass_recursiveTrainingRaisesThePlateau() throws IOException {
    int t = 1_000;
    MemorySink sink = run(TailCutSpec.of(N, BETA, CUT), t, 330, 200, 10);
    Summary g0 = sink.summary("lost_mass", 0);
    Summary g10 = sink.summary("lost_mass", 10);
    assertEquals(TailCut.expectedError(Zipf.probabilities(N, BETA), CUT, t), g0.mean(), 4 * g0.standardError());
    double seDiff = Math.hypot(g0.standardError(), g10.standardError());
    assertTrue(g10.mean() > g0.mean() + 4 * seDiff, "generation 10: " + g10.mean() + ", generation 0: " + g0.mean());
    double previous = 0;
    for (int g = 0; g <= 10; g++) {
      double mean = sink.summary("lost_mass", g).mean();
      assertTrue(mean >= previous, "mean error fell at generation " + g);
      previous = mean;
    }
  }
}
