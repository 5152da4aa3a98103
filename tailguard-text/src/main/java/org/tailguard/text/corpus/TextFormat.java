package org.tailguard.text.corpus;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How a reader cuts a file into documents.
 *
 * <p>Every format is read as UTF-8, through gzip when the file starts with gzip's magic bytes (whatever its
 * name). A line ends at LF; a CR before it is dropped; a UTF-8 byte-order mark at the start of a file is
 * ignored.
 */
public enum TextFormat {
  /** Plain text, one document per line (as the State of the Union package ships each address). */
  LINES,
  /** Plain text, the whole file is one document (a directory then gives one document per file). */
  FILE,
  /**
   * JSON Lines: one JSON object per line with a string field {@code text}; an optional {@code id}
   * (string or number) names the document, and the other scalar fields become its metadata.
   */
  JSONL;

  /**
   * The format a file name suggests: {@code .jsonl}, {@code .ndjson} (optionally {@code .gz}) are
   * {@link #JSONL}; anything else is {@link #LINES}.
   */
  public static TextFormat guess(Path file) {
    Path name = file.getFileName();
    String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) {
      n = n.substring(0, n.length() - 3);
    }
    return n.endsWith(".jsonl") || n.endsWith(".ndjson") ? JSONL : LINES;
  }

  /**
   * The format of a name such as {@code lines}, {@code file} or {@code jsonl}, case-insensitive.
   *
   * @throws org.tailguard.spec.SpecException naming {@code field} if the name is unknown
   */
  public static TextFormat parse(String field, String name) {
    for (TextFormat f : values()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw new org.tailguard.spec.SpecException(field, "unknown text format '" + name + "'; known: lines, file, jsonl");
  }
}
