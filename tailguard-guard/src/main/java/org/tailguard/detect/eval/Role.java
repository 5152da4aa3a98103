package org.tailguard.detect.eval;

/**
 * What a fold of a human domain is used for. The roles are disjoint by construction (each document has
 * one), which is the point of the harness: the detectors' language models, the trained detectors, the
 * generators of the evaluated machine text, the calibration and the evaluation never share a document.
 */
public enum Role {
  /** Trains the observer language model. */
  OBSERVER,
  /** Trains the performer language model. */
  PERFORMER,
  /** Human side of the trained detectors' training set. */
  FIT_HUMAN,
  /** Trains the generators of the trained detectors' machine training text. */
  FIT_GENERATOR,
  /** Trains the generators of the evaluated machine text. */
  EVAL_GENERATOR,
  /** Human text that sets the thresholds. */
  CALIBRATION,
  /** Held-out human text that measures the false-positive rate. */
  EVALUATION
}
