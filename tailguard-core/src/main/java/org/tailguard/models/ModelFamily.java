package org.tailguard.models;

import java.io.DataInput;
import java.io.IOException;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A family of generative models together with its true distribution: draws real data, fits, measures.
 *
 * <p>The pattern is Tribuo's trainer/model split: the family holds configuration and the true
 * distribution; {@link #fit} returns an immutable {@link GenerativeModel}; indicators judge the model from
 * outside, against the truth and against generation 0. The simulator in {@code org.tailguard.sim} runs the
 * loop real → fit → sample → fit … (Shumailov et al., Nature 2024, Fig. 1) for any family.
 *
 * <p>Implementations must be thread-safe: chains run in parallel and share the family.
 *
 * @param <D> the dataset type
 * @param <M> the fitted-model type
 */
public interface ModelFamily<D extends Dataset<D>, M extends GenerativeModel<D>> {
  /** The family's name in specs, such as {@code gaussian}. */
  String name();

  /** Draws {@code n} real samples from the true distribution. */
  D real(int n, UniformRandomProvider rng);

  /** Fits a model to data; {@code rng} is for randomised fitting (EM initialisation), if any. */
  M fit(D data, UniformRandomProvider rng);

  /** The indicators this family can record, in a fixed order. */
  List<Indicator> indicators();

  /** Computes the enabled indicators into {@code out}, in the order of {@link #indicators()}. */
  void measure(Observation<D, M> observation, double[] out);

  /** Reads a dataset written by {@link Dataset#write}. */
  D readData(DataInput in) throws IOException;
}
