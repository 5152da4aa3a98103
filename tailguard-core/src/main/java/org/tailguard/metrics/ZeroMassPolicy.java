package org.tailguard.metrics;

/**
 * What KL(p‖q) does where p has mass and q has none.
 *
 * <p>The textbook KL divergence (Cover and Thomas, Elements of Information Theory, eq. 2.26) is +∞ as
 * soon as q misses an outcome that p has; under recursive training the fitted model loses outcomes in the
 * first generation (Shumailov et al., Nature 2024), so that KL is +∞ from then on and says nothing more.
 * Collapse studies therefore compare p with q "on the surviving support": p is restricted to the outcomes
 * q still has and renormalised, and the lost part is reported separately as the lost true mass
 * (Kazdan et al., arXiv 2410.16713). {@link #DEFAULT} is {@link #SURVIVING_SUPPORT}.
 */
public enum ZeroMassPolicy {
  /** KL(p‖q) = +∞ when p_i > 0 = q_i for some i: the mathematical definition. */
  INFINITE("infinite"),
  /**
   * KL(p_S‖q) with p_S = p restricted to S = {i : q_i > 0} and renormalised; +∞ if p has no mass on S.
   * Equals {@link #INFINITE} when q misses nothing p has.
   */
  SURVIVING_SUPPORT("surviving-support");

  /** The policy used when none is named. */
  public static final ZeroMassPolicy DEFAULT = SURVIVING_SUPPORT;

  private final String id;

  ZeroMassPolicy(String id) {
    this.id = id;
  }

  /** The name used in specs, such as {@code surviving-support}. */
  public String id() {
    return id;
  }

  /**
   * The policy with the given spec name.
   *
   * @throws IllegalArgumentException if no policy has that name
   */
  public static ZeroMassPolicy of(String id) {
    for (ZeroMassPolicy p : values()) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown zero-mass policy '" + id + "'; expected infinite or surviving-support");
  }
}
