package org.tailguard.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tailguard.models.Indicator;
import org.tailguard.sim.GenerationSink;

/**
 * A sink that keeps only the last generation's per-chain indicator values: what the consistency check
 * compares against NumPy. For every other generation it does one integer comparison, as cheap as
 * {@link GenerationSink#NONE}.
 */
final class FinalGeneration implements GenerationSink {
  private final int last;
  private List<Indicator> indicators = List.of();
  private double[][] values;

  FinalGeneration(int last) {
    this.last = last;
  }

  @Override
  public void start(List<Indicator> recorded, int resumeAfter) {
    this.indicators = recorded;
  }

  @Override
  public void generation(int generation, double[][] rows) {
    if (generation == last) {
      values = new double[rows.length][];
      for (int c = 0; c < rows.length; c++) {
        values[c] = rows[c].clone();
      }
    }
  }

  /** Indicator name → the value of every chain at the last generation. */
  Map<String, double[]> byIndicator() {
    if (values == null) {
      throw new IllegalStateException("generation " + last + " was not delivered");
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    for (int i = 0; i < indicators.size(); i++) {
      double[] col = new double[values.length];
      for (int c = 0; c < values.length; c++) {
        col[c] = values[c][i];
      }
      out.put(indicators.get(i).name(), col);
    }
    return out;
  }
}
