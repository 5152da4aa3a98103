package org.tailguard.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tailguard.metrics.Summary;
import org.tailguard.models.gmm.MixtureTruthSpec;
import org.tailguard.models.kde.KdeFamily;
import org.tailguard.models.kde.KdeSpec;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.spec.Workflow;
import org.tailguard.spec.WorkflowSpec;

/**
 * Kazdan et al. ("Collapse or Thrive?", arXiv 2410.16713, {@code fit_kdes.py}): a Gaussian KDE with fixed
 * bandwidth h, refitted to its own samples, degrades under replace and stays close to the truth under
 * accumulate.
 *
 * <p>Setup: truth N(0, I₂), h = 0.5, M = 100 samples per generation, 60 chains, compared at G = 10.
 *
 * <p>Exact laws for the KDE's total variance V = tr Σ̂_MLE(train) + d h² (a KDE sample is a resampled
 * point plus N(0, h²I)), with v the MLE trace of the training set and c = v + d h² the KDE's variance:
 * <ul>
 *   <li>replace: M fresh draws from the KDE give E[v_g] = (1 − 1/M)·c_{g−1}, so the variance grows by
 *       about d h² = 0.5 per generation (a random walk of every point plus kernel noise);
 *   <li>accumulate: the pool of n = (g+1)M points gains M draws; with the between-group term of the
 *       pooled sum of squares, E[v'] = [n v + (M − 1) c + n/(n + M)·c] / (n + M), so the excess grows
 *       only like d h² Σ 1/g, logarithmically.
 * </ul>
 * Both recursions are linear in v, so they hold for expectations; v_0 = (1 − 1/M)·tr Σ_true. Assertions:
 * (a, b) the mean variance_ratio at G is within 4 standard errors (60 chains) of each law; (c) the
 * median squared L2 distance to the truth under replace exceeds the 90th percentile under accumulate at
 * G. Measured (seed 5): mean variance ratio replace 3.52 ± 0.09 (law 3.51), accumulate 1.755 ± 0.018
 * (law 1.737); median L2² replace 0.044, accumulate 0.011 (90th percentile 0.014).
 */
class KazdanKdeGoldenTest {
  static final int M = 100;
  static final int G = 10;
  static final double H = 0.5;
  static final int D = 2;

  private static MemorySink run(Workflow w) throws Exception {
    KdeSpec model = KdeSpec.fixed(MixtureTruthSpec.gaussian(1.0, 0.0, 0.0), H);
    ExperimentSpec spec = new ExperimentSpec("kazdan-kde-golden", null, null, 5L, 60, G, null, model,
        new WorkflowSpec(w, M, null, null, null, null, 1.0), List.of("l2_true", "variance_ratio"));
    MemorySink sink = new MemorySink();
    new Simulator(1).run(spec, new KdeFamily(model), sink, null);
    return sink;
  }

  @Test
  void replaceDegrades_accumulateStaysBounded() throws Exception {
    MemorySink replace = run(Workflow.REPLACE);
    MemorySink accumulate = run(Workflow.ACCUMULATE);
    double trTrue = D * 1.0;
    double kernel = D * H * H;

    double v = (1 - 1.0 / M) * trTrue; // replace: E[v_g] = (1 − 1/M)(v_{g−1} + d h²)
    for (int g = 1; g <= G; g++) {
      v = (1 - 1.0 / M) * (v + kernel);
    }
    double replaceLaw = (v + kernel) / trTrue;

    double a = (1 - 1.0 / M) * trTrue; // accumulate
    for (int g = 1; g <= G; g++) {
      double n = (double) g * M;
      double c = a + kernel;
      a = (n * a + (M - 1) * c + n / (n + M) * c) / (n + M);
    }
    double accumulateLaw = (a + kernel) / trTrue;

    Summary rv = replace.summary("variance_ratio", G);
    Summary av = accumulate.summary("variance_ratio", G);
    assertEquals(replaceLaw, rv.mean(), 4 * rv.standardError(), "replace variance ratio vs law");
    assertEquals(accumulateLaw, av.mean(), 4 * av.standardError(), "accumulate variance ratio vs law");
    assertTrue(replaceLaw > 1.5 * accumulateLaw, "laws: replace " + replaceLaw + ", accumulate " + accumulateLaw);

    Summary rl = replace.summary("l2_true", G);
    Summary al = accumulate.summary("l2_true", G);
    assertTrue(rl.median() > al.p90(), "median L2² under replace " + rl.median()
        + " should exceed the 90th percentile under accumulate " + al.p90());
  }
}
