package org.tailguard.models.gmm;

import org.tailguard.spec.Check;
import org.tailguard.spec.ModelSpec;
import org.tailguard.spec.SpecException;
import org.tailguard.spec.WorkflowSpec;

/**
 * A Gaussian-mixture family fitted by EM, with its true mixture and EM settings.
 *
 * <p>The defaults follow Shumailov et al. (Nature 2024, GMM notebook): scikit-learn's
 * {@code GaussianMixture(n_components=2, covariance_type="full", tol=1e-5, max_iter=2000)}, whose
 * {@code reg_covar} default is 1e-6.
 *
 * @param components K, the number of fitted components (default 2)
 * @param truth the true mixture (default {@link MixtureTruthSpec#shumailov()})
 * @param tol EM stops when the mean log-likelihood per sample changes by less than this (default 1e-5)
 * @param maxIter the most EM iterations per fit (default 2000)
 * @param regCovar added to every fitted covariance's diagonal, so that a collapsed component stays
 *     positive definite (default 1e-6, as scikit-learn)
 * @param knnSamples how many model and fresh true points k-NN precision/recall and modes_covered use
 *     (default 1000)
 */
public record GmmSpec(Integer components, MixtureTruthSpec truth, Double tol, Integer maxIter, Double regCovar,
    Integer knnSamples) implements ModelSpec {
  public GmmSpec {
    components = components == null ? 2 : components;
    Check.atLeast("model.components", components, 1);
    truth = truth == null ? MixtureTruthSpec.shumailov() : truth;
    tol = Check.positive("model.tol", tol == null ? 1e-5 : tol);
    maxIter = maxIter == null ? 2000 : maxIter;
    Check.atLeast("model.max_iter", maxIter, 1);
    regCovar = Check.finite("model.reg_covar", regCovar == null ? 1e-6 : regCovar);
    if (regCovar < 0) {
      throw new SpecException("model.reg_covar", "must be at least 0, got " + regCovar);
    }
    knnSamples = knnSamples == null ? 1000 : knnSamples;
    Check.atLeast("model.knn_samples", knnSamples, 6);
  }

  /** EM needs at least as many training points as components, in every generation. */
  @Override
  public void checkWorkflow(WorkflowSpec workflow) {
    if (workflow.smallestTrainingSet() < components) {
      throw new SpecException("workflow.samples", components + " components (model.components) need at least "
          + components + " training samples per generation; this workflow trains on as few as "
          + workflow.smallestTrainingSet());
    }
  }

  /** Shumailov et al.'s experiment: 2 components fitted to the default two-component truth. */
  public static GmmSpec shumailov() {
    return new GmmSpec(null, null, null, null, null, null);
  }

  /** K fitted components and the given truth, other settings at their defaults. */
  public static GmmSpec of(int components, MixtureTruthSpec truth) {
    return new GmmSpec(components, truth, null, null, null, null);
  }
}
