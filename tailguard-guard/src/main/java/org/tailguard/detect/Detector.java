package org.tailguard.detect;

/**
 * A synthetic-text detector: a score per text, higher meaning more likely machine-written. A score becomes
 * a decision only through a threshold calibrated on human text at a target false-positive rate
 * ({@link Calibration}), as the RAID benchmark prescribes (Dugan et al. 2024); no threshold is set by hand.
 * Implementations are immutable and thread-safe.
 */
public interface Detector {
  /** A short stable name, such as {@code binoculars}; used in reports, manifests and JSON output. */
  String name();

  /** The score of analysed text; higher means more machine-like. May be NaN for an empty text. */
  double score(Evidence e);
}
