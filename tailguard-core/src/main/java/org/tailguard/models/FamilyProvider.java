package org.tailguard.models;

import org.tailguard.spec.ModelSpec;
import org.tailguard.spec.ModelSpecType;

/**
 * Registers a model family with the lab through {@link java.util.ServiceLoader}.
 *
 * <p>A module that adds a family (the n-gram LM of {@code tailguard-text}, say) lists its provider in
 * {@code META-INF/services/org.tailguard.models.FamilyProvider}; specs can then name it.
 */
public interface FamilyProvider extends ModelSpecType {
  /** A representative spec of this family (its defaults, or the paper setup they follow), for listings and docs. */
  ModelSpec example();

  /** Builds the family described by a spec of this provider's {@link #specClass()}. */
  ModelFamily<?, ?> create(ModelSpec spec);
}
