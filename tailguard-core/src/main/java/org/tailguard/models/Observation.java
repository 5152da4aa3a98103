package org.tailguard.models;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * What an indicator sees of one chain at one generation.
 *
 * @param generation the generation, 0 for the model fitted to real data
 * @param model the model fitted at this generation
 * @param first the model fitted at generation 0, for distances "to generation 0" (Shumailov et al.)
 * @param train the data this generation's model was fitted to
 * @param enabled which of the family's indicators to compute, in the order of {@link ModelFamily#indicators()}
 * @param rng a stream for indicators that sample, such as k-NN precision and recall
 */
public record Observation<D extends Dataset<D>, M extends GenerativeModel<D>>(
    int generation, M model, M first, D train, boolean[] enabled, UniformRandomProvider rng) {

  /** Whether the indicator at {@code index} is wanted. */
  public boolean wants(int index) {
    return enabled[index];
  }
}
