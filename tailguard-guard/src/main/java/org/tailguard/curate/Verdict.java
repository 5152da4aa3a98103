package org.tailguard.curate;

import java.util.List;

/**
 * What a stage decided about one document (datatrove's {@code BaseFilter.filter} returning
 * {@code True} or {@code (False, reason)}; style pattern 8: a dropped document is data).
 *
 * <p>Both outcomes carry the stage's attributes for the document and a primary score (NaN if the stage has
 * none) for the run summary's histogram; a drop names its reason, which becomes the {@code dropped_<reason>}
 * counter and the exclusion record.
 */
public sealed interface Verdict {

  /** The attributes computed for the document. */
  List<Attribute> attributes();

  /** The stage's primary score for the document, NaN if none. */
  double score();

  /**
   * The document goes on, possibly with a changed text (line filters).
   *
   * @param doc the document passed downstream
   * @param score the primary score
   * @param attributes the attributes computed
   */
  record Keep(Doc doc, double score, List<Attribute> attributes) implements Verdict {
    public Keep {
      attributes = List.copyOf(attributes);
    }
  }

  /**
   * The document is removed.
   *
   * @param reason a short snake_case reason such as {@code gopher_short_doc}
   * @param score the value that failed the rule (or the primary score)
   * @param attributes the attributes computed
   */
  record Drop(String reason, double score, List<Attribute> attributes) implements Verdict {
    public Drop {
      if (reason == null || !reason.matches("[a-z0-9_]{1,64}")) {
        throw new IllegalArgumentException("a drop reason must be 1-64 of [a-z0-9_], got " + reason);
      }
      attributes = List.copyOf(attributes);
    }
  }

  /** Keeps the document unchanged with no score. */
  static Keep keep(Doc doc, List<Attribute> attributes) {
    return new Keep(doc, Double.NaN, attributes);
  }

  /** Drops with a reason and the score that failed. */
  static Drop drop(String reason, double score, List<Attribute> attributes) {
    return new Drop(reason, score, attributes);
  }
}
