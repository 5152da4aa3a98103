package org.tailguard.watermark;

import java.util.Arrays;

/**
 * A text scored token by token under one watermark: which tokens count, what each contributes to the
 * statistic, and a value to show ({@link WatermarkHtml}). It is the per-token view behind a
 * {@link Detection} and the input of the windowed {@link #scan}.
 *
 * <p>Per position t: KGW and Unigram show 1 (green) or 0 (red) and contribute the same; EXP shows the keyed
 * uniform r and contributes −ln(1 − r); SynthID shows the mean g-value over its m layers and contributes
 * the number of g = 1. A position is not counted when its (context, token) tuple, or for EXP and SynthID
 * its context, occurred earlier in the text: repeats are counted once (Kirchenbauer et al.'s
 * {@code ignore_repeated_ngrams}; SynthID's repeated-context mask).
 *
 * @param scheme the scheme's name
 * @param tokens the text's token ids
 * @param counted whether each position counts
 * @param values the value shown per position (also for positions not counted)
 * @param contributions the contribution to the statistic per position
 * @param nullModel the statistic's distribution without the key
 */
public record TokenScores(String scheme, int[] tokens, boolean[] counted, double[] values, double[] contributions,
    NullModel nullModel) {
  public TokenScores {
    int n = tokens.length;
    if (counted.length != n || values.length != n || contributions.length != n) {
      throw new IllegalArgumentException("per-token arrays must all have length " + n);
    }
  }

  /** The number of counted positions. */
  public int scored() {
    int s = 0;
    for (boolean c : counted) {
      s += c ? 1 : 0;
    }
    return s;
  }

  /** The test of the whole text. */
  public Detection detection() {
    int n = 0;
    double s = 0;
    for (int t = 0; t < tokens.length; t++) {
      if (counted[t]) {
        n++;
        s += contributions[t];
      }
    }
    return detection(s, n);
  }

  private Detection detection(double s, int n) {
    double perTrial = nullModel instanceof NullModel.Binomial b ? b.trials() : 1;
    double score = n == 0 ? Double.NaN : s / (n * perTrial);
    return new Detection(scheme, tokens.length, n, s, score, nullModel.z(s, n), nullModel.pValue(s, n));
  }

  /**
   * The most significant window over the counted positions (see {@link Scan}), with its Bonferroni-corrected
   * p-value. A text with fewer counted tokens than {@code scan.minWindow()} is tested as a whole (one window).
   */
  public WindowDetection scan(Scan scan) {
    int[] pos = new int[tokens.length];
    int m = 0;
    for (int t = 0; t < tokens.length; t++) {
      if (counted[t]) {
        pos[m++] = t;
      }
    }
    if (m == 0) {
      return new WindowDetection(0, tokens.length, 0, 0, 1, 1, 1);
    }
    double[] prefix = new double[m + 1];
    for (int j = 0; j < m; j++) {
      prefix[j + 1] = prefix[j] + contributions[pos[j]];
    }
    long windows = 0;
    double bestP = 2;
    double bestZ = Double.NEGATIVE_INFINITY;
    int bestStart = 0;
    int bestSize = m;
    for (int size : sizes(m, scan)) {
      int step = (int) Math.max(1, Math.ceil(size * scan.stride()));
      for (int start = 0; ; start += step) {
        boolean last = start + size >= m;
        int st = last ? m - size : start;
        double s = prefix[st + size] - prefix[st];
        windows++;
        double z = nullModel.z(s, size);
        double p = nullModel.pValue(s, size);
        if (p < bestP || (p == bestP && z > bestZ)) { // ties (p underflowing to 0) go to the larger z
          bestP = p;
          bestZ = z;
          bestStart = st;
          bestSize = size;
        }
        if (last) {
          break;
        }
      }
    }
    double s = prefix[bestStart + bestSize] - prefix[bestStart];
    int from = pos[bestStart];
    int to = pos[bestStart + bestSize - 1] + 1;
    return new WindowDetection(from, to, bestSize, s, bestP, windows, Math.min(1, bestP * windows));
  }

  /** minWindow, ⌈minWindow·growth⌉, … below m, then m; just m if m is below minWindow. */
  static int[] sizes(int m, Scan scan) {
    int[] out = new int[64];
    int k = 0;
    double size = scan.minWindow();
    while ((int) Math.ceil(size) < m) {
      int s = (int) Math.ceil(size);
      if (k == 0 || s > out[k - 1]) {
        if (k == out.length) {
          out = Arrays.copyOf(out, 2 * k);
        }
        out[k++] = s;
      }
      size *= scan.growth();
    }
    if (k == out.length) {
      out = Arrays.copyOf(out, k + 1);
    }
    out[k++] = m;
    return Arrays.copyOf(out, k);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenScores s && scheme.equals(s.scheme) && Arrays.equals(tokens, s.tokens)
        && Arrays.equals(counted, s.counted) && Arrays.equals(values, s.values)
        && Arrays.equals(contributions, s.contributions) && nullModel.equals(s.nullModel);
  }

  @Override
  public int hashCode() {
    return scheme.hashCode() * 31 + Arrays.hashCode(tokens);
  }

  @Override
  public String toString() {
    return "TokenScores[" + scheme + ", " + tokens.length + " tokens, " + scored() + " scored]";
  }
}
