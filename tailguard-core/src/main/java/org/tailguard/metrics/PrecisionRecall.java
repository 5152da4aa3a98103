package org.tailguard.metrics;

import java.util.Arrays;

/**
 * Improved precision and recall of a generative model by k-nearest-neighbour balls.
 *
 * <p>Kynkäänniemi et al., "Improved Precision and Recall Metric for Assessing Generative Models"
 * (NeurIPS 2019): the real manifold is the union of balls around each real point whose radius is the
 * distance to its k-th nearest real neighbour; precision is the share of generated points inside it.
 * Recall swaps the roles: the share of real points inside the generated manifold. Alemohammad et al.
 * (ICLR 2024) use k = 5 and show that recall reveals mode loss that total variance hides. Distances are
 * Euclidean; the search is exact and brute force, O(n² d).
 */
public final class PrecisionRecall {
  private PrecisionRecall() {}

  /** Precision and recall, each in [0, 1]. */
  public record Result(double precision, double recall) {}

  /**
   * Computes k-NN precision and recall.
   *
   * @param real real points, row-major with {@code dim} coordinates each
   * @param fake generated points, row-major
   * @param dim the dimension
   * @param k the neighbour rank defining each ball's radius (5 in the papers); needs more than k points per side
   */
  public static Result knn(double[] real, double[] fake, int dim, int k) {
    int nr = real.length / dim;
    int nf = fake.length / dim;
    if (nr <= k || nf <= k) {
      throw new IllegalArgumentException("k-NN precision/recall needs more than k=" + k + " points per side, got "
          + nr + " real and " + nf + " generated");
    }
    double[] realRadii = kthNeighbourDistances(real, dim, k);
    double[] fakeRadii = kthNeighbourDistances(fake, dim, k);
    return new Result(coverage(fake, real, realRadii, dim), coverage(real, fake, fakeRadii, dim));
  }

  /** Squared distance from each point to its k-th nearest other point of the same set. */
  static double[] kthNeighbourDistances(double[] pts, int dim, int k) {
    int n = pts.length / dim;
    double[] radii = new double[n];
    double[] row = new double[n - 1];
    for (int i = 0; i < n; i++) {
      int m = 0;
      for (int j = 0; j < n; j++) {
        if (j != i) {
          row[m++] = sq(pts, i, pts, j, dim);
        }
      }
      radii[i] = select(row, k - 1);
    }
    return radii;
  }

  /** The share of {@code queries} that fall inside at least one ball (centre, squared radius). */
  static double coverage(double[] queries, double[] centres, double[] radii, int dim) {
    int nq = queries.length / dim;
    int nc = centres.length / dim;
    int inside = 0;
    for (int q = 0; q < nq; q++) {
      for (int c = 0; c < nc; c++) {
        if (sq(queries, q, centres, c, dim) <= radii[c]) {
          inside++;
          break;
        }
      }
    }
    return (double) inside / nq;
  }

  private static double sq(double[] a, int i, double[] b, int j, int dim) {
    double s = 0;
    int ai = i * dim;
    int bj = j * dim;
    for (int t = 0; t < dim; t++) {
      double d = a[ai + t] - b[bj + t];
      s += d * d;
    }
    return s;
  }

  private static double select(double[] v, int rank) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c[rank];
  }
}
