package org.tailguard.detect;

/**
 * A detector that reads one plug-in feature of the evidence ({@link TextFeature}) as its score, such as a
 * watermark scheme's −log10 p-value: the watermark row of the evaluation.
 *
 * @param name the detector's name
 * @param feature the name of the feature in {@link Evidence#extras()}
 */
public record FeatureDetector(String name, String feature) implements Detector {
  @Override
  public double score(Evidence e) {
    Double v = e.extras().get(feature);
    return v == null ? Double.NaN : v;
  }
}
