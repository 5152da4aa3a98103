package org.tailguard.detect;

import java.util.List;

/**
 * A plug-in feature computed from a text's words, such as a watermark detector's evidence (−log10 of its
 * p-value). The {@link Analyzer} computes every registered feature once per text and stores it in
 * {@link Evidence#extras()}; a {@link FeatureDetector} turns one into a detector and the combined detector
 * can use it as an input. Implementations are thread-safe.
 */
public interface TextFeature {
  /** The feature's name, such as {@code watermark.kgw}. */
  String name();

  /**
   * The feature's value.
   *
   * @param sentences the text's sentences as the project's tokenizer gives them (lower-cased words)
   * @param text the canonical text
   */
  double value(List<String[]> sentences, String text);
}
