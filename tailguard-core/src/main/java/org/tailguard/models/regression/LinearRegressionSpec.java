package org.tailguard.models.regression;

import org.tailguard.spec.Check;
import org.tailguard.spec.ModelSpec;
import org.tailguard.spec.SpecException;
import org.tailguard.spec.Workflow;
import org.tailguard.spec.WorkflowSpec;

/**
 * Fixed-design linear regression y = X w* + σ ε with rows of X ~ N(0, I_d), fitted by OLS (Gerstgrasser et
 * al., arXiv 2404.01413, COLM 2024, §2; Dohmatob et al., "Model Collapse Demystified", arXiv 2402.07712).
 *
 * <p>The number of design rows T is the workflow's {@code samples}. The papers' expected test error after
 * one fit, σ²d/(T − d − 1), needs T &gt; d + 1, which {@link #checkWorkflow} enforces.
 *
 * @param dim the number of features d (default 1)
 * @param noise the label noise σ ≥ 0 (default 1); σ = 0 makes every fit exact
 * @param trueWeights w*: {@code ones} (default), a number c for c·1, {@code random} or a list of d numbers
 * @param weightsSeed the seed of w* ~ N(0, I_d) when {@code true_weights} is {@code random} (default 0);
 *     not allowed otherwise
 */
public record LinearRegressionSpec(Integer dim, Double noise, TrueWeights trueWeights, Long weightsSeed)
    implements ModelSpec {
  public LinearRegressionSpec {
    dim = dim == null ? 1 : dim;
    Check.atLeast("model.dim", dim, 1);
    noise = Check.finite("model.noise", noise == null ? 1.0 : noise);
    if (noise < 0) {
      throw new SpecException("model.noise", "must be at least 0, got " + noise);
    }
    trueWeights = trueWeights == null ? TrueWeights.ONES : trueWeights;
    trueWeights.check(dim);
    if (trueWeights.kind() == TrueWeights.Kind.RANDOM) {
      weightsSeed = weightsSeed == null ? 0L : weightsSeed;
    } else {
      Check.absent("model.weights_seed", weightsSeed, "only true_weights: random uses it");
    }
  }

  /** The reference setting: d features, σ = 1, w* = 1. */
  public static LinearRegressionSpec standard(int dim) {
    return new LinearRegressionSpec(dim, 1.0, TrueWeights.ONES, null);
  }

  /**
   * Requires T = {@code workflow.samples} &gt; d + 1 and rejects {@code fresh} with fresh real data.
   *
   * <p>Each chain keeps the design drawn at generation 0; fresh real data would bring a new design, which
   * cannot be pooled with label sets of the old one.
   */
  @Override
  public void checkWorkflow(WorkflowSpec workflow) {
    if (workflow.samples() <= dim + 1) {
      throw new SpecException("workflow.samples", "must be greater than model.dim + 1 = " + (dim + 1)
          + " for linear-regression (T design rows; the expected OLS test error σ²d/(T − d − 1) needs "
          + "T > d + 1), got " + workflow.samples());
    }
    if (workflow.type() == Workflow.FRESH && workflow.freshReal() > 0) {
      throw new SpecException("workflow.type", "fresh is not supported by linear-regression: each chain "
          + "keeps the fixed design drawn at generation 0, and fresh real data would need a new design");
    }
  }
}
