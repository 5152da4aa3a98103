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
 * Euclidean; the search is exact (it returns what brute force returns) but sweeps points sorted by one
 * coordinate, which in low dimensions avoids most of the O(n² d) distance evaluations.
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

  /*
   * How: both searches sweep points sorted by their first coordinate. For squared distances computed as
   * Σ_t (a_t − b_t)² with coordinate 0 first, the partial sum after coordinate 0, fl((a_0 − b_0)²), never
   * exceeds the full sum (adding non-negative terms is monotone under rounding), and it grows as the sweep
   * moves away. So a sweep may stop once fl((a_0 − b_0)²) exceeds the current k-th best (k-NN) or the
   * largest ball (coverage): no point beyond can change the result, which is therefore exactly the
   * brute-force one, at a fraction of its O(n²) cost in low dimensions.
   */

  /** Squared distance from each point to its k-th nearest other point of the same set. */
  static double[] kthNeighbourDistances(double[] pts, int dim, int k) {
    int n = pts.length / dim;
    int[] order = byFirstCoordinate(pts, dim);
    double[] xs = new double[n];
    for (int p = 0; p < n; p++) {
      xs[p] = pts[order[p] * dim];
    }
    double[] best = new double[k]; // the k smallest squared distances so far, ascending
    double[] radii = new double[n];
    for (int p = 0; p < n; p++) {
      Arrays.fill(best, Double.POSITIVE_INFINITY);
      int i = order[p];
      for (int q = p - 1; q >= 0; q--) {
        double dx = xs[p] - xs[q];
        if (dx * dx > best[k - 1]) {
          break;
        }
        consider(best, k, sq(pts, i, pts, order[q], dim));
      }
      for (int q = p + 1; q < n; q++) {
        double dx = xs[p] - xs[q];
        if (dx * dx > best[k - 1]) {
          break;
        }
        consider(best, k, sq(pts, i, pts, order[q], dim));
      }
      radii[i] = best[k - 1];
    }
    return radii;
  }

  /** Inserts {@code v} into the ascending buffer of the k smallest values if it belongs there. */
  private static void consider(double[] best, int k, double v) {
    if (v >= best[k - 1]) {
      return;
    }
    int p = k - 1;
    while (p > 0 && best[p - 1] > v) {
      best[p] = best[p - 1];
      p--;
    }
    best[p] = v;
  }

  /** The share of {@code queries} that fall inside at least one ball (centre, squared radius). */
  static double coverage(double[] queries, double[] centres, double[] radii, int dim) {
    int nq = queries.length / dim;
    int nc = centres.length / dim;
    int[] order = byFirstCoordinate(centres, dim);
    double[] xs = new double[nc];
    double maxR2 = 0;
    for (int p = 0; p < nc; p++) {
      xs[p] = centres[order[p] * dim];
      maxR2 = Math.max(maxR2, radii[order[p]]);
    }
    int inside = 0;
    for (int q = 0; q < nq; q++) {
      double x = queries[q * dim];
      int start = lowerBound(xs, x);
      boolean hit = false;
      for (int p = start; p < nc && !hit; p++) {
        double dx = x - xs[p];
        if (dx * dx > maxR2) {
          break;
        }
        hit = sq(queries, q, centres, order[p], dim) <= radii[order[p]];
      }
      for (int p = start - 1; p >= 0 && !hit; p--) {
        double dx = x - xs[p];
        if (dx * dx > maxR2) {
          break;
        }
        hit = sq(queries, q, centres, order[p], dim) <= radii[order[p]];
      }
      if (hit) {
        inside++;
      }
    }
    return (double) inside / nq;
  }

  /** Point indices sorted by first coordinate (ties by index, so the order is deterministic). */
  private static int[] byFirstCoordinate(double[] pts, int dim) {
    int n = pts.length / dim;
    double[] xs = new double[n];
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
      xs[i] = pts[i * dim];
    }
    Arrays.sort(idx, (a, b) -> {
      int c = Double.compare(xs[a], xs[b]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = idx[i];
    }
    return out;
  }

  /** The first index p with xs[p] ≥ x. */
  private static int lowerBound(double[] xs, double x) {
    int lo = 0;
    int hi = xs.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (xs[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
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
}
