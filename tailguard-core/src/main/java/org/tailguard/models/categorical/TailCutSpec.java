package org.tailguard.models.categorical;

import org.tailguard.metrics.ZeroMassPolicy;
import org.tailguard.spec.Check;
import org.tailguard.spec.ModelSpec;
import org.tailguard.spec.SpecException;

/**
 * The tail-cut experiment of Dohmatob et al., "A Tale of Tails" (ICML 2024, arXiv 2402.07043).
 *
 * <p>The truth p is Zipf(β) over N outcomes. Generation-0 data are T = {@code workflow.samples} draws
 * from the tail-cut distribution q_k (p truncated to its k most probable outcomes and renormalised): data
 * produced by a model that has lost its tail. The fitted model is the empirical distribution, i.e. the
 * "Hutter LLM" that memorises what it has seen, and its test error under p is the lost true mass
 * Σ_{p̂_i = 0} p_i (the {@code lost_mass} indicator), with exact expectation {@link TailCut#expectedError}.
 * A {@code replace} workflow with {@code samples: T} makes it recursive: each generation trains on T draws
 * of the previous empirical distribution, and the error plateau rises with the generation. Every request
 * for real data draws from q_k, including the fresh data of {@code fresh} and the kept data of
 * {@code keep-original}: "real" here means the tail-cut data the experiment starts from. YAML:
 * <pre>
 *   model:
 *     family: tail-cut
 *     outcomes: 100000        # N (required)
 *     beta: 1.5               # Zipf exponent (required)
 *     cut: 1000               # k; omit for no cut (k = N)
 *     tail_rank: 10000        # k of the tail_mass indicator (default max(1, N/10))
 *     kl_policy: surviving-support
 * </pre>
 *
 * @param outcomes N, at least 2
 * @param beta the Zipf exponent β > 0
 * @param cut the tail cut k in [1, N]; null means no cut
 * @param tailRank the rank beyond which {@code tail_mass} sums the model's mass, in [1, N]
 * @param klPolicy the zero-mass policy of the {@code kl} indicator, by its spec name
 */
public record TailCutSpec(Integer outcomes, Double beta, Integer cut, Integer tailRank, String klPolicy)
    implements ModelSpec {

  public TailCutSpec {
    Check.required("model.outcomes", outcomes);
    outcomes = CategoricalSpec.checkOutcomes("model.outcomes", outcomes);
    Check.required("model.beta", beta);
    Check.positive("model.beta", beta);
    if (cut != null) {
      Check.atLeast("model.cut", cut, 1);
      if (cut > outcomes) {
        throw new SpecException("model.cut", "must be at most model.outcomes (" + outcomes + "), got " + cut);
      }
    }
    tailRank = CategoricalSpec.checkTailRank(tailRank, outcomes);
    klPolicy = CategoricalSpec.checkPolicy(klPolicy);
  }

  /** Zipf(β) over N outcomes cut at k, with the default tail rank and KL policy. */
  public static TailCutSpec of(int outcomes, double beta, Integer cut) {
    return new TailCutSpec(outcomes, beta, cut, null, null);
  }

  /** k, the number of outcomes the generation-0 data can contain (N without a cut). */
  public int effectiveCut() {
    return cut == null ? outcomes : cut;
  }

  /** The KL policy as an enum. */
  public ZeroMassPolicy zeroMassPolicy() {
    return ZeroMassPolicy.of(klPolicy);
  }
}
