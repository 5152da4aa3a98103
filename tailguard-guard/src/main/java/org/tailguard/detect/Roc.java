package org.tailguard.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Binary detection metrics from human (negative) and machine (positive) scores: AUROC, rates at a
 * threshold, and the ROC curve. AUROC is the Mann–Whitney probability P(machine score &gt; human score) +
 * ½ P(equal) (Hanley and McNeil 1982). NaN scores count as "not flagged" at every threshold, and as the
 * lowest score for AUROC, so a detector cannot gain from failing on a text.
 */
public final class Roc {
  private Roc() {}

  /** Rates at one threshold (flag when score &gt; threshold). */
  public record Rates(double tpr, double fpr) {
    /** Balanced accuracy: (TPR + TNR) / 2. */
    public double accuracy() {
      return (tpr + 1 - fpr) / 2;
    }
  }

  public static Rates at(double[] human, double[] machine, double threshold) {
    return new Rates(flagged(machine, threshold), flagged(human, threshold));
  }

  /** The fraction of scores strictly above the threshold (NaN never). */
  public static double flagged(double[] scores, double threshold) {
    if (scores.length == 0) {
      return Double.NaN;
    }
    int c = 0;
    for (double s : scores) {
      if (s > threshold) {
        c++;
      }
    }
    return (double) c / scores.length;
  }

  /** AUROC = P(M &gt; H) + ½ P(M = H), by ranks with ties averaged; NaN if either side is empty. */
  public static double auroc(double[] human, double[] machine) {
    int nh = human.length;
    int nm = machine.length;
    if (nh == 0 || nm == 0) {
      return Double.NaN;
    }
    double[] all = new double[nh + nm];
    boolean[] pos = new boolean[nh + nm];
    for (int i = 0; i < nh; i++) {
      all[i] = clean(human[i]);
    }
    for (int i = 0; i < nm; i++) {
      all[nh + i] = clean(machine[i]);
      pos[nh + i] = true;
    }
    Integer[] order = new Integer[all.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(all[a], all[b]));
    double rankSum = 0;
    for (int i = 0; i < order.length; ) {
      int j = i;
      while (j + 1 < order.length && all[order[j + 1]] == all[order[i]]) {
        j++;
      }
      double mid = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (pos[order[k]]) {
          rankSum += mid;
        }
      }
      i = j + 1;
    }
    return (rankSum - nm * (nm + 1) / 2.0) / ((double) nh * nm);
  }

  /** TPR at the largest threshold whose FPR on these human scores is at most {@code fpr} (an oracle). */
  public static double tprAtFpr(double[] human, double[] machine, double fpr) {
    double t = Calibration.threshold(human, fpr);
    return flagged(machine, t);
  }

  /** The ROC curve as (FPR, TPR) points from (0, 0) to (1, 1), one per distinct score. */
  public static List<double[]> curve(double[] human, double[] machine) {
    double[] ts = new double[human.length + machine.length];
    int k = 0;
    for (double x : human) {
      ts[k++] = clean(x);
    }
    for (double x : machine) {
      ts[k++] = clean(x);
    }
    Arrays.sort(ts);
    List<double[]> pts = new ArrayList<>();
    pts.add(new double[] {0, 0});
    double[] h = Arrays.stream(human).map(Roc::clean).sorted().toArray();
    double[] m = Arrays.stream(machine).map(Roc::clean).sorted().toArray();
    for (int i = ts.length - 1; i >= 0; i--) {
      if (i < ts.length - 1 && ts[i] == ts[i + 1]) {
        continue;
      }
      double t = ts[i];
      pts.add(new double[] {above(h, t), above(m, t)});
    }
    pts.add(new double[] {1, 1});
    return pts;
  }

  /** Fraction of a sorted array at or above t. */
  private static double above(double[] sorted, double t) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return sorted.length == 0 ? 0 : (double) (sorted.length - lo) / sorted.length;
  }

  private static double clean(double x) {
    return Double.isNaN(x) ? Double.NEGATIVE_INFINITY : x;
  }
}
