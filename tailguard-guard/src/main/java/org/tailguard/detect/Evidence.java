package org.tailguard.detect;

import java.util.Map;

/**
 * Everything the detectors read about one text, computed once ({@link Analyzer}): its size, the language
 * model statistics of the observer and performer pass, its stylometric features, and the values of any
 * plug-in features (such as a watermark detector's evidence).
 *
 * @param words the number of words
 * @param sentences the number of sentences
 * @param lm the observer/performer statistics
 * @param style the stylometric features, in the order of {@link Stylometry#NAMES}
 * @param extras plug-in feature values by name
 */
public record Evidence(int words, int sentences, LmStats lm, double[] style, Map<String, Double> extras) {
  public Evidence {
    style = style.clone();
    extras = Map.copyOf(extras);
  }

  @Override
  public double[] style() {
    return style.clone();
  }

  /** One stylometric feature by index into {@link Stylometry#NAMES}. */
  public double style(int i) {
    return style[i];
  }
}
