package org.tailguard.detect;

/**
 * A calibrated decision about one text.
 *
 * @param detector the detector's name
 * @param score its score (higher: more machine-like)
 * @param threshold the calibrated threshold used
 * @param fpr the target false-positive rate the threshold was calibrated to
 * @param machine whether score &gt; threshold
 */
public record Decision(String detector, double score, double threshold, double fpr, boolean machine) {}
