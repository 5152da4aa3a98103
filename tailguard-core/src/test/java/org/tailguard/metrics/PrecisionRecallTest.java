package org.tailguard.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

class PrecisionRecallTest {

  /** The textbook O(n²) definition, written independently of the sweep. */
  private static double[] naiveRadii(double[] pts, int dim, int k) {
    int n = pts.length / dim;
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      double[] row = new double[n - 1];
      for (int j = 0, m = 0; j < n; j++) {
        if (j != i) {
          row[m++] = sq(pts, i, pts, j, dim);
        }
      }
      Arrays.sort(row);
      r[i] = row[k - 1];
    }
    return r;
  }

  private static double naiveCoverage(double[] q, double[] c, double[] radii, int dim) {
    int inside = 0;
    for (int i = 0; i < q.length / dim; i++) {
      for (int j = 0; j < c.length / dim; j++) {
        if (sq(q, i, c, j, dim) <= radii[j]) {
          inside++;
          break;
        }
      }
    }
    return (double) inside / (q.length / dim);
  }

  private static double sq(double[] a, int i, double[] b, int j, int dim) {
    double s = 0;
    for (int t = 0; t < dim; t++) {
      double d = a[i * dim + t] - b[j * dim + t];
      s += d * d;
    }
    return s;
  }

  /** Points on a coarse lattice (many ties and duplicates) or continuous, in 1 to 3 dimensions. */
  private static double[] points(SplittableRandom r, int n, int dim, boolean lattice, double shift) {
    double[] p = new double[n * dim];
    for (int i = 0; i < p.length; i++) {
      p[i] = lattice ? r.nextInt(6) * 0.5 : r.nextGaussian() * (1 + i % 3) + shift;
    }
    return p;
  }

  @Test
  void sweep_returnsExactlyWhatBruteForceReturns() {
    qt().withFixedSeed(99L).withExamples(150)
        .forAll(SourceDSL.integers().between(1, 3), SourceDSL.integers().between(6, 120),
            SourceDSL.booleans().all(), SourceDSL.longs().all())
        .check((dim, n, lattice, seed) -> {
          SplittableRandom r = new SplittableRandom(seed);
          double[] real = points(r, n, dim, lattice, 0);
          double[] fake = points(r, n + 7, dim, lattice, 0.8);
          int k = 1 + r.nextInt(5);
          double[] rr = PrecisionRecall.kthNeighbourDistances(real, dim, k);
          double[] fr = PrecisionRecall.kthNeighbourDistances(fake, dim, k);
          return Arrays.equals(rr, naiveRadii(real, dim, k)) && Arrays.equals(fr, naiveRadii(fake, dim, k))
              && PrecisionRecall.coverage(fake, real, rr, dim) == naiveCoverage(fake, real, rr, dim)
              && PrecisionRecall.coverage(real, fake, fr, dim) == naiveCoverage(real, fake, fr, dim);
        });
  }

  @Test
  void knn_identicalSets_givesPerfectPrecisionAndRecall() {
    double[] p = points(new SplittableRandom(3), 200, 2, false, 0);
    PrecisionRecall.Result r = PrecisionRecall.knn(p, p.clone(), 2, 5);
    assertEquals(1.0, r.precision());
    assertEquals(1.0, r.recall());
  }

  @Test
  void kthNeighbourDistances_smallExample() {
    double[] p = {0, 1, 3, 6};
    assertArrayEquals(new double[] {1, 1, 4, 9}, PrecisionRecall.kthNeighbourDistances(p, 1, 1));
    assertArrayEquals(new double[] {9, 4, 9, 25}, PrecisionRecall.kthNeighbourDistances(p, 1, 2));
  }
}
