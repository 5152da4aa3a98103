/** Synthetic-text detectors behind one scorer interface, calibrated to a target false-positive rate, and their evaluation harness. */
package org.tailguard.detect;
