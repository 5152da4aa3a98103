package org.tailguard.models.categorical;

import java.io.DataInput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.metrics.DiscreteDistances;
import org.tailguard.metrics.Diversity;
import org.tailguard.metrics.TailMetrics;
import org.tailguard.metrics.ZeroMassPolicy;
import org.tailguard.models.Indicator;
import org.tailguard.models.ModelFamily;
import org.tailguard.models.Observation;

/**
 * Categorical distributions over K outcomes refitted by maximum likelihood: the discrete model of model
 * collapse (Shumailov et al., Nature 2024; Seddik et al., arXiv 2404.05090; Kazdan et al., arXiv
 * 2410.16713), and, built from a {@link TailCutSpec}, the tail-cut model of Dohmatob et al. (ICML 2024).
 *
 * <p>Data are {@link Counts}; the fit is the empirical distribution; sampling is a multinomial draw. Both
 * specs share this class and differ only in where generation-0 data come from: the truth itself
 * ({@code categorical}) or the truth cut to its top k outcomes ({@code tail-cut}). Indicators, all against
 * the truth p and the model p̂:
 * <ul>
 *   <li>{@code support}: |{i : p̂_i > 0}|;
 *   <li>{@code lost_mass}: Σ_{p̂_i = 0} p_i, the true mass the model can no longer produce (the Hutter
 *       LLM's test error in the tail-cut setting);
 *   <li>{@code tail_mass}: the model's own mass beyond its {@code tail_rank} most probable outcomes, which
 *       falls to 0 as the model concentrates on fewer than k outcomes;
 *   <li>{@code tv}: ½ Σ|p̂_i − p_i|;
 *   <li>{@code kl}: KL(p‖p̂) in nats with the spec's zero-mass policy (default: on the surviving support);
 *   <li>{@code gini_simpson}: 1 − Σp̂_i²;
 *   <li>{@code entropy}: −Σ p̂_i ln p̂_i in nats.
 * </ul>
 * Every indicator costs O(support), not O(K).
 */
public final class CategoricalFamily implements ModelFamily<Counts, CategoricalModel> {
  static final int SUPPORT = 0;
  static final int LOST_MASS = 1;
  static final int TAIL_MASS = 2;
  static final int TV = 3;
  static final int KL = 4;
  static final int GINI_SIMPSON = 5;
  static final int ENTROPY = 6;

  private final String name;
  private final double[] truth;
  private final int truthSupport;
  private final TrueDistribution source;
  private final Counts initial;
  private final int tailRank;
  private final ZeroMassPolicy klPolicy;
  private final List<Indicator> indicators;

  /** The {@code categorical} family. */
  public CategoricalFamily(CategoricalSpec spec) {
    this("categorical", truthOf(spec), spec.start() == Start.COUNTS ? Counts.of(dense(spec.counts())) : null,
        Integer.MAX_VALUE, spec.tailRank(), spec.zeroMassPolicy());
  }

  /** The {@code tail-cut} family: Zipf truth, generation-0 data from the truth cut at k. */
  public CategoricalFamily(TailCutSpec spec) {
    this("tail-cut", Zipf.probabilities(spec.outcomes(), spec.beta()), null, spec.effectiveCut(), spec.tailRank(),
        spec.zeroMassPolicy());
  }

  private CategoricalFamily(String name, double[] truth, Counts initial, int cut, int tailRank, ZeroMassPolicy policy) {
    this.name = name;
    this.truth = truth;
    this.truthSupport = TailMetrics.supportSize(truth);
    this.source = new TrueDistribution(cut >= truth.length ? truth : cutAt(truth, cut));
    this.initial = initial;
    this.tailRank = tailRank;
    this.klPolicy = policy;
    this.indicators = List.of(
        Indicator.log("support", "number of outcomes the model can produce, |{i : p̂_i > 0}|"),
        Indicator.of("lost_mass", "true mass of the outcomes the model gives 0, Σ_{p̂=0} p_i"),
        Indicator.of("tail_mass", "the model's mass beyond its " + tailRank + " most probable outcomes"),
        Indicator.of("tv", "total variation to the truth, ½ Σ|p̂_i − p_i|"),
        Indicator.of("kl", "KL(p‖p̂) in nats, zero-mass policy " + policy.id()),
        Indicator.of("gini_simpson", "Gini-Simpson diversity 1 − Σp̂_i²"),
        Indicator.of("entropy", "Shannon entropy −Σ p̂_i ln p̂_i in nats"));
  }

  private static double[] truthOf(CategoricalSpec spec) {
    return switch (spec.start()) {
      case UNIFORM -> {
        double[] p = new double[spec.outcomes()];
        Arrays.fill(p, 1.0 / p.length);
        yield p;
      }
      case ZIPF -> Zipf.probabilities(spec.outcomes(), spec.beta());
      case COUNTS -> {
        double[] p = new double[spec.outcomes()];
        for (int i = 0; i < p.length; i++) {
          p[i] = spec.counts().get(i);
        }
        yield Zipf.normalise(p);
      }
    };
  }

  private static int[] dense(List<Integer> counts) {
    return counts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** p restricted to its first k outcomes (the most probable, for ranked p) and renormalised. */
  private static double[] cutAt(double[] p, int k) {
    double[] q = new double[p.length];
    System.arraycopy(p, 0, q, 0, k);
    return Zipf.normalise(q);
  }

  @Override
  public String name() {
    return name;
  }

  /** The true distribution p (a copy). */
  public double[] truth() {
    return truth.clone();
  }

  /** Real data: the starting counts themselves if {@code n} is their total, else n draws from the source. */
  @Override
  public Counts real(int n, UniformRandomProvider rng) {
    if (initial != null && n == initial.size()) {
      return initial;
    }
    return source.sample(n, rng);
  }

  @Override
  public CategoricalModel fit(Counts data, UniformRandomProvider rng) {
    if (data.outcomes() != truth.length) {
      throw new IllegalArgumentException("data over " + data.outcomes() + " outcomes, family over " + truth.length);
    }
    return new CategoricalModel(data);
  }

  @Override
  public List<Indicator> indicators() {
    return indicators;
  }

  @Override
  public void measure(Observation<Counts, CategoricalModel> o, double[] out) {
    CategoricalModel m = o.model();
    int[] s = m.supportArray();
    double[] q = m.massArray();
    out[SUPPORT] = s.length;
    if (o.wants(LOST_MASS)) {
      // the model's support lies inside the truth's, so covering as many outcomes means covering all
      out[LOST_MASS] = s.length == truthSupport ? 0 : TailMetrics.lostMass(truth, s);
    }
    if (o.wants(TAIL_MASS)) {
      out[TAIL_MASS] = TailMetrics.tailMassBeyondRank(q, tailRank);
    }
    if (o.wants(TV)) {
      out[TV] = DiscreteDistances.totalVariation(truth, s, q);
    }
    if (o.wants(KL)) {
      out[KL] = DiscreteDistances.kl(truth, s, q, klPolicy);
    }
    if (o.wants(GINI_SIMPSON)) {
      out[GINI_SIMPSON] = Diversity.giniSimpson(q);
    }
    if (o.wants(ENTROPY)) {
      out[ENTROPY] = Diversity.entropy(q);
    }
  }

  @Override
  public Counts readData(DataInput in) throws IOException {
    Counts c = Counts.read(in);
    if (c.outcomes() != truth.length) {
      throw new IOException("checkpoint counts over " + c.outcomes() + " outcomes, family over " + truth.length);
    }
    return c;
  }
}
