package org.tailguard.models.gmm;

import java.util.List;
import org.tailguard.metrics.PrecisionRecall;
import org.tailguard.models.GenerativeModel;
import org.tailguard.models.Indicator;
import org.tailguard.models.Observation;
import org.tailguard.models.Points;

/**
 * Sample-based indicators of a model against a true Gaussian mixture: k-NN precision and recall (k = 5,
 * Kynkäänniemi et al., NeurIPS 2019) and the number of true modes the model's samples still reach.
 *
 * <p>Alemohammad et al. (ICLR 2024, App. Fig. 15) show that recall reveals the mode loss that total
 * variance hides. Shared by the {@code gmm} and {@code kde} families, which list these three indicators
 * consecutively.
 */
public final class SampleCoverage {
  static final int KNN_K = 5;
  /** A true mode counts as covered by a model sample within this Mahalanobis radius (3σ when isotropic). */
  static final double MODE_RADIUS = 3.0;

  private SampleCoverage() {}

  /** precision, recall and modes_covered, in that order. */
  public static List<Indicator> indicators() {
    return List.of(
        Indicator.of("precision", "k-NN precision, k=5 (Kynkäänniemi et al. 2019), knn_samples model vs fresh "
            + "true samples"),
        Indicator.of("recall", "k-NN recall, k=5 (Kynkäänniemi et al. 2019), knn_samples model vs fresh true "
            + "samples"),
        Indicator.of("modes_covered", "true components with at least one of knn_samples model samples within "
            + "Mahalanobis distance 3 (3σ) of their mean"));
  }

  /**
   * Fills the three indicators at {@code out[first..first+2]} when the observation wants them, drawing
   * {@code n} model samples and (for precision and recall) {@code n} true samples from the observation's stream.
   */
  public static void measure(GmmModel truth, GenerativeModel<Points> model, int dim, int n,
      Observation<Points, ?> o, int first, double[] out) {
    boolean pr = o.wants(first) || o.wants(first + 1);
    if (!pr && !o.wants(first + 2)) {
      return;
    }
    Points fake = model.sample(n, 1.0, o.rng());
    if (pr) {
      Points real = truth.sample(n, 1.0, o.rng());
      PrecisionRecall.Result r = PrecisionRecall.knn(real.values(), fake.values(), dim, KNN_K);
      out[first] = r.precision();
      out[first + 1] = r.recall();
    }
    if (o.wants(first + 2)) {
      out[first + 2] = truth.modesCovered(fake.values(), MODE_RADIUS);
    }
  }
}
