package org.tailguard.detect.eval;

import java.util.List;
import java.util.Map;
import org.tailguard.detect.DetectorModel;

/**
 * What an evaluation measured, and the calibrated model it built.
 *
 * @param config the run's configuration
 * @param model the detectors with their thresholds, ready to save
 * @param domains the domain names
 * @param metrics clean metrics per detector, domain ({@code all} pooled) and length
 * @param bySource clean metrics per detector and generator configuration at the report length, pooled
 * @param attacked metrics per detector and attack at the attack length, pooled over domains
 * @param roc per detector, {human scores, machine scores} at the report length, pooled
 * @param rocByLength per length, the primary detector's {human scores, machine scores}, pooled
 * @param counts text counts by part
 * @param seconds wall-clock time of the run
 * @param watermarks the watermark arms whose evidence the model reads (saved with it)
 */
public record EvalResult(EvalConfig config, DetectorModel model, List<String> domains, List<Metrics> metrics,
    List<Metrics> bySource, List<Metrics> attacked, Map<String, double[][]> roc, Map<Integer, double[][]> rocByLength,
    Map<String, Integer> counts,
    double seconds, List<WatermarkArm> watermarks) {

  /** The clean metrics of one detector on one slice, or null. */
  public Metrics metric(String detector, String domain, int length) {
    return metrics.stream().filter(m -> m.detector().equals(detector) && m.domain().equals(domain) && m.length() == length)
        .findFirst().orElse(null);
  }
}
