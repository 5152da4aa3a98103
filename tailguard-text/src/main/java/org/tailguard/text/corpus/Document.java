package org.tailguard.text.corpus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One document of a corpus: an id, its text, and its metadata as strings.
 *
 * <p>The unit a reader yields and a split selects (a State of the Union address, a Brown file, a Moby-Dick
 * chapter, a line or file of the user's). Metadata holds the scalar fields of a JSONL record other than
 * {@code id} and {@code text}, such as {@code year}, {@code president} and {@code party} (SOTU),
 * {@code genre}, {@code file} and {@code split} (Brown) or {@code chapter} and {@code title} (Moby-Dick).
 *
 * @param id a name unique within its source (a JSONL {@code id}, or {@code file:line})
 * @param text the text, never blank
 * @param metadata the other scalar fields, in their order in the record
 */
public record Document(String id, String text, Map<String, String> metadata) {
  public Document {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** A metadata value, or null if absent. */
  public String get(String key) {
    return metadata.get(key);
  }

  /**
   * An integer metadata value.
   *
   * @throws IllegalStateException if the key is absent or not an integer
   */
  public int getInt(String key) {
    String v = metadata.get(key);
    if (v == null) {
      throw new IllegalStateException("document " + id + " has no " + key);
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("document " + id + ": " + key + " is not an integer: " + v, e);
    }
  }
}
