package org.tailguard.monitor;

import java.util.List;
import java.util.Map;

/**
 * The indicators of one version ({@link MonitorIndicator}), as computed from its sketches and sample.
 *
 * @param info the version
 * @param values indicator name → value, in {@link MonitorIndicator} order; NaN where it cannot be computed
 *     (no reference configured, too little data)
 * @param notes one line per caveat, such as a sample budget the version could not fill (its sample-based
 *     values are then not length-controlled and do not compare with fuller versions)
 */
public record VersionIndicators(VersionInfo info, Map<String, Double> values, List<String> notes) {
  /** The value of an indicator, NaN if absent. */
  public double value(MonitorIndicator indicator) {
    return values.getOrDefault(indicator.id(), Double.NaN);
  }

  /** The value of an indicator by name, NaN if absent. */
  public double value(String indicator) {
    return values.getOrDefault(indicator, Double.NaN);
  }
}
