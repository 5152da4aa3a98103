package org.tailguard.sim;

import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.models.Dataset;
import org.tailguard.models.GenerativeModel;
import org.tailguard.models.ModelFamily;
import org.tailguard.models.Observation;
import org.tailguard.random.RandomStreams;
import org.tailguard.random.RandomStreams.Purpose;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.spec.WorkflowSpec;

/**
 * One chain of the recursive loop: its data, its current model and its generation-0 model.
 *
 * <p>Generation 0 fits real data. Generation g ≥ 1 draws synthetic data from generation g − 1's model
 * (narrowed by the bias λ) and fits the training set that the workflow assembles from it:
 * <pre>
 *   replace               train = synth_g
 *   accumulate            train = real ∪ synth_1 ∪ … ∪ synth_g
 *   accumulate-subsample  train = subsample(real ∪ synth_1 ∪ … ∪ synth_g, n_train)
 *   fresh                 train = fresh real (n_real) ∪ synth_g (n_synth)
 *   keep-original         train = subsample(real, round(γM)) ∪ synth_g (M − round(γM))
 * </pre>
 */
final class Chain<D extends Dataset<D>, M extends GenerativeModel<D>> {
  private final int index;
  private final long seed;
  private final WorkflowSpec workflow;
  private final ModelFamily<D, M> family;
  private final boolean[] enabled;
  private final int width;

  private D real;   // the original real sample
  private D pool;   // real ∪ all synthetic so far (accumulate workflows only)
  private D train;  // the data the current model was fitted to
  private M model;
  private M first;

  Chain(int index, ExperimentSpec spec, ModelFamily<D, M> family, boolean[] enabled) {
    this.index = index;
    this.seed = spec.seed();
    this.workflow = spec.workflow();
    this.family = family;
    this.enabled = enabled;
    int w = 0;
    for (boolean b : enabled) {
      w += b ? 1 : 0;
    }
    this.width = w;
  }

  /** Runs generation {@code g} and returns the recorded indicators. */
  double[] step(int g) {
    if (g == 0) {
      real = family.real(workflow.samples(), rng(g, Purpose.REAL));
      train = real;
      pool = accumulates() ? real : null;
    } else {
      D synth = model.sample(workflow.synthetic(), workflow.bias(), rng(g, Purpose.SAMPLE));
      train = switch (workflow.type()) {
        case REPLACE -> synth;
        case ACCUMULATE -> pool = pool.concat(synth);
        case ACCUMULATE_SUBSAMPLE -> {
          pool = pool.concat(synth);
          yield pool.subsample(Math.min(workflow.subsample(), pool.size()), rng(g, Purpose.WORKFLOW));
        }
        case FRESH -> workflow.freshReal() == 0 ? synth
            : join(family.real(workflow.freshReal(), rng(g, Purpose.REAL)), synth);
        case KEEP_ORIGINAL -> join(real.subsample(workflow.keptOriginal(), rng(g, Purpose.WORKFLOW)), synth);
      };
    }
    model = family.fit(train, rng(g, Purpose.FIT));
    if (g == 0) {
      first = model;
    }
    return measure(g);
  }

  private D join(D a, D b) {
    return a.size() == 0 ? b : b.size() == 0 ? a : a.concat(b);
  }

  private boolean accumulates() {
    return switch (workflow.type()) {
      case ACCUMULATE, ACCUMULATE_SUBSAMPLE -> true;
      default -> false;
    };
  }

  private double[] measure(int g) {
    double[] all = new double[enabled.length];
    java.util.Arrays.fill(all, Double.NaN);
    family.measure(new Observation<>(g, model, first, train, enabled, rng(g, Purpose.METRIC)), all);
    double[] row = new double[width];
    for (int i = 0, k = 0; i < enabled.length; i++) {
      if (enabled[i]) {
        row[k++] = all[i];
      }
    }
    return row;
  }

  private UniformRandomProvider rng(int g, Purpose p) {
    return RandomStreams.derive(seed, index, g, p);
  }

  /** The state a checkpoint needs: models are refitted from their data with the same streams. */
  Checkpoints.ChainState<D> snapshot() {
    return new Checkpoints.ChainState<>(real, pool, train);
  }

  /** Restores the state after generation {@code g} from a checkpoint. */
  void restore(int g, Checkpoints.ChainState<D> state) {
    real = state.real();
    pool = state.pool();
    train = state.train();
    first = family.fit(real, rng(0, Purpose.FIT));
    model = g == 0 ? first : family.fit(train, rng(g, Purpose.FIT));
  }
}
