package org.tailguard.detect.eval;

/**
 * One detector's measurements on one slice of the evaluation (a domain or all domains, a length, an
 * attack), with thresholds calibrated per domain and length on human calibration text.
 *
 * @param detector the detector
 * @param domain the domain, or {@code all} for the pooled slice
 * @param length the text length in words
 * @param attack the attack, or {@code none}
 * @param humans the number of held-out human texts
 * @param machines the number of machine texts
 * @param auroc AUROC of the scores
 * @param tpr1 TPR at the threshold calibrated to 1% FPR
 * @param fpr1 the false-positive rate measured on the held-out human texts at that threshold
 * @param tpr5 TPR at the threshold calibrated to 5% FPR
 * @param fpr5 the measured false-positive rate at that threshold
 */
public record Metrics(String detector, String domain, int length, String attack, int humans, int machines,
    double auroc, double tpr1, double fpr1, double tpr5, double fpr5) {
  /** Balanced accuracy at the 1%-FPR threshold: (TPR + 1 − FPR) / 2. */
  public double accuracy1() {
    return (tpr1 + 1 - fpr1) / 2;
  }
}
