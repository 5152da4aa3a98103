package org.tailguard.curate;

import java.util.HashMap;
import java.util.Map;

/**
 * What stages share while being built in one JVM: reference models and calibration scores, computed once per
 * spec. The cache holds only pure functions of the spec, so building stages in another JVM (a Spark
 * executor) gives equal stages.
 */
public final class StageContext {
  private final Map<ReferenceSpec, ReferenceModel> models = new HashMap<>();
  private final Map<String, double[]> perplexities = new HashMap<>();

  /** The model a spec names, trained or read once. */
  public synchronized ReferenceModel model(ReferenceSpec spec) {
    return models.computeIfAbsent(spec, ReferenceModel::of);
  }

  /** The perplexities of a bundled split's documents under a reference model, computed once. */
  public synchronized double[] perplexities(ReferenceSpec spec, String split) {
    return perplexities.computeIfAbsent(spec + "|" + split, k -> model(spec).perplexities(split)).clone();
  }
}
