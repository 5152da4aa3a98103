package org.tailguard.curate;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.tailguard.spec.SpecException;

/**
 * One document of a curation pipeline, in the form of AI2's Dolma ({@code {id, text, source, added, created,
 * metadata}}; Soldaini et al. 2024, "Dolma", §3 and the toolkit's document format).
 *
 * <p>The id is stable across pipeline versions: stages may drop a document or cut lines out of its text, but
 * never rename it, so attributes, exclusions and ledger claims all key on it. Derived values (scores, flags,
 * spans) are not stored here but in {@link Attribute} records beside the document, so that re-scoring never
 * rewrites documents. Timestamps are ISO-8601 strings as read (an offset is required), or null when unknown;
 * they are inputs, never the clock, so that a rerun writes the same bytes.
 *
 * @param id 1–512 characters, unique within a run
 * @param text the text; may be empty only after a line filter removed every line
 * @param source where the document came from (a corpus or source name of the mixture spec)
 * @param added when it entered the collection (ISO-8601 with offset), or null
 * @param created when it was written (ISO-8601 with offset), or null
 * @param metadata other scalar fields, as strings, sorted by key
 */
public record Doc(String id, String text, String source, String added, String created, Map<String, String> metadata)
    implements Serializable {

  public Doc {
    if (id == null || id.isEmpty() || id.length() > 512) {
      throw new SpecException("doc.id", "must be 1-512 characters, got " + (id == null ? "none" : id.length()));
    }
    if (text == null) {
      throw new SpecException("doc.text", "is required (document " + id + ")");
    }
    if (source == null || source.isEmpty()) {
      throw new SpecException("doc.source", "is required (document " + id + ")");
    }
    checkTime("doc.added", added, id);
    checkTime("doc.created", created, id);
    metadata = metadata == null || metadata.isEmpty() ? Map.of()
        : Collections.unmodifiableMap(new TreeMap<>(metadata));
  }

  /** A document with no timestamps and no metadata. */
  public static Doc of(String id, String text, String source) {
    return new Doc(id, text, source, null, null, Map.of());
  }

  /** The same document with another text (a line filter's output); the id stays. */
  public Doc withText(String newText) {
    return new Doc(id, newText, source, added, created, metadata);
  }

  /** The same document with one more metadata entry. */
  public Doc withMetadata(String key, String value) {
    TreeMap<String, String> m = new TreeMap<>(metadata);
    m.put(key, value);
    return new Doc(id, text, source, added, created, m);
  }

  /** The number of whitespace-separated words (as {@code wc -w}): the unit of token budgets. */
  public int words() {
    return Words.count(text);
  }

  private static void checkTime(String field, String value, String id) {
    if (value == null) {
      return;
    }
    try {
      OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw new SpecException(field, "must be an ISO-8601 time with offset such as 2021-03-01T00:00:00Z, got '"
          + value + "' (document " + id + ")");
    }
  }
}
