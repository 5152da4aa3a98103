package org.tailguard.curate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;

/**
 * An atomic JSON Lines file: records go to {@code NAME.tmp} beside the target, compressed as the target's
 * extension says ({@code .gz}: gzip; {@code .zst}: zstd level 3; else plain), and {@link #commit} renames
 * it into place atomically. Closing without committing deletes the temporary file, so a crash or an error
 * never leaves a partial output under the final name (datatrove's writers, made crash-safe).
 */
public final class JsonlSink implements Closeable {
  /** Writes one record's fields into an open JSON object. */
  @FunctionalInterface
  public interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private final Path target;
  private final Path tmp;
  private final OutputStream out;
  private final JsonGenerator g;
  private long records;
  private boolean done;

  private JsonlSink(Path target) throws IOException {
    this.target = target;
    this.tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.createDirectories(target.toAbsolutePath().getParent());
    OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
    String n = target.getFileName().toString();
    this.out = n.endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16)
        : n.endsWith(".zst") || n.endsWith(".zstd") ? new ZstdOutputStream(raw, 3) : raw;
    this.g = DocJson.JSON.createGenerator(out);
  }

  /** Opens a sink for {@code target}. */
  public static JsonlSink create(Path target) {
    try {
      return new JsonlSink(target);
    } catch (IOException e) {
      throw new UncheckedIOException(target + ": cannot create: " + e.getMessage(), e);
    }
  }

  /** Writes one record as a JSON object on its own line. */
  public void write(Fields fields) {
    try {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
      g.writeRaw('\n');
      records++;
    } catch (IOException e) {
      throw new UncheckedIOException(tmp + ": " + e.getMessage(), e);
    }
  }

  /** The number of records written. */
  public long records() {
    return records;
  }

  /** The final file name. */
  public Path target() {
    return target;
  }

  /** Finishes the file and moves it into place atomically. */
  public void commit() {
    try {
      g.close();
      done = true;
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(target + ": cannot commit: " + e.getMessage(), e);
    }
  }

  /** Abandons an uncommitted file (deleting its temporary file); does nothing after {@link #commit}. */
  @Override
  public void close() {
    if (done) {
      return;
    }
    done = true;
    try {
      g.close();
    } catch (IOException | RuntimeException ignored) {
      // the file is abandoned anyway
    }
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException(tmp + ": cannot delete: " + e.getMessage(), e);
    }
  }
}
