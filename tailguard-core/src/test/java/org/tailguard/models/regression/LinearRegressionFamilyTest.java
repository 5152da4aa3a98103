package org.tailguard.models.regression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tailguard.models.Observation;
import org.tailguard.random.RandomStreams;
import org.tailguard.sim.MemorySink;
import org.tailguard.sim.Simulator;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.spec.Workflow;
import org.tailguard.spec.WorkflowSpec;

/** The linear-regression family: shared-design datasets, relabelling, OLS, determinism and checkpoints. */
class LinearRegressionFamilyTest {
  static final LinearRegressionFamily FAMILY = new LinearRegressionFamily(LinearRegressionSpec.standard(3));

  static UniformRandomProvider rng(long seed) {
    return RandomStreams.of(seed);
  }

  @Test
  void concat_sharesTheDesign_withoutCopyingIt() {
    LabelledRows real = FAMILY.real(20, rng(1));
    LinearRegressionModel m = FAMILY.fit(real, rng(2));
    LabelledRows pool = real.concat(m.sample(20, 1.0, rng(3))).concat(m.sample(20, 1.0, rng(4)));
    assertSame(real.design(), pool.design());
    assertSame(real.design(), pool.subsample(7, rng(5)).design());
    assertEquals(60, pool.size());
    assertEquals(20, pool.designRows());
    assertEquals(real.feature(4, 2), pool.feature(44, 2));
  }

  @Test
  void concat_rejectsAnotherDesign() {
    LabelledRows a = FAMILY.real(20, rng(1));
    LabelledRows b = FAMILY.real(20, rng(2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.concat(b));
    assertTrue(e.getMessage().contains("fixed design"), e.getMessage());
  }

  @Test
  void subsample_keepsRowsWithTheirLabels() {
    LabelledRows real = FAMILY.real(30, rng(1));
    LabelledRows sub = real.subsample(12, rng(2));
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < sub.size(); i++) {
      assertTrue(seen.add(sub.row(i)), "drawn twice: row " + sub.row(i));
      assertEquals(real.label(sub.row(i)), sub.label(i)); // real rows are 0..T-1 in order
    }
  }

  @Test
  void sample_relabelsEveryDesignRowOnce_whenNIsT() {
    LabelledRows real = FAMILY.real(25, rng(1));
    LabelledRows synth = FAMILY.fit(real, rng(2)).sample(25, 1.0, rng(3));
    for (int i = 0; i < 25; i++) {
      assertEquals(i, synth.row(i));
    }
  }

  @Test
  void sample_coversTheDesignThenDistinctRandomRows_whenNIsNotT() {
    LinearRegressionModel m = FAMILY.fit(FAMILY.real(10, rng(1)), rng(2));
    LabelledRows few = m.sample(4, 1.0, rng(3));
    assertEquals(4, distinctRows(few, 0, 4));
    LabelledRows many = m.sample(23, 1.0, rng(4));
    for (int i = 0; i < 20; i++) {
      assertEquals(i % 10, many.row(i));
    }
    assertEquals(3, distinctRows(many, 20, 23));
    assertEquals(0, m.sample(0, 1.0, rng(5)).size());
  }

  static int distinctRows(LabelledRows d, int from, int to) {
    Set<Integer> s = new HashSet<>();
    for (int i = from; i < to; i++) {
      s.add(d.row(i));
    }
    return s.size();
  }

  /**
   * With bias λ the relabelling noise has variance λσ². On T = 20 000 rows the residual variance
   * y − xᵀŵ has standard error σ²λ√(2/T) ≈ 0.01 λ; the tolerance is 4 SE.
   */
  @Test
  void sample_scalesNoiseVarianceByBias() {
    LinearRegressionFamily f = new LinearRegressionFamily(new LinearRegressionSpec(2, 2.0, TrueWeights.ONES, null));
    int t = 20_000;
    LinearRegressionModel m = f.fit(f.real(t, rng(1)), rng(2));
    double lambda = 0.25;
    LabelledRows y = m.sample(t, lambda, rng(3));
    double[] w = m.weights();
    double ss = 0;
    for (int i = 0; i < t; i++) {
      double r = y.label(i) - (y.feature(i, 0) * w[0] + y.feature(i, 1) * w[1]);
      ss += r * r;
    }
    double expected = lambda * 4.0;
    assertEquals(expected, ss / t, 4 * expected * Math.sqrt(2.0 / t));
  }

  /** A training set with fewer distinct rows than features: XᵀX is singular; the min-norm fit interpolates. */
  @Test
  void fit_interpolatesWithMinimumNorm_whenRankDeficient() {
    LinearRegressionFamily f = new LinearRegressionFamily(LinearRegressionSpec.standard(6));
    LabelledRows real = f.real(20, rng(1));
    LabelledRows sub = real.subsample(4, rng(2));
    double[] w = f.fit(sub.concat(sub), rng(3)).weights();
    for (int i = 0; i < sub.size(); i++) {
      double pred = 0;
      for (int j = 0; j < 6; j++) {
        pred += sub.feature(i, j) * w[j];
        assertTrue(Double.isFinite(w[j]));
      }
      assertEquals(sub.label(i), pred, 1e-9);
    }
  }

  @Test
  void write_thenRead_givesTheSameRowsAndLabels() throws IOException {
    LabelledRows real = FAMILY.real(15, rng(1));
    LabelledRows pool = real.concat(FAMILY.fit(real, rng(2)).sample(15, 0.5, rng(3))).subsample(20, rng(4));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    pool.write(new DataOutputStream(bytes));
    LabelledRows back = FAMILY.readData(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals(pool.size(), back.size());
    assertTrue(back.design().sameAs(real.design()));
    for (int i = 0; i < pool.size(); i++) {
      assertEquals(pool.row(i), back.row(i));
      assertEquals(pool.label(i), back.label(i));
    }
    // A design read back from a checkpoint pools with the original one.
    assertEquals(35, back.concat(real).size());
  }

  @Test
  void measure_testErrorIsSquaredWeightError_andRatioIsNaNWithoutNoise() {
    LinearRegressionFamily f = new LinearRegressionFamily(new LinearRegressionSpec(2, 0.0, TrueWeights.of(1, -2), null));
    LinearRegressionModel exact = f.fit(f.real(10, rng(1)), rng(2));
    LinearRegressionModel off = new LinearRegressionModel(exact.design(), new double[] {1.5, -2.0}, 0.0);
    double[] out = new double[3];
    f.measure(new Observation<>(1, off, exact, null, new boolean[] {true, true, true}, rng(3)), out);
    assertEquals(0.25, out[LinearRegressionFamily.TEST_ERROR], 1e-15);
    assertTrue(Double.isNaN(out[LinearRegressionFamily.TEST_ERROR_RATIO]));
    assertEquals(Math.sqrt(1.5 * 1.5 + 4), out[LinearRegressionFamily.WEIGHT_NORM], 1e-15);
  }

  static ExperimentSpec spec(Workflow type, int chains, int generations) {
    WorkflowSpec w = switch (type) {
      case REPLACE, ACCUMULATE -> new WorkflowSpec(type, 30, null, null, null, null, 0.8);
      case ACCUMULATE_SUBSAMPLE -> new WorkflowSpec(type, 30, 20, 40, null, null, 1.0);
      case FRESH -> new WorkflowSpec(type, 30, null, null, 0, null, 1.0);
      case KEEP_ORIGINAL -> new WorkflowSpec(type, 30, null, null, null, 0.3, 1.0);
    };
    return new ExperimentSpec("regression-" + type.id(), null, null, 7L, chains, generations, 2,
        LinearRegressionSpec.standard(4), w, List.of());
  }

  static double[][][] all(MemorySink sink, int generations) {
    double[][][] v = new double[generations + 1][][];
    for (int g = 0; g <= generations; g++) {
      v[g] = new double[][] {
          sink.values("test_error", g), sink.values("test_error_ratio", g), sink.values("weight_norm", g)};
    }
    return v;
  }

  static MemorySink run(ExperimentSpec spec, int threads) throws IOException {
    MemorySink sink = new MemorySink();
    new Simulator(threads).run(spec, new LinearRegressionFamily((LinearRegressionSpec) spec.model()), sink, null);
    return sink;
  }

  @ParameterizedTest
  @EnumSource(Workflow.class)
  void simulator_givesIdenticalChains_onOneAndTwoThreads(Workflow type) throws IOException {
    ExperimentSpec s = spec(type, 12, 6);
    double[][][] one = all(run(s, 1), 6);
    double[][][] two = all(run(s, 2), 6);
    for (int g = 0; g <= 6; g++) {
      for (int k = 0; k < 3; k++) {
        assertArrayEquals(one[g][k], two[g][k], type + " generation " + g + " indicator " + k);
      }
    }
    assertTrue(one[6][0][0] > 0 && Double.isFinite(one[6][0][0]));
  }

  @Test
  void simulator_resumedFromCheckpoint_matchesAnUninterruptedRun(@TempDir Path dir) throws IOException {
    ExperimentSpec full = spec(Workflow.ACCUMULATE, 5, 8);
    double[][][] straight = all(run(full, 1), 8);
    Path cp = dir.resolve("chk.bin");
    MemorySink sink = new MemorySink();
    LinearRegressionFamily f = new LinearRegressionFamily((LinearRegressionSpec) full.model());
    new Simulator(1).run(full.withSize(5, 3), f, sink, cp);
    Simulator.Outcome o = new Simulator(2).run(full, f, sink, cp);
    assertTrue(o.resumed());
    assertEquals(4, o.firstGeneration());
    double[][][] resumed = all(sink, 8);
    for (int g = 0; g <= 8; g++) {
      for (int k = 0; k < 3; k++) {
        assertArrayEquals(straight[g][k], resumed[g][k], "generation " + g + " indicator " + k);
      }
    }
  }
}
