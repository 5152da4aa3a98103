package org.tailguard.detect.eval;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.detect.TextFeature;
import org.tailguard.text.lm.NgramLm;

/**
 * A watermark scheme as the evaluation sees it: it writes watermarked text with a generator's model
 * (ancestral sampling under the watermark), and its detector is a plug-in feature (−log10 of the detection
 * p-value, higher meaning more evidence of the watermark). The harness adds watermarked machine text to the
 * evaluation, a {@code watermark-NAME} detector reading the feature, and the feature to the combined
 * detector's inputs.
 */
public interface WatermarkArm {
  /** The scheme's name, such as {@code kgw}. */
  String name();

  /**
   * A watermarked text of exactly {@code length} words: whole sentences, the last cut.
   *
   * @param lm the generator's model, over the arm's vocabulary
   */
  List<String[]> text(NgramLm lm, int length, UniformRandomProvider rng);

  /** The detector's evidence from text alone: −log10 p, named {@code watermark.NAME}. */
  TextFeature evidence();
}
