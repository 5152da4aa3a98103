package org.tailguard.models.categorical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.HypergeometricDistribution;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.tailguard.random.GoodnessOfFit;
import org.tailguard.random.RandomStreams;

class CountsTest {
  /** Dense counts over 1..40 outcomes, mostly small, about a third zero. */
  private static Gen<int[]> dense(int k) {
    return Generate.intArrays(Generate.constant(k), Generate.range(0, 5)).map(a -> {
      int[] c = a.clone();
      for (int i = 0; i < c.length; i++) {
        c[i] = Math.max(0, c[i] - 1) * (i % 3 + 1);
      }
      return c;
    });
  }

  private static Gen<int[][]> densePairs() {
    return integers().between(1, 40).flatMap(k -> dense(k).zip(dense(k), (a, b) -> new int[][] {a, b}));
  }

  @Test
  void of_keepsPositiveCountsInOrder() {
    Counts c = Counts.of(new int[] {0, 3, 0, 0, 5, 1});
    assertEquals(6, c.outcomes());
    assertEquals(9, c.size());
    assertEquals(3, c.support());
    assertEquals(1, c.outcome(0));
    assertEquals(5, c.countAt(1));
    assertEquals(5, c.count(4));
    assertEquals(0, c.count(2));
    assertArrayEquals(new int[] {0, 3, 0, 0, 5, 1}, c.toDense());
    assertThrows(IllegalArgumentException.class, () -> Counts.of(new int[] {1, -1}));
    assertThrows(IllegalArgumentException.class, () -> Counts.of(new int[0]));
    assertThrows(IllegalArgumentException.class, () -> Counts.of(new int[] {Integer.MAX_VALUE, 1}));
  }

  @Test
  void concat_addsCounts() {
    qt().withFixedSeed(51L).withExamples(300).forAll(densePairs()).check(ab -> {
      int[] sum = Counts.of(ab[0]).concat(Counts.of(ab[1])).toDense();
      for (int i = 0; i < sum.length; i++) {
        if (sum[i] != ab[0][i] + ab[1][i]) {
          return false;
        }
      }
      return Counts.of(ab[0]).concat(Counts.of(ab[1])).equals(Counts.of(sum));
    });
  }

  @Test
  void concat_rejectsOtherOutcomeSpace() {
    assertThrows(IllegalArgumentException.class, () -> Counts.of(new int[] {1, 2}).concat(Counts.of(new int[] {1, 2, 3})));
  }

  @Test
  void subsample_drawsWithinCountsWithoutReplacement() {
    qt().withFixedSeed(52L).withExamples(300).forAll(dense(30), integers().between(0, 1000)).check((d, seed) -> {
      Counts c = Counts.of(d);
      int n = c.size() == 0 ? 0 : seed % (c.size() + 1);
      Counts s = c.subsample(n, RandomStreams.of(seed));
      int[] sd = s.toDense();
      for (int i = 0; i < d.length; i++) {
        if (sd[i] > d[i]) {
          return false;
        }
      }
      return s.size() == n && Counts.of(sd).equals(s);
    });
  }

  @Test
  void subsample_allOrNothing() {
    Counts c = Counts.of(new int[] {4, 0, 6});
    UniformRandomProvider rng = RandomStreams.of(3);
    assertSame(c, c.subsample(10, rng));
    assertEquals(Counts.empty(3), c.subsample(0, rng));
    assertThrows(IllegalArgumentException.class, () -> c.subsample(11, rng));
  }

  /**
   * A draw of n without replacement from counts c is multivariate hypergeometric: each marginal is
   * Hypergeometric(N, c_i, n). Chi-square against the exact pmf (Commons Statistics) for every category, and
   * the pair covariance −n c_i c_j (N − n) / (N² (N − 1)) within 4 standard errors.
   */
  @Test
  void subsample_isMultivariateHypergeometric() {
    int[] d = {30, 0, 50, 20, 7};
    int total = 107;
    int n = 40;
    int reps = 20_000;
    Counts c = Counts.of(d);
    UniformRandomProvider rng = RandomStreams.of(4);
    long[][] hist = new long[d.length][n + 1];
    double sx = 0;
    double sy = 0;
    double sxy = 0;
    for (int r = 0; r < reps; r++) {
      int[] s = c.subsample(n, rng).toDense();
      for (int i = 0; i < d.length; i++) {
        hist[i][s[i]]++;
      }
      sx += s[0];
      sy += s[2];
      sxy += (double) s[0] * s[2];
    }
    for (int i = 0; i < d.length; i++) {
      if (d[i] == 0) {
        assertEquals(reps, hist[i][0]);
        continue;
      }
      HypergeometricDistribution h = HypergeometricDistribution.of(total, d[i], n);
      double[] pmf = new double[n + 1];
      for (int x = 0; x <= n; x++) {
        pmf[x] = h.probability(x);
      }
      double p = GoodnessOfFit.pValue(hist[i], pmf);
      assertTrue(p > 1e-4, "category " + i + ": chi-square p-value " + p);
    }
    double cov = sxy / reps - (sx / reps) * (sy / reps);
    double expected = -n * 30.0 * 50.0 * (total - n) / ((double) total * total * (total - 1));
    // Var of a product-moment estimate: about Var(X)Var(Y)(1 + ρ²)/reps; bound Var by n/4 each
    double se = Math.sqrt((n / 4.0) * (n / 4.0) * 2 / reps);
    assertEquals(expected, cov, 4 * se);
  }

  @Test
  void write_readRoundTrip() throws IOException {
    qt().withFixedSeed(53L).withExamples(200).forAll(integers().between(1, 40).flatMap(CountsTest::dense)).check(d -> {
      try {
        Counts c = Counts.of(d);
        return Counts.read(in(bytes(c))).equals(c);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void read_rejectsCorruptRecords() throws IOException {
    assertThrows(IOException.class, () -> Counts.read(in(record(3, 2, 2, 1, 1, 1)))); // not increasing
    assertThrows(IOException.class, () -> Counts.read(in(record(3, 1, 0, 0))));       // zero count
    assertThrows(IOException.class, () -> Counts.read(in(record(3, 1, 3, 1))));       // outcome out of range
    assertThrows(IOException.class, () -> Counts.read(in(record(0, 0))));             // no outcomes
  }

  private static byte[] bytes(Counts c) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    c.write(new DataOutputStream(b));
    return b.toByteArray();
  }

  private static byte[] record(int... ints) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    for (int x : ints) {
      out.writeInt(x);
    }
    return b.toByteArray();
  }

  private static DataInputStream in(byte[] bytes) {
    return new DataInputStream(new ByteArrayInputStream(bytes));
  }
}
