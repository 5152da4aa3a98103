package org.tailguard.curate;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import org.tailguard.spec.SpecException;

/**
 * Streams documents from one file, holding one line (JSONL) or one row group (Parquet) at a time.
 *
 * <p>Bad input stops the reader with a one-line {@link SpecException} naming the file and the line or row:
 * malformed JSON, a missing {@code id} or {@code text}, invalid UTF-8, a corrupt or truncated gzip or zstd
 * stream, a file that is not Parquet, a Parquet file without a {@code text} column, a null text.
 */
public interface DocReader extends Iterator<Doc>, Closeable {

  /** Where the last document came from: {@code FILE:LINE} or {@code FILE:row N}. */
  String where();

  @Override
  void close();

  /**
   * Opens a file; documents without a {@code source} get {@code defaultSource}.
   *
   * @throws SpecException if the file does not exist or is not a readable document file
   */
  static DocReader open(Path file, String defaultSource) {
    if (!Files.isRegularFile(file)) {
      throw new SpecException(file + ": no such file");
    }
    return DocFormat.of(file) == DocFormat.PARQUET ? new ParquetDocs.Reader(file, defaultSource)
        : new Jsonl(file, defaultSource);
  }

  /** JSON Lines, plain or compressed (recognised by magic bytes). */
  final class Jsonl implements DocReader {
    /** Longest accepted line: 256 MiB, so that a corrupt file without newlines cannot exhaust the heap. */
    static final int MAX_LINE = 1 << 28;

    private final Path file;
    private final String source;
    private final InputStream in;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(1 << 12);
    private long lineNo;
    private long docLine;
    private Doc next;
    private boolean eof;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;

    Jsonl(Path file, String source) {
      this.file = file;
      this.source = source;
      try {
        BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(4);
        byte[] m = raw.readNBytes(4);
        raw.reset();
        if (m.length >= 2 && (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b) {
          in = new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
        } else if (m.length == 4 && (m[0] & 0xff) == 0x28 && (m[1] & 0xff) == 0xB5 && (m[2] & 0xff) == 0x2F
            && (m[3] & 0xff) == 0xFD) {
          in = new BufferedInputStream(new ZstdInputStream(raw), 1 << 16);
        } else {
          in = raw;
        }
      } catch (NoSuchFileException e) {
        throw new SpecException(file + ": no such file", e);
      } catch (IOException e) {
        throw new SpecException(file + ": corrupt compressed input: " + e.getMessage(), e);
      }
    }

    @Override
    public boolean hasNext() {
      while (next == null && !eof) {
        String text = readLine();
        if (text == null) {
          eof = true;
        } else if (!text.isBlank()) {
          next = DocJson.parse(text, file + ":" + lineNo, source);
          docLine = lineNo;
        }
      }
      return next != null;
    }

    @Override
    public Doc next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Doc d = next;
      next = null;
      return d;
    }

    @Override
    public String where() {
      return file + ":" + docLine;
    }

    private String readLine() {
      line.reset();
      try {
        boolean any = false;
        while (true) {
          if (pos == limit) {
            limit = in.read(buf, 0, buf.length);
            pos = 0;
            if (limit <= 0) {
              limit = 0;
              break;
            }
          }
          any = true;
          int nl = -1;
          for (int i = pos; i < limit; i++) {
            if (buf[i] == '\n') {
              nl = i;
              break;
            }
          }
          int end = nl < 0 ? limit : nl;
          if (line.size() + (end - pos) > MAX_LINE) {
            throw new SpecException(file + ":" + (lineNo + 1) + ": line longer than " + MAX_LINE + " bytes");
          }
          line.write(buf, pos, end - pos);
          pos = nl < 0 ? limit : nl + 1;
          if (nl >= 0) {
            break;
          }
        }
        if (!any) {
          return null;
        }
      } catch (IOException e) {
        throw new SpecException(file + ":" + (lineNo + 1) + ": corrupt compressed input: " + e.getMessage(), e);
      }
      lineNo++;
      byte[] bytes = line.toByteArray();
      int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
      boolean ascii = true;
      for (int i = 0; i < len && ascii; i++) {
        ascii = bytes[i] >= 0;
      }
      if (ascii) {
        return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
      }
      try {
        return utf8.reset().decode(ByteBuffer.wrap(bytes, 0, len)).toString();
      } catch (CharacterCodingException e) {
        throw new SpecException(file + ":" + lineNo + ": invalid UTF-8", e);
      }
    }

    @Override
    public void close() {
      try {
        in.close();
      } catch (IOException e) {
        throw new UncheckedIOException(file + ": " + e.getMessage(), e);
      }
    }
  }
}
