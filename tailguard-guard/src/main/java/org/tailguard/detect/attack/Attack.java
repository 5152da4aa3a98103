package org.tailguard.detect.attack;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * An evasion attack: a seeded transform of a text that keeps its meaning roughly and tries to hide its
 * origin, from the RAID benchmark (Dugan et al. 2024) and MarkLLM's editors (Pan et al. 2024). The same text
 * and the same random stream give the same output. Implementations are immutable and thread-safe.
 */
public interface Attack {
  /** A short name with the attack's strength, such as {@code word-deletion-0.3}. */
  String name();

  /** The attacked text; all randomness comes from {@code rng}. */
  String apply(String text, UniformRandomProvider rng);
}
