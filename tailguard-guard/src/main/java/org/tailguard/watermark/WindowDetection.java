package org.tailguard.watermark;

/**
 * The most significant window found by {@link TokenScores#scan}: where a watermarked passage most likely
 * sits in a long text, with a p-value corrected for the number of windows tested (Bonferroni).
 *
 * @param from the first token of the window (an index into the text's tokens)
 * @param to one past the window's last token
 * @param scored the scored tokens inside the window
 * @param statistic the window's statistic (see {@link Detection#statistic})
 * @param pValue the window's own exact p-value, before correction
 * @param windows the number of windows tested
 * @param correctedPValue min(1, windows · pValue): a valid p-value for "some window is watermarked"
 */
public record WindowDetection(int from, int to, int scored, double statistic, double pValue, long windows,
    double correctedPValue) {
  /** Whether the text holds a watermarked passage at false-positive rate α: corrected p ≤ α. */
  public boolean flagged(double alpha) {
    return correctedPValue <= alpha;
  }
}
