package org.tailguard.curate;

import java.nio.file.Path;
import java.util.Locale;
import org.tailguard.spec.SpecException;

/**
 * File formats of documents: JSON Lines (plain, gzip, zstd), one Dolma document per line, and Apache Parquet
 * with the columns {@code id, text, source, added, created} (strings) and {@code metadata} (a string map).
 * A file's format follows its extension; compressed JSONL is also recognised by its magic bytes on reading.
 */
public enum DocFormat {
  JSONL(".jsonl"),
  JSONL_GZ(".jsonl.gz"),
  JSONL_ZST(".jsonl.zst"),
  PARQUET(".parquet");

  private final String extension;

  DocFormat(String extension) {
    this.extension = extension;
  }

  /** The file extension, such as {@code .jsonl.zst}. */
  public String extension() {
    return extension;
  }

  /**
   * The format of a file name: {@code .jsonl}/{@code .ndjson} (optionally {@code .gz}, {@code .zst} or
   * {@code .zstd}) or {@code .parquet}.
   *
   * @throws SpecException naming the file for any other extension
   */
  public static DocFormat of(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".parquet")) {
      return PARQUET;
    }
    String base = n.endsWith(".gz") ? n.substring(0, n.length() - 3)
        : n.endsWith(".zst") ? n.substring(0, n.length() - 4)
        : n.endsWith(".zstd") ? n.substring(0, n.length() - 5) : n;
    if (!base.endsWith(".jsonl") && !base.endsWith(".ndjson")) {
      throw new SpecException(file + ": unknown document format; use .jsonl, .jsonl.gz, .jsonl.zst or .parquet");
    }
    return n.endsWith(".gz") ? JSONL_GZ : n.equals(base) ? JSONL : JSONL_ZST;
  }
}
