package org.tailguard.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.tailguard.models.Dataset;
import org.tailguard.models.GenerativeModel;
import org.tailguard.models.Indicator;
import org.tailguard.models.ModelFamily;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.spec.SpecException;

/**
 * Runs an experiment: many independent chains of fit → sample → refit, generation by generation.
 *
 * <p>Generations advance in lock step across chains (all chains finish generation g before any starts
 * g + 1) so that one checkpoint captures a consistent state and the sink receives complete generations.
 * Within a generation, chains run in parallel on a fork-join pool of {@code threads} workers. Every random
 * draw comes from a stream named by (seed, chain, generation, purpose), so results do not depend on the
 * thread count or on whether the run was interrupted and resumed.
 */
public final class Simulator {
  private final int threads;

  /** A simulator with the given number of worker threads (at least 1). */
  public Simulator(int threads) {
    if (threads < 1) {
      throw new SpecException("threads", "must be at least 1, got " + threads);
    }
    this.threads = threads;
  }

  /** A simulator with one worker per available processor. */
  public static Simulator withAllCores() {
    return new Simulator(Runtime.getRuntime().availableProcessors());
  }

  /** What a run did. */
  public record Outcome(int firstGeneration, int lastGeneration, boolean resumed, Duration elapsed) {}

  /**
   * Runs (or resumes) an experiment.
   *
   * @param spec the experiment
   * @param family the model family the spec names
   * @param sink receives each finished generation
   * @param checkpoint where to keep the resumable state, or null for none; if it holds a checkpoint of
   *     the same spec, the run resumes after the checkpoint's generation
   * @return what was run
   * @throws SpecException if the spec asks for an indicator the family does not have
   * @throws IOException if the checkpoint cannot be read or written
   */
  public Outcome run(ExperimentSpec spec, ModelFamily<?, ?> family, GenerationSink sink, Path checkpoint)
      throws IOException {
    return runTyped(spec, family, sink, checkpoint);
  }

  private <D extends Dataset<D>, M extends GenerativeModel<D>> Outcome runTyped(
      ExperimentSpec spec, ModelFamily<D, M> family, GenerationSink sink, Path checkpointFile)
      throws IOException {
    long t0 = System.nanoTime();
    List<Indicator> all = family.indicators();
    boolean[] enabled = selectIndicators(spec, all);
    List<Indicator> recorded = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (enabled[i]) {
        recorded.add(all.get(i));
      }
    }
    Checkpoints<D> checkpoints = checkpointFile == null ? null : new Checkpoints<>(checkpointFile, family);
    String fingerprint = Checkpoints.fingerprint(spec);

    List<Chain<D, M>> chains = new ArrayList<>(spec.chains());
    int start = 0;
    Checkpoints.State<D> saved = checkpoints == null ? null : checkpoints.read(fingerprint, spec.chains());
    for (int c = 0; c < spec.chains(); c++) {
      Chain<D, M> chain = new Chain<>(c, spec, family, enabled);
      if (saved != null) {
        chain.restore(saved.generation(), saved.chains().get(c));
      }
      chains.add(chain);
    }
    if (saved != null) {
      start = saved.generation() + 1;
    }
    sink.start(recorded, start - 1);

    double[][] rows = new double[spec.chains()][];
    try (ForkJoinPool pool = new ForkJoinPool(threads)) {
      for (int g = start; g <= spec.generations(); g++) {
        if (Thread.currentThread().isInterrupted()) {
          throw new IOException("interrupted before generation " + g);
        }
        final int gen = g;
        try {
          pool.submit(() -> IntStream.range(0, chains.size()).parallel()
              .forEach(c -> rows[c] = chains.get(c).step(gen))).get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted in generation " + g, e);
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException("generation " + g + " failed", cause);
        }
        sink.generation(g, rows);
        boolean last = g == spec.generations();
        if (checkpoints != null && (last || (g + 1) % spec.checkpointEvery() == 0)) {
          checkpoints.write(fingerprint, g, chains.stream().map(Chain::snapshot).toList());
        }
      }
    }
    return new Outcome(start, spec.generations(), saved != null, Duration.ofNanos(System.nanoTime() - t0));
  }

  /**
   * Which indicators to record: the spec's list, or the family's defaults. An entry ending in {@code *}
   * selects every indicator whose name starts with what precedes it, such as a histogram's bins
   * ({@code ppl_gen0_bin_*}).
   */
  static boolean[] selectIndicators(ExperimentSpec spec, List<Indicator> all) {
    boolean[] on = new boolean[all.size()];
    if (spec.metrics().isEmpty()) {
      for (int i = 0; i < on.length; i++) {
        on[i] = all.get(i).byDefault();
      }
      return on;
    }
    for (int k = 0; k < spec.metrics().size(); k++) {
      String name = spec.metrics().get(k);
      boolean prefix = name.endsWith("*");
      String stem = prefix ? name.substring(0, name.length() - 1) : name;
      boolean found = false;
      for (int i = 0; i < all.size(); i++) {
        String n = all.get(i).name();
        if (prefix ? n.startsWith(stem) : n.equals(name)) {
          on[i] = true;
          found = true;
        }
      }
      if (!found) {
        throw new SpecException("metrics[" + k + "]", (prefix ? "no indicator starts with '" + stem + "'"
            : "unknown indicator '" + name + "'") + "; this family has "
            + String.join(", ", all.stream().map(Indicator::name).toList()));
      }
    }
    return on;
  }
}
