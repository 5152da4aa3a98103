package org.tailguard.curate;

import java.io.Serializable;
import java.util.List;
import org.tailguard.spec.SpecException;

/**
 * A derived value of a document, kept apart from it as in Dolma's attribute files: a name such as
 * {@code gopher_quality__word_count} and spans {@code [start, end, score]} over the text's characters.
 *
 * <p>A document-level value is one span over the whole text; a line filter records one span per removed line
 * (offsets into the text the stage received). Names follow Dolma's {@code TAGGER__ATTRIBUTE} convention.
 *
 * @param name the attribute, {@code stage__name}
 * @param spans the spans, in order
 */
public record Attribute(String name, List<Span> spans) implements Serializable {

  /**
   * One scored span of characters {@code [start, end)}.
   *
   * @param start first character
   * @param end one past the last character
   * @param score the value
   */
  public record Span(int start, int end, double score) implements Serializable {
    public Span {
      if (start < 0 || end < start) {
        throw new SpecException("attribute.span", "needs 0 <= start <= end, got [" + start + ", " + end + ")");
      }
    }
  }

  public Attribute {
    if (name == null || name.isEmpty()) {
      throw new SpecException("attribute.name", "is required");
    }
    spans = List.copyOf(spans);
  }

  /** A document-level value: one span over all {@code length} characters. */
  public static Attribute whole(String name, int length, double score) {
    return new Attribute(name, List.of(new Span(0, length, score)));
  }

  /** The score of a document-level attribute (its first span), or NaN if it has none. */
  public double score() {
    return spans.isEmpty() ? Double.NaN : spans.getFirst().score();
  }
}
