package org.tailguard.sim;

import java.util.ArrayList;
import java.util.List;
import org.tailguard.metrics.Summary;
import org.tailguard.models.Indicator;

/**
 * Keeps every generation of a run in memory, for library use, notebooks and tests.
 *
 * <p>Memory is generations × chains × indicators doubles; use the run store for large runs.
 */
public final class MemorySink implements GenerationSink {
  private List<Indicator> indicators = List.of();
  private final List<double[][]> generations = new ArrayList<>();

  @Override
  public void start(List<Indicator> recorded, int resumeAfter) {
    this.indicators = recorded;
    while (generations.size() > resumeAfter + 1) {
      generations.removeLast();
    }
  }

  @Override
  public void generation(int generation, double[][] values) {
    double[][] copy = new double[values.length][];
    for (int c = 0; c < values.length; c++) {
      copy[c] = values[c].clone();
    }
    if (generation != generations.size()) {
      throw new IllegalStateException("expected generation " + generations.size() + ", got " + generation);
    }
    generations.add(copy);
  }

  public List<Indicator> indicators() {
    return indicators;
  }

  /** The number of generations received. */
  public int size() {
    return generations.size();
  }

  /** The value of an indicator for every chain at a generation. */
  public double[] values(String indicator, int generation) {
    int col = column(indicator);
    double[][] g = generations.get(generation);
    double[] v = new double[g.length];
    for (int c = 0; c < g.length; c++) {
      v[c] = g[c][col];
    }
    return v;
  }

  /** The summary over chains of an indicator at a generation. */
  public Summary summary(String indicator, int generation) {
    return Summary.of(values(indicator, generation));
  }

  private int column(String indicator) {
    for (int i = 0; i < indicators.size(); i++) {
      if (indicators.get(i).name().equals(indicator)) {
        return i;
      }
    }
    throw new IllegalArgumentException("indicator '" + indicator + "' was not recorded; recorded: "
        + indicators.stream().map(Indicator::name).toList());
  }
}
