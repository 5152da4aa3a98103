package org.tailguard.provenance;

import org.tailguard.spec.SpecException;

/**
 * How far a piece of data's human origin is established, the three tiers of Tailguard's mixing spec: a
 * collapse-safe mixture keeps a quota of tier-1 data, because only data from before generative models
 * spread (or verified as human) is known not to be model output (Shumailov et al., Nature 2024).
 */
public enum Tier {
  /** Verified human text, or archives from before 2022. */
  VERIFIED_HUMAN(1),
  /** Human text from an authenticated author or source, not independently verified. */
  AUTHENTICATED_HUMAN(2),
  /** Unverified web text: may contain model output. */
  UNVERIFIED_WEB(3);

  private final int number;

  Tier(int number) {
    this.number = number;
  }

  /** 1, 2 or 3, the number used in canonical JSON. */
  public int number() {
    return number;
  }

  /** The tier of a number. */
  public static Tier of(String field, long number) {
    for (Tier t : values()) {
      if (t.number == number) {
        return t;
      }
    }
    throw new SpecException(field, "must be 1 (verified human / pre-2022 archive), 2 (authenticated human) "
        + "or 3 (unverified web), got " + number);
  }
}
