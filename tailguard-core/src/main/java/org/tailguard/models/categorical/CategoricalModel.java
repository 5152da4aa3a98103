package org.tailguard.models.categorical;

import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.models.GenerativeModel;

/**
 * The empirical distribution of a sample of categorical outcomes, the maximum-likelihood categorical fit
 * p̂_i = c_i/n (Shumailov et al., Nature 2024, the discrete case: the fits form a Markov chain
 * absorbed in a point mass; for refitting on M draws it is the Wright–Fisher model).
 *
 * <p>Sampling n draws is a multinomial draw, by conditional binomials over the support only. Sampling with
 * bias λ ∈ (0, 1] draws from the narrowed model p̂_i^{1/λ} / Σ_j p̂_j^{1/λ}: temperature sampling at
 * temperature λ, the discrete counterpart of Alemohammad et al.'s N(μ, λΣ) (ICLR 2024, §3) and of the
 * temperature that narrows the tail in Dohmatob et al. (ICML 2024). λ = 1 is unbiased; as λ → 0 the
 * model puts all its mass on its mode (shared equally among tied modes). Outcomes the model gives
 * probability 0 stay at 0 for every λ.
 */
public final class CategoricalModel implements GenerativeModel<Counts> {
  private final Counts data;
  private final double[] mass; // p̂ on data's support, aligned with data.indexArray()

  /** The maximum-likelihood fit to {@code data}, which must hold at least one draw. */
  CategoricalModel(Counts data) {
    if (data.size() < 1) {
      throw new IllegalArgumentException("cannot fit a categorical model to an empty sample");
    }
    this.data = data;
    int[] c = data.countArray();
    double n = data.size();
    this.mass = new double[c.length];
    for (int j = 0; j < c.length; j++) {
      mass[j] = c[j] / n;
    }
  }

  /** K, the number of possible outcomes. */
  public int outcomes() {
    return data.outcomes();
  }

  /** The number of outcomes with positive probability. */
  public int support() {
    return mass.length;
  }

  /** The probability of outcome i. */
  public double probability(int i) {
    return data.count(i) / (double) data.size();
  }

  /** The probabilities of all K outcomes (a new array). */
  public double[] probabilities() {
    double[] p = new double[data.outcomes()];
    int[] idx = data.indexArray();
    for (int j = 0; j < idx.length; j++) {
      p[idx[j]] = mass[j];
    }
    return p;
  }

  /** The counts this model was fitted to, its sufficient statistic. */
  public Counts counts() {
    return data;
  }

  /** The outcomes with positive probability, increasing; shared, do not modify. */
  int[] supportArray() {
    return data.indexArray();
  }

  /** The positive probabilities, aligned with {@link #supportArray()}; shared, do not modify. */
  double[] massArray() {
    return mass;
  }

  @Override
  public Counts sample(int n, double bias, UniformRandomProvider rng) {
    if (n < 0) {
      throw new IllegalArgumentException("cannot draw " + n + " samples");
    }
    if (!(bias > 0 && bias <= 1)) {
      throw new IllegalArgumentException("bias must be in (0, 1], got " + bias);
    }
    int[] idx = data.indexArray();
    int[] c = data.countArray();
    if (bias == 1) {
      return Multinomial.ofCounts(data.outcomes(), idx, c, data.size(), n, rng);
    }
    // p̂^{1/λ} relative to the mode's, in logs so that small λ underflows to 0 instead of overflowing.
    int max = 0;
    for (int x : c) {
      max = Math.max(max, x);
    }
    double logMax = Math.log(max);
    double[] w = new double[c.length];
    for (int j = 0; j < c.length; j++) {
      w[j] = Math.exp((Math.log(c[j]) - logMax) / bias);
    }
    return Multinomial.ofWeights(data.outcomes(), idx, w, Multinomial.suffixSums(w), n, rng);
  }

  @Override
  public String toString() {
    return "CategoricalModel[K=" + data.outcomes() + ", support=" + mass.length + ", n=" + data.size() + "]";
  }
}
