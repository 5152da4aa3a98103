package org.tailguard.curate;

/**
 * A stage that judges each document on its own: a filter, a scorer or a line filter (datatrove's
 * {@code BaseFilter.filter}; a new filter is one class with this one method).
 *
 * <p>Implementations must be thread-safe and deterministic: {@link #apply} depends only on the document and
 * the stage's configuration.
 */
public non-sealed interface DocStage extends Stage {

  /** Keeps (possibly with a shorter text) or drops the document, with its attributes. */
  Verdict apply(Doc doc);
}
