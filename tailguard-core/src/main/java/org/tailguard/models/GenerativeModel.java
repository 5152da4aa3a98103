package org.tailguard.models;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * A fitted generative model: the output of {@link ModelFamily#fit}, able to sample new data.
 *
 * <p>The sampling bias λ ∈ (0, 1] draws from a narrowed model, as in Alemohammad et al., "Self-Consuming
 * Generative Models Go MAD" (ICLR 2024), §3: N(μ, λΣ) for a Gaussian; each family documents its
 * narrowing. λ = 1 is unbiased sampling.
 *
 * @param <D> the dataset type the model produces
 */
public interface GenerativeModel<D extends Dataset<D>> {
  /**
   * Draws {@code n} samples.
   *
   * @param n the number of samples, at least 0
   * @param bias λ ∈ (0, 1]; 1 is unbiased
   * @param rng the stream to draw from
   * @return a new dataset of {@code n} samples
   */
  D sample(int n, double bias, UniformRandomProvider rng);
}
