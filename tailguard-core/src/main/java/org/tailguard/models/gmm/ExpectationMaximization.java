package org.tailguard.models.gmm;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Maximum-likelihood Gaussian mixtures with full covariances by expectation–maximisation (Dempster, Laird
 * and Rubin, JRSS B 39, 1977), initialised by k-means, as scikit-learn's {@code GaussianMixture} does.
 *
 * <p>What it mirrors, step by step, so that a run matches Shumailov et al.'s notebook in law:
 * <ol>
 *   <li>Initialisation: k-means (greedy k-means++ seeding with 2 + ⌊ln K⌋ candidates per centre, Arthur
 *       and Vassilvitskii, SODA 2007; then Lloyd iterations until no label changes, at most 300), then one
 *       M-step on the hard labels.
 *   <li>E-step: log N(x_i; μ_k, Σ_k) by Cholesky factors; responsibilities by log-sum-exp, so that far
 *       points do not underflow to 0/0 (the density-based E-step of Hipparchus does).
 *   <li>M-step: n_k = Σ_i r_ik + 10ε, w_k = n_k/n, μ_k = Σ_i r_ik x_i / n_k,
 *       Σ_k = Σ_i r_ik (x_i − μ_k)(x_i − μ_k)ᵀ / n_k + reg·I (scikit-learn's {@code reg_covar}).
 *   <li>Stop when the mean log-likelihood per sample, computed in the E-step, changes by less than
 *       {@code tol}, or after {@code maxIter} iterations.
 * </ol>
 * All randomness (the seeding) comes from the stream passed in, and every loop runs in a fixed order, so
 * the same stream gives the same fit bit for bit. Hipparchus' {@code MultivariateNormalMixtureExpectationMaximization}
 * runs the same iteration without regularisation; a test checks that both agree from the same start.
 * The cost is O(iterations · n · K · d²).
 */
final class ExpectationMaximization {
  static final double EPS10 = 10 * Math.ulp(1.0); // 10 × float64 machine epsilon, as scikit-learn
  private static final double LOG_2PI = Math.log(2 * Math.PI);
  private static final int KMEANS_MAX_ITER = 300;

  private ExpectationMaximization() {}

  /** A fitted mixture and how EM got there. */
  record Fit(GmmModel model, int iterations, boolean converged, double meanLogLikelihood) {}

  /**
   * Fits K components to n points.
   *
   * @param x the points, row-major, d coordinates each; at least K points
   * @param rng the stream for k-means++ seeding
   */
  static Fit fit(double[] x, int d, int k, double tol, int maxIter, double reg, UniformRandomProvider rng) {
    int n = x.length / d;
    if (n < k) {
      throw new IllegalArgumentException(k + " components need at least " + k + " points, got " + n);
    }
    int[] labels = kmeansLabels(x, d, k, rng);
    double[] resp = new double[n * k];
    for (int i = 0; i < n; i++) {
      resp[i * k + labels[i]] = 1;
    }
    double[] w = new double[k];
    double[][] mu = new double[k][d];
    double[][] cov = new double[k][d * d];
    mStep(x, d, resp, reg, w, mu, cov);
    return run(x, d, w, mu, cov, tol, maxIter, reg);
  }

  /**
   * Runs EM from given parameters, which it overwrites.
   *
   * @return the fit; {@code converged} is false if {@code maxIter} iterations were not enough
   * @throws IllegalStateException if a covariance stops being positive definite (only possible with reg = 0)
   */
  static Fit run(double[] x, int d, double[] w, double[][] mu, double[][] cov, double tol, int maxIter,
      double reg) {
    int n = x.length / d;
    int k = w.length;
    double[] resp = new double[n * k];
    double[] lp = new double[k];
    double[] c = new double[k];
    double[][] l = new double[k][];
    double[] z = new double[d];
    double lower = Double.NEGATIVE_INFINITY;
    boolean converged = false;
    int iter = 0;
    while (iter < maxIter) {
      iter++;
      double prev = lower;
      for (int j = 0; j < k; j++) {
        l[j] = Cholesky.factor(cov[j], d);
        if (l[j] == null) {
          throw new IllegalStateException("EM: covariance of component " + j + " is not positive definite at "
              + "iteration " + iter + "; raise model.reg_covar");
        }
        c[j] = Math.log(w[j]) - 0.5 * (d * LOG_2PI + Cholesky.logDet(l[j], d));
      }
      double ll = 0;
      for (int i = 0; i < n; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
          lp[j] = c[j] - 0.5 * Cholesky.mahalanobisSq(l[j], d, x, i, mu[j], z);
          max = Math.max(max, lp[j]);
        }
        double s = 0;
        for (int j = 0; j < k; j++) {
          double e = Math.exp(lp[j] - max);
          resp[i * k + j] = e;
          s += e;
        }
        ll += max + Math.log(s);
        double inv = 1 / s;
        for (int j = 0; j < k; j++) {
          resp[i * k + j] *= inv;
        }
      }
      lower = ll / n;
      mStep(x, d, resp, reg, w, mu, cov);
      if (Math.abs(lower - prev) < tol) {
        converged = true;
        break;
      }
    }
    return new Fit(new GmmModel(w, mu, cov, iter), iter, converged, lower);
  }

  /** The M-step from responsibilities {@code resp[i*K + k]}, into w, mu, cov. */
  static void mStep(double[] x, int d, double[] resp, double reg, double[] w, double[][] mu, double[][] cov) {
    int n = x.length / d;
    int k = w.length;
    double[] nk = new double[k];
    double[][] sum = new double[k][d];
    for (int i = 0; i < n; i++) {
      int base = i * d;
      for (int j = 0; j < k; j++) {
        double r = resp[i * k + j];
        nk[j] += r;
        for (int t = 0; t < d; t++) {
          sum[j][t] += r * x[base + t];
        }
      }
    }
    for (int j = 0; j < k; j++) {
      nk[j] += EPS10;
      for (int t = 0; t < d; t++) {
        mu[j][t] = sum[j][t] / nk[j];
      }
      Arrays.fill(cov[j], 0);
    }
    double[] dev = new double[d];
    for (int i = 0; i < n; i++) {
      int base = i * d;
      for (int j = 0; j < k; j++) {
        double r = resp[i * k + j];
        if (r == 0) {
          continue;
        }
        double[] cj = cov[j];
        for (int t = 0; t < d; t++) {
          dev[t] = x[base + t] - mu[j][t];
        }
        for (int a = 0; a < d; a++) {
          double ra = r * dev[a];
          for (int b = 0; b <= a; b++) {
            cj[a * d + b] += ra * dev[b];
          }
        }
      }
    }
    for (int j = 0; j < k; j++) {
      double[] cj = cov[j];
      for (int a = 0; a < d; a++) {
        for (int b = 0; b <= a; b++) {
          double v = cj[a * d + b] / nk[j] + (a == b ? reg : 0);
          cj[a * d + b] = v;
          cj[b * d + a] = v;
        }
      }
      w[j] = nk[j] / n;
    }
  }

  /**
   * Hard k-means labels: greedy k-means++ seeding, then Lloyd iterations until no label changes (at most
   * 300). An empty cluster takes the point farthest from its own centre, as scikit-learn relocates them.
   */
  static int[] kmeansLabels(double[] x, int d, int k, UniformRandomProvider rng) {
    int n = x.length / d;
    double[] centres = seed(x, d, k, rng);
    int[] labels = new int[n];
    double[] dist = new double[n];
    assign(x, d, centres, k, labels, dist);
    double[] sums = new double[k * d];
    int[] counts = new int[k];
    for (int it = 0; it < KMEANS_MAX_ITER; it++) {
      Arrays.fill(sums, 0);
      Arrays.fill(counts, 0);
      for (int i = 0; i < n; i++) {
        counts[labels[i]]++;
        for (int t = 0; t < d; t++) {
          sums[labels[i] * d + t] += x[i * d + t];
        }
      }
      for (int j = 0; j < k; j++) {
        if (counts[j] == 0) {
          int far = -1; // never empty another cluster: n ≥ K, so some cluster has two points
          for (int i = 0; i < n; i++) {
            if (counts[labels[i]] > 1 && (far < 0 || dist[i] > dist[far])) {
              far = i;
            }
          }
          counts[labels[far]]--;
          for (int t = 0; t < d; t++) {
            sums[labels[far] * d + t] -= x[far * d + t];
            sums[j * d + t] = x[far * d + t];
          }
          labels[far] = j;
          dist[far] = 0;
          counts[j] = 1;
        }
      }
      for (int j = 0; j < k; j++) {
        for (int t = 0; t < d; t++) {
          centres[j * d + t] = sums[j * d + t] / counts[j];
        }
      }
      if (!assign(x, d, centres, k, labels, dist) && it > 0) {
        break;
      }
    }
    return labels;
  }

  /** Assigns each point to its nearest centre; returns whether any label changed. */
  private static boolean assign(double[] x, int d, double[] centres, int k, int[] labels, double[] dist) {
    int n = x.length / d;
    boolean changed = false;
    for (int i = 0; i < n; i++) {
      int best = 0;
      double bestD = Double.POSITIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        double s = sq(x, i * d, centres, j * d, d);
        if (s < bestD) {
          bestD = s;
          best = j;
        }
      }
      if (labels[i] != best) {
        labels[i] = best;
        changed = true;
      }
      dist[i] = bestD;
    }
    return changed;
  }

  /** Greedy k-means++: each new centre is the best of 2 + ⌊ln K⌋ candidates drawn with probability ∝ D². */
  private static double[] seed(double[] x, int d, int k, UniformRandomProvider rng) {
    int n = x.length / d;
    int trials = 2 + (int) Math.log(k);
    double[] centres = new double[k * d];
    int first = rng.nextInt(n);
    System.arraycopy(x, first * d, centres, 0, d);
    double[] closest = new double[n];
    double pot = 0;
    for (int i = 0; i < n; i++) {
      closest[i] = sq(x, i * d, centres, 0, d);
      pot += closest[i];
    }
    double[] cand = new double[n];
    double[] best = new double[n];
    for (int c = 1; c < k; c++) {
      int bestIdx = -1;
      double bestPot = Double.POSITIVE_INFINITY;
      for (int t = 0; t < trials; t++) {
        int idx = pot > 0 ? drawByWeight(closest, pot * rng.nextDouble()) : rng.nextInt(n);
        double candPot = 0;
        for (int i = 0; i < n; i++) {
          cand[i] = Math.min(closest[i], sq(x, i * d, x, idx * d, d));
          candPot += cand[i];
        }
        if (candPot < bestPot) {
          bestPot = candPot;
          bestIdx = idx;
          System.arraycopy(cand, 0, best, 0, n);
        }
      }
      System.arraycopy(x, bestIdx * d, centres, c * d, d);
      System.arraycopy(best, 0, closest, 0, n);
      pot = bestPot;
    }
    return centres;
  }

  /** The first index whose running sum of weights exceeds {@code r}; the last positive one if rounding runs past. */
  private static int drawByWeight(double[] weights, double r) {
    double s = 0;
    int last = 0;
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] > 0) {
        s += weights[i];
        last = i;
        if (s > r) {
          return i;
        }
      }
    }
    return last;
  }

  private static double sq(double[] a, int ai, double[] b, int bi, int d) {
    double s = 0;
    for (int t = 0; t < d; t++) {
      double u = a[ai + t] - b[bi + t];
      s += u * u;
    }
    return s;
  }
}
