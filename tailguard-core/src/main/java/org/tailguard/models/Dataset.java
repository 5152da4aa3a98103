package org.tailguard.models;

import java.io.DataOutput;
import java.io.IOException;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A training set the lab can pool, subsample and checkpoint: points, category counts or labelled rows.
 *
 * <p>Implementations are immutable. {@link #concat} is how {@code accumulate} pools generations;
 * {@link #subsample} draws without replacement, as {@code accumulate-subsample} and {@code keep-original}
 * require (Kazdan et al., arXiv 2410.16713; Shumailov et al., Nature 2024).
 *
 * @param <D> the concrete dataset type
 */
public interface Dataset<D extends Dataset<D>> {
  /** The number of samples. */
  int size();

  /** This dataset followed by another of the same shape. */
  D concat(D other);

  /** A uniformly random subset of {@code n} samples, drawn without replacement; {@code n <= size()}. */
  D subsample(int n, UniformRandomProvider rng);

  /** Writes this dataset for a checkpoint; the family's {@code readData} reads it back. */
  void write(DataOutput out) throws IOException;
}
