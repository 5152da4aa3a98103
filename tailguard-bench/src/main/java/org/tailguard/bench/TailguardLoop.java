package org.tailguard.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tailguard.models.FamilyProvider;
import org.tailguard.models.Indicator;
import org.tailguard.models.ModelFamilies;
import org.tailguard.models.ModelFamily;
import org.tailguard.sim.GenerationSink;
import org.tailguard.sim.Simulator;
import org.tailguard.spec.ExperimentSpec;

/**
 * One case's loop run through the real engine: the spec is written as YAML, parsed by the family's own
 * spec loader, and run by {@link Simulator} with no checkpoint.
 *
 * <p>The spec records only the indicators that are the fit itself, so that Tailguard does the same work as
 * the NumPy loop: σ² and μ² for the Gaussian (both fall out of the fitted mean and variance), the support
 * size and Gini–Simpson index for the categorical (one pass over the fitted frequencies).
 */
final class TailguardLoop {
  /** Indicators the Gaussian case records: the fitted variance and the squared mean error. */
  static final List<String> GAUSSIAN_STATS = List.of("variance", "mean_sq_error");
  /** Candidate names of the categorical indicators the check compares, first match wins per group. */
  static final List<List<String>> CATEGORICAL_STATS = List.of(
      List.of("support", "support_size"), List.of("gini_simpson", "gini"));

  private final ExperimentSpec spec;
  private final ModelFamily<?, ?> family;

  private TailguardLoop(ExperimentSpec spec, ModelFamily<?, ?> family) {
    this.spec = spec;
    this.family = family;
  }

  /** Why {@code c} cannot run with these families, or null if it can. */
  static String unavailable(BenchCase c, ModelFamilies families) {
    if (families.specLoader().families().contains(c.id())) {
      return null;
    }
    return "family '" + c.id() + "' is not registered (registered: "
        + String.join(", ", families.specLoader().families()) + ")";
  }

  /** The spec text of a case, as a user would write it. */
  static String yaml(BenchCase c, Options o, ModelFamilies families) {
    String model = switch (c) {
      case GAUSSIAN -> "  family: gaussian\n  estimator: unbiased\n";
      case CATEGORICAL -> "  family: categorical\n  " + outcomesKey(families) + ": " + o.categoricalK()
          + "\n  start: " + o.start() + "\n"
          + (o.start().equals("zipf") ? "  beta: " + o.beta() + "\n" : "");
    };
    int m = c == BenchCase.GAUSSIAN ? o.gaussianSamples() : o.categoricalSamples();
    return "name: bench-" + c.id() + "\n"
        + "seed: " + o.seed() + "\n"
        + "chains: " + o.chains() + "\n"
        + "generations: " + o.generations() + "\n"
        + "model:\n" + model
        + "workflow:\n  type: replace\n  samples: " + m + "\n";
  }

  /**
   * The spec key of K in the categorical family: {@code k} as the issue names it, or {@code outcomes} if
   * that is what the registered spec record calls it (the family was written in parallel with this module).
   */
  static String outcomesKey(ModelFamilies families) {
    for (FamilyProvider p : families.providers()) {
      if (p.family().equals(BenchCase.CATEGORICAL.id()) && p.specClass().isRecord()) {
        for (RecordComponent rc : p.specClass().getRecordComponents()) {
          if (rc.getName().equals("outcomes")) {
            return "outcomes";
          }
        }
      }
    }
    return "k";
  }

  /** Parses the case's spec and selects the indicators that mirror the NumPy loop's work. */
  static TailguardLoop prepare(BenchCase c, Options o, ModelFamilies families) {
    ExperimentSpec base = families.specLoader().parse(yaml(c, o, families), "bench-" + c.id());
    ModelFamily<?, ?> family = families.create(base.model());
    List<String> have = family.indicators().stream().map(Indicator::name).toList();
    List<String> metrics = new ArrayList<>();
    if (c == BenchCase.GAUSSIAN) {
      metrics.addAll(GAUSSIAN_STATS);
    } else {
      for (List<String> group : CATEGORICAL_STATS) {
        group.stream().filter(have::contains).findFirst().ifPresent(metrics::add);
      }
      if (metrics.isEmpty()) {
        metrics.add(have.getFirst()); // nothing comparable: record the first, the check will say so
      }
    }
    ExperimentSpec spec = new ExperimentSpec(base.name(), base.description(), base.reproduces(), base.seed(),
        base.chains(), base.generations(), base.checkpointEvery(), base.model(), base.workflow(), metrics);
    return new TailguardLoop(spec, family);
  }

  ExperimentSpec spec() {
    return spec;
  }

  /**
   * One timed run: its wall-clock seconds, the CPU seconds of the whole process (workers, GC and JIT
   * threads) over the same span, and the last generation's values if they were kept.
   */
  record Run(double seconds, double cpuSeconds, Map<String, double[]> lastGeneration) {}

  /**
   * Runs the whole experiment once. With {@code keepLast} the sink keeps the last generation's values
   * (one integer comparison per generation); otherwise it is {@link GenerationSink#NONE}.
   */
  Run run(Simulator simulator, boolean keepLast) {
    FinalGeneration last = keepLast ? new FinalGeneration(spec.generations()) : null;
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long c0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    try {
      simulator.run(spec, family, keepLast ? last : GenerationSink.NONE, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // no checkpoint, so only an interrupt gets here
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = (os.getProcessCpuTime() - c0) / 1e9;
    return new Run(seconds, cpu, keepLast ? last.byIndicator() : null);
  }
}
