package org.tailguard.text.corpus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.tailguard.spec.SpecException;

/**
 * A streaming reader of documents from plain text or JSON Lines, gzip-compressed or not, bounded in memory.
 *
 * <p>It holds at most one line (one file, in {@link TextFormat#FILE} mode) of at most
 * {@link ReadOptions#maxBytes()} bytes at a time, so a corpus of any size streams through. Bad input
 * ({@link BadInput}: invalid UTF-8, an empty document, an over-long line, malformed JSON, a JSON object
 * without a string {@code text}) either stops the reader with a one-line {@link SpecException} naming the
 * file and line, or is skipped and counted in {@link #skips()}, as {@link ReadOptions#onBadInput()} says.
 * A directory is read as its regular files (hidden ones excluded) in name order. Input is gunzipped when it
 * starts with gzip's magic bytes; zstd input is recognised and refused with a message.
 *
 * <p>Use with try-with-resources; {@link #stream()} closes the reader when the stream is closed. Not
 * thread-safe. Read and I/O failures surface as {@link UncheckedIOException} naming the file.
 */
public final class DocumentReader implements Iterator<Document>, Closeable {
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  /** One input to read: a name for messages, and how to open it. */
  private record Input(String name, Opener opener) {}

  @FunctionalInterface
  private interface Opener {
    InputStream open() throws IOException;
  }

  private final ReadOptions options;
  private final Deque<Input> inputs;
  private final SkipReport skips = new SkipReport();
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private String name;
  private LineSource lines;
  private InputStream whole;
  private Document next;
  private int badOffset;
  private boolean closed;

  private DocumentReader(List<Input> inputs, ReadOptions options) {
    this.inputs = new ArrayDeque<>(inputs);
    this.options = options;
  }

  /**
   * A reader of a file, or of a directory's regular files in name order.
   *
   * @throws SpecException if the path does not exist
   */
  public static DocumentReader open(Path path, ReadOptions options) {
    if (Files.isDirectory(path)) {
      try (Stream<Path> files = Files.list(path)) {
        List<Input> in = files.filter(Files::isRegularFile)
            .filter(p -> !p.getFileName().toString().startsWith("."))
            .sorted()
            .map(p -> new Input(p.toString(), () -> Files.newInputStream(p)))
            .toList();
        return new DocumentReader(in, options);
      } catch (IOException e) {
        throw new UncheckedIOException(path + ": " + e.getMessage(), e);
      }
    }
    if (!Files.isRegularFile(path)) {
      throw new SpecException("corpus", "no such file or directory: " + path);
    }
    return new DocumentReader(List.of(new Input(path.toString(), () -> Files.newInputStream(path))), options);
  }

  /** A reader of one stream, named {@code name} in messages and ids; the reader closes it. */
  public static DocumentReader open(InputStream in, String name, ReadOptions options) {
    return new DocumentReader(List.of(new Input(name, () -> in)), options);
  }

  /** The bad input skipped so far (always empty when failing on bad input). */
  public SkipReport skips() {
    return skips;
  }

  /** The remaining documents as a sequential stream; closing it closes the reader. */
  public Stream<Document> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(this::close);
  }

  @Override
  public boolean hasNext() {
    if (next == null && !closed) {
      try {
        next = advance();
      } catch (IOException e) {
        throw new UncheckedIOException(name + ": " + e.getMessage(), e);
      }
    }
    return next != null;
  }

  @Override
  public Document next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Document d = next;
    next = null;
    return d;
  }

  @Override
  public void close() {
    closed = true;
    next = null;
    inputs.clear();
    closeCurrent();
  }

  private void closeCurrent() {
    try {
      if (lines != null) {
        lines.close();
      }
      if (whole != null) {
        whole.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": " + e.getMessage(), e);
    } finally {
      lines = null;
      whole = null;
    }
  }

  private Document advance() throws IOException {
    while (true) {
      if (lines == null && whole == null) {
        Input in = inputs.poll();
        if (in == null) {
          return null;
        }
        name = in.name();
        InputStream raw = decompress(in.opener().open());
        if (options.format() == TextFormat.FILE) {
          whole = raw;
        } else {
          lines = new LineSource(raw, options.maxBytes());
        }
      }
      Document d = options.format() == TextFormat.FILE ? readFile() : readLine();
      if (d != null) {
        return d;
      }
    }
  }

  /** The next document of the current line source, null when it is exhausted (or its line was skipped). */
  private Document readLine() throws IOException {
    boolean more;
    try {
      more = lines.next();
    } catch (ZipException e) {
      throw new SpecException(name + ": corrupt gzip input: " + e.getMessage(), e);
    }
    if (!more) {
      closeCurrent();
      return null;
    }
    String where = name + ":" + lines.number();
    if (lines.tooLong()) {
      return bad(BadInput.TOO_LONG, where, "longer than " + options.maxBytes() + " bytes");
    }
    byte[] b = lines.bytes();
    String text = decode(b, 0, lines.length());
    if (text == null) {
      return bad(BadInput.INVALID_UTF8, where, invalidByte(b, badOffset, badOffset + 1));
    }
    return options.format() == TextFormat.JSONL ? json(text, where) : plain(text, where);
  }

  private Document readFile() throws IOException {
    byte[] bytes;
    try (InputStream in = whole) {
      bytes = in.readNBytes(options.maxBytes() + 1);
    } catch (ZipException e) {
      throw new SpecException(name + ": corrupt gzip input: " + e.getMessage(), e);
    } finally {
      whole = null;
    }
    if (bytes.length > options.maxBytes()) {
      return bad(BadInput.TOO_LONG, name, "longer than " + options.maxBytes() + " bytes");
    }
    int off = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
    String text = decode(bytes, off, bytes.length - off);
    if (text == null) {
      long line = 1;
      int lineStart = off;
      for (int i = off; i < badOffset; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      return bad(BadInput.INVALID_UTF8, name + ":" + line, invalidByte(bytes, badOffset, badOffset - lineStart + 1));
    }
    return plain(text, name);
  }

  private Document plain(String text, String where) {
    if (text.isBlank()) {
      return bad(BadInput.EMPTY, where, "blank");
    }
    return new Document(where, text, Map.of());
  }

  private Document json(String line, String where) throws IOException {
    if (line.isBlank()) {
      return bad(BadInput.EMPTY, where, "blank line");
    }
    String id = null;
    String text = null;
    String textProblem = "the object has no \"text\" field";
    Map<String, String> meta = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return bad(BadInput.MALFORMED_JSON, where, "not a JSON object");
      }
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        String key = p.currentName();
        JsonToken v = p.nextToken();
        switch (key) {
          case "text" -> {
            if (v == JsonToken.VALUE_STRING) {
              text = p.getText();
            } else {
              textProblem = "\"text\" is " + switch (v) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                case VALUE_NULL -> "null";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                default -> "a number";
              };
              p.skipChildren();
            }
          }
          case "id" -> {
            if (v.isScalarValue() && v != JsonToken.VALUE_NULL) {
              id = p.getText();
            } else {
              p.skipChildren();
            }
          }
          default -> {
            if (v.isScalarValue() && v != JsonToken.VALUE_NULL) {
              meta.put(key, p.getText());
            } else {
              p.skipChildren(); // nested values are not metadata
            }
          }
        }
      }
      if (p.nextToken() != null) {
        return bad(BadInput.MALFORMED_JSON, where, "content after the object");
      }
    } catch (JsonProcessingException e) {
      return bad(BadInput.MALFORMED_JSON, where, e.getOriginalMessage().replace('\n', ' '));
    }
    if (text == null) {
      return bad(BadInput.MISSING_TEXT, where, textProblem);
    }
    if (text.isBlank()) {
      return bad(BadInput.EMPTY, where, "\"text\" is blank");
    }
    return new Document(id == null ? where : id, text, meta);
  }

  private Document bad(BadInput reason, String where, String detail) {
    if (options.onBadInput() == OnBadInput.FAIL) {
      throw new SpecException(where + ": " + reason.description() + ": " + detail
          + " (read with on-bad-input SKIP to skip and count such input)");
    }
    skips.add(reason, where);
    return null;
  }

  /** UTF-8 to text, or null with {@link #badOffset} set to the index of the first bad byte. */
  private String decode(byte[] b, int off, int len) {
    boolean ascii = true;
    for (int i = off; i < off + len; i++) {
      if (b[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
    ByteBuffer in = ByteBuffer.wrap(b, off, len);
    CharBuffer out = CharBuffer.allocate(len);
    decoder.reset();
    CoderResult r = decoder.decode(in, out, true);
    if (!r.isError()) {
      r = decoder.flush(out);
    }
    if (r.isError()) {
      badOffset = in.position();
      return null;
    }
    out.flip();
    return out.toString();
  }

  private static String invalidByte(byte[] b, int at, long column) {
    return "byte 0x" + String.format("%02X", b[at] & 0xff) + " at byte " + column + " of the line";
  }

  private InputStream decompress(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(4);
    byte[] magic = in.readNBytes(4);
    in.reset();
    if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      try {
        return new GZIPInputStream(in, 1 << 16);
      } catch (ZipException e) {
        in.close();
        throw new SpecException(name + ": corrupt gzip input: " + e.getMessage(), e);
      }
    }
    if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xB5 && (magic[2] & 0xff) == 0x2F
        && (magic[3] & 0xff) == 0xFD) {
      in.close();
      throw new SpecException(name + ": zstd input is not supported; decompress it first (zstd -d) or recompress with gzip");
    }
    return in;
  }
}
