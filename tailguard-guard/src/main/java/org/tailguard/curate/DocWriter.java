package org.tailguard.curate;

import java.io.Closeable;
import java.nio.file.Path;

/**
 * Writes documents to one file atomically: nothing appears under the file's name until {@link #commit};
 * {@link #close} without a commit discards what was written. The format follows the extension
 * ({@link DocFormat}).
 */
public interface DocWriter extends Closeable {

  /** Appends a document. */
  void write(Doc doc);

  /** The number of documents written. */
  long count();

  /** Finishes the file and moves it into place. */
  void commit();

  /** Discards an uncommitted file. */
  @Override
  void close();

  /** A writer of the format {@code file}'s extension names. */
  static DocWriter create(Path file) {
    return switch (DocFormat.of(file)) {
      case PARQUET -> new ParquetDocs.Writer(file);
      default -> new Jsonl(JsonlSink.create(file));
    };
  }

  /** A JSONL writer over a sink. */
  final class Jsonl implements DocWriter {
    private final JsonlSink sink;

    Jsonl(JsonlSink sink) {
      this.sink = sink;
    }

    @Override
    public void write(Doc doc) {
      sink.write(g -> DocJson.writeFields(g, doc));
    }

    @Override
    public long count() {
      return sink.records();
    }

    @Override
    public void commit() {
      sink.commit();
    }

    @Override
    public void close() {
      sink.close();
    }
  }
}
