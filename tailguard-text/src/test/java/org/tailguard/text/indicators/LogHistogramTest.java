package org.tailguard.text.indicators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import org.junit.jupiter.api.Test;

/** Log-spaced bins: edges, bin lookup at and between edges, shares, and the interval text the report reads. */
class LogHistogramTest {
  private static final LogHistogram H = new LogHistogram(10, 5);

  @Test
  void bins_coverOneToTenToTheFifthThenOverflow() {
    assertEquals(51, H.bins());
    assertEquals(1.0, H.lower(0));
    assertEquals(10.0, H.lower(10), 1e-12);
    assertEquals(1e5, H.lower(50), 1e-7);
    assertEquals(Double.POSITIVE_INFINITY, H.upper(50));
  }

  @Test
  void bin_ofHandPickedValues() {
    assertEquals(0, H.bin(1.0));
    assertEquals(0, H.bin(0.999999)); // below 1 only by rounding: first bin
    assertEquals(0, H.bin(1.25)); // 10^0.1 = 1.2589
    assertEquals(1, H.bin(1.26));
    assertEquals(10, H.bin(10.0));
    assertEquals(9, H.bin(9.99));
    assertEquals(20, H.bin(100.0));
    assertEquals(49, H.bin(99_999.0));
    assertEquals(50, H.bin(1e5));
    assertEquals(50, H.bin(Double.POSITIVE_INFINITY));
    assertEquals(-1, H.bin(Double.NaN));
  }

  @Test
  void bin_placesEveryValueBetweenItsEdges() {
    qt().withFixedSeed(3L).withExamples(5000).forAll(doubles().between(0, 6)).checkAssert(e -> {
      double v = Math.pow(10, e);
      int b = H.bin(v);
      assertTrue(b == 50 ? v >= H.lower(50) : v >= H.lower(b) && v < H.upper(b), v + " in bin " + b);
    });
    for (int i = 1; i < H.bins(); i++) {
      assertEquals(i, H.bin(H.lower(i)), "an edge belongs to the bin it opens");
      assertEquals(i - 1, H.bin(Math.nextDown(H.lower(i))), "just below an edge");
    }
  }

  @Test
  void shares_sumToOneAndIgnoreNaN() {
    double[] s = H.shares(new double[] {1.0, 1.1, 10.0, 1e6, Double.NaN});
    assertEquals(0.5, s[0]);
    assertEquals(0.25, s[10]);
    assertEquals(0.25, s[50]);
    assertEquals(1.0, java.util.Arrays.stream(s).sum(), 1e-15);
    assertArrayEquals(new double[51], H.shares(new double[] {Double.NaN}));
  }

  @Test
  void interval_isTheReportsFormat() {
    assertEquals("[1, 1.259)", H.interval(0));
    assertEquals("[10, 12.59)", H.interval(10));
    assertEquals("[79430, 100000)", H.interval(49));
    assertEquals("[100000, ∞)", H.interval(50));
    assertThrows(IllegalArgumentException.class, () -> new LogHistogram(0, 5));
  }
}
