package org.tailguard.spec;

/**
 * The data workflow of an experiment: which data each generation trains on, and how synthetic data is drawn.
 *
 * <p>{@code samples} is M, the size of the original real sample (n_ini in Alemohammad et al.).
 * {@code synthetic} is the number of samples drawn from each generation's model (default M).
 * {@code subsample} is the training-set size under {@link Workflow#ACCUMULATE_SUBSAMPLE} (default M).
 * {@code freshReal} is n_r under {@link Workflow#FRESH}. {@code keep} is γ under
 * {@link Workflow#KEEP_ORIGINAL}. {@code bias} is λ ∈ (0, 1]: synthetic data is drawn from a model narrowed
 * by λ (for a Gaussian, N(μ, λΣ); Alemohammad et al. §3), and λ = 1 is unbiased sampling.
 */
public record WorkflowSpec(
    Workflow type, int samples, Integer synthetic, Integer subsample, Integer freshReal, Double keep,
    Double bias) {

  public WorkflowSpec {
    Check.required("workflow.type", type);
    Check.atLeast("workflow.samples", samples, 2);
    bias = bias == null ? 1.0 : bias;
    Check.inHalfOpen("workflow.bias", bias, 0.0, 1.0);
    if (synthetic == null) {
      synthetic = type == Workflow.KEEP_ORIGINAL ? null : samples;
    }
    switch (type) {
      case REPLACE, ACCUMULATE -> {
        Check.atLeast("workflow.synthetic", synthetic, 2);
        Check.absent("workflow.subsample", subsample, "only accumulate-subsample uses it");
        Check.absent("workflow.fresh_real", freshReal, "only fresh uses it");
        Check.absent("workflow.keep", keep, "only keep-original uses it");
      }
      case ACCUMULATE_SUBSAMPLE -> {
        Check.atLeast("workflow.synthetic", synthetic, 1);
        subsample = subsample == null ? samples : subsample;
        Check.atLeast("workflow.subsample", subsample, 2);
        Check.absent("workflow.fresh_real", freshReal, "only fresh uses it");
        Check.absent("workflow.keep", keep, "only keep-original uses it");
      }
      case FRESH -> {
        Check.atLeast("workflow.synthetic", synthetic, 0);
        Check.required("workflow.fresh_real", freshReal);
        Check.atLeast("workflow.fresh_real", freshReal, 0);
        Check.atLeast("workflow.fresh_real + workflow.synthetic", freshReal + synthetic, 2);
        Check.absent("workflow.subsample", subsample, "only accumulate-subsample uses it");
        Check.absent("workflow.keep", keep, "only keep-original uses it");
      }
      case KEEP_ORIGINAL -> {
        Check.required("workflow.keep", keep);
        Check.inClosed("workflow.keep", keep, 0.0, 1.0);
        Check.absent("workflow.subsample", subsample, "only accumulate-subsample uses it");
        Check.absent("workflow.fresh_real", freshReal, "only fresh uses it");
        int derived = samples - keptOriginal(samples, keep);
        if (synthetic != null && synthetic != derived) {
          throw new SpecException("workflow.synthetic", "keep-original draws samples - round(keep * samples) = "
              + derived + " synthetic samples; leave it out, got " + synthetic);
        }
        synthetic = derived;
        if (keptOriginal(samples, keep) + synthetic < 2) {
          throw new SpecException("workflow.samples", "keeps fewer than 2 training samples");
        }
      }
    }
  }

  /** A replace workflow with M samples per generation and unbiased sampling. */
  public static WorkflowSpec replace(int samples) {
    return new WorkflowSpec(Workflow.REPLACE, samples, null, null, null, null, 1.0);
  }

  /** The number of original samples kept per generation under {@link Workflow#KEEP_ORIGINAL}. */
  public int keptOriginal() {
    return type == Workflow.KEEP_ORIGINAL ? keptOriginal(samples, keep) : 0;
  }

  private static int keptOriginal(int samples, double keep) {
    return (int) Math.round(keep * samples);
  }

  /** The smallest training set any generation fits: generation 0 fits {@code samples}, later ones what the workflow assembles. */
  public int smallestTrainingSet() {
    int later = switch (type) {
      case REPLACE -> synthetic;
      case ACCUMULATE -> samples + synthetic;
      case ACCUMULATE_SUBSAMPLE -> Math.min(subsample, samples + synthetic);
      case FRESH -> freshReal + synthetic;
      case KEEP_ORIGINAL -> samples;
    };
    return Math.min(samples, later);
  }

  /**
   * A copy with another original sample size M; {@code synthetic} and {@code subsample} follow M when they
   * were at their defaults (equal to the old M).
   */
  public WorkflowSpec withSamples(int m) {
    Integer syn = type == Workflow.KEEP_ORIGINAL || synthetic == samples ? null : synthetic;
    Integer sub = subsample == null || subsample == samples ? null : subsample;
    return new WorkflowSpec(type, m, syn, type == Workflow.ACCUMULATE_SUBSAMPLE ? sub : null, freshReal, keep, bias);
  }

  /** A copy with another sampling bias λ. */
  public WorkflowSpec withBias(double lambda) {
    return new WorkflowSpec(type, samples, type == Workflow.KEEP_ORIGINAL ? null : synthetic,
        subsample, freshReal, keep, lambda);
  }
}
