/** The monitor: ingests a model's outputs per version, computes collapse indicators, and raises early warnings. */
package org.tailguard.monitor;
