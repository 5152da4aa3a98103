package org.tailguard.watermark;

import org.tailguard.spec.Check;
import org.tailguard.spec.SpecException;

/**
 * How {@link TokenScores#scan} searches a long text for a watermarked passage: windows over the sequence
 * of scored tokens, of sizes {@code minWindow}, ⌈minWindow·growth⌉, … up to the whole text (which is
 * always included), each slid in steps of ⌈size·stride⌉ with the last window flush with the end.
 *
 * <p>Kirchenbauer et al.'s WinMax (reliability paper, ICLR 2024) takes the best z over all window sizes;
 * its score is not a p-value because of the many tests. Here the best window's exact p-value is multiplied
 * by the number of windows tested (Bonferroni), which bounds the false-positive rate whatever the overlap
 * between windows; the grid keeps that number near 2·n / (minWindow·stride·ln growth).
 *
 * @param minWindow the smallest window, in scored tokens; at least 2 (default 25)
 * @param growth the ratio of successive window sizes, in (1, 16] (default 1.5)
 * @param stride the step as a fraction of the window size, in (0, 1] (default 0.25)
 */
public record Scan(Integer minWindow, Double growth, Double stride) {
  public Scan {
    minWindow = Check.atLeast("watermark.scan.min_window", minWindow == null ? 25 : minWindow, 2);
    growth = growth == null ? 1.5 : growth;
    if (!(growth > 1 && growth <= 16)) {
      throw new SpecException("watermark.scan.growth", "must be in (1, 16], got " + growth);
    }
    stride = Check.inHalfOpen("watermark.scan.stride", stride == null ? 0.25 : stride, 0, 1);
  }

  /** The default scan: windows from 25 scored tokens, growing by 1.5, sliding by a quarter. */
  public static Scan defaults() {
    return new Scan(null, null, null);
  }
}
