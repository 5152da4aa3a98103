package org.tailguard.models.categorical;

import java.util.Arrays;
import java.util.List;
import org.tailguard.metrics.ZeroMassPolicy;
import org.tailguard.spec.Check;
import org.tailguard.spec.ModelSpec;
import org.tailguard.spec.SpecException;

/**
 * A categorical family over K outcomes, refitted by maximum likelihood (the empirical distribution).
 *
 * <p>The discrete model of Shumailov et al. (Nature 2024), Seddik et al. (arXiv 2404.05090) and Kazdan
 * et al. (arXiv 2410.16713). YAML, with defaults:
 * <pre>
 *   model:
 *     family: categorical
 *     start: zipf             # uniform | zipf | counts (required)
 *     outcomes: 1000          # K; required for uniform and zipf; for counts, the length of counts
 *     beta: 1.2               # Zipf exponent, p_i ∝ i^-beta (zipf only, required there)
 *     counts: [5, 195]        # the observed counts to start from (counts only, required there)
 *     tail_rank: 100          # k of the tail_mass indicator (default max(1, K/10))
 *     kl_policy: surviving-support   # or infinite; see ZeroMassPolicy
 * </pre>
 * With {@code start: counts}, generation 0 is fitted to exactly these counts when {@code workflow.samples}
 * equals their total; any other request for real data (a different {@code samples}, the fresh real data of
 * the {@code fresh} workflow) draws from the normalised counts.
 *
 * @param start the true distribution
 * @param outcomes K, at least 2
 * @param beta the Zipf exponent β > 0
 * @param counts the starting counts, non-negative, at least one positive
 * @param tailRank the rank k beyond which {@code tail_mass} sums the model's mass, in [1, K]
 * @param klPolicy the zero-mass policy of the {@code kl} indicator, by its spec name
 */
public record CategoricalSpec(Start start, Integer outcomes, Double beta, List<Integer> counts, Integer tailRank,
    String klPolicy) implements ModelSpec {

  /** The most outcomes a spec may ask for: the truth is held as K doubles. */
  public static final int MAX_OUTCOMES = 50_000_000;

  public CategoricalSpec {
    Check.required("model.start", start);
    switch (start) {
      case UNIFORM, ZIPF -> {
        Check.required("model.outcomes", outcomes);
        Check.absent("model.counts", counts, "only start: counts uses it");
        if (start == Start.ZIPF) {
          Check.required("model.beta", beta);
          Check.positive("model.beta", beta);
        } else {
          Check.absent("model.beta", beta, "only start: zipf uses it");
        }
      }
      case COUNTS -> {
        Check.required("model.counts", counts);
        Check.absent("model.beta", beta, "only start: zipf uses it");
        counts = List.copyOf(counts);
        long total = 0;
        for (int i = 0; i < counts.size(); i++) {
          Check.atLeast("model.counts[" + i + "]", counts.get(i), 0);
          total += counts.get(i);
        }
        if (total < 1) {
          throw new SpecException("model.counts", "needs at least one positive count");
        }
        if (total > Integer.MAX_VALUE) {
          throw new SpecException("model.counts", "total " + total + " exceeds " + Integer.MAX_VALUE);
        }
        if (outcomes != null && outcomes != counts.size()) {
          throw new SpecException("model.outcomes", "must equal the number of counts (" + counts.size()
              + "), got " + outcomes);
        }
        outcomes = counts.size();
      }
    }
    outcomes = checkOutcomes("model.outcomes", outcomes);
    tailRank = checkTailRank(tailRank, outcomes);
    klPolicy = checkPolicy(klPolicy);
  }

  /** Uniform over K outcomes, with the default tail rank and KL policy. */
  public static CategoricalSpec uniform(int outcomes) {
    return new CategoricalSpec(Start.UNIFORM, outcomes, null, null, null, null);
  }

  /** Zipf(β) over K outcomes, with the default tail rank and KL policy. */
  public static CategoricalSpec zipf(int outcomes, double beta) {
    return new CategoricalSpec(Start.ZIPF, outcomes, beta, null, null, null);
  }

  /** Starting from observed counts, with the default tail rank and KL policy. */
  public static CategoricalSpec ofCounts(int... counts) {
    return new CategoricalSpec(Start.COUNTS, null, null, Arrays.stream(counts).boxed().toList(), null, null);
  }

  /** The KL policy as an enum. */
  public ZeroMassPolicy zeroMassPolicy() {
    return ZeroMassPolicy.of(klPolicy);
  }

  static int checkOutcomes(String field, int outcomes) {
    Check.atLeast(field, outcomes, 2);
    if (outcomes > MAX_OUTCOMES) {
      throw new SpecException(field, "must be at most " + MAX_OUTCOMES + ", got " + outcomes);
    }
    return outcomes;
  }

  static int checkTailRank(Integer tailRank, int outcomes) {
    int k = tailRank == null ? Math.max(1, outcomes / 10) : tailRank;
    Check.atLeast("model.tail_rank", k, 1);
    if (k > outcomes) {
      throw new SpecException("model.tail_rank", "must be at most model.outcomes (" + outcomes + "), got " + k);
    }
    return k;
  }

  static String checkPolicy(String klPolicy) {
    String id = klPolicy == null ? ZeroMassPolicy.DEFAULT.id() : klPolicy;
    try {
      return ZeroMassPolicy.of(id).id();
    } catch (IllegalArgumentException e) {
      throw new SpecException("model.kl_policy", "unknown policy '" + id + "'; expected infinite or surviving-support");
    }
  }
}
