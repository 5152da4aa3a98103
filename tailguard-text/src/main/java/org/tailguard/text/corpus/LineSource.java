package org.tailguard.text.corpus;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of a byte stream, each at most {@code max} bytes: a longer line is dropped as it streams past
 * (flagged {@link #tooLong()}), so memory stays bounded by the limit whatever the input.
 */
final class LineSource implements Closeable {
  private final InputStream in;
  private final int max;
  private final byte[] chunk = new byte[1 << 16];
  private int pos;
  private int limit;
  private byte[] line = new byte[1 << 12];
  private int length;
  private boolean tooLong;
  private long number;

  LineSource(InputStream in, int max) {
    this.in = in;
    this.max = max;
  }

  /** Reads the next line; false at the end of the stream. A final line without LF counts; an empty stream has none. */
  boolean next() throws IOException {
    length = 0;
    tooLong = false;
    boolean any = false;
    while (true) {
      if (pos == limit) {
        int n = in.read(chunk, 0, chunk.length);
        if (n <= 0) {
          pos = limit = 0;
          if (!any) {
            return false;
          }
          break;
        }
        pos = 0;
        limit = n;
      }
      any = true;
      int nl = -1;
      for (int i = pos; i < limit; i++) {
        if (chunk[i] == '\n') {
          nl = i;
          break;
        }
      }
      int end = nl < 0 ? limit : nl;
      append(pos, end - pos);
      pos = nl < 0 ? limit : nl + 1;
      if (nl >= 0) {
        break;
      }
    }
    number++;
    if (!tooLong && length > 0 && line[length - 1] == '\r') {
      length--;
    }
    if (length > max) {
      tooLong = true;
      length = 0;
    }
    if (number == 1 && length >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB && (line[2] & 0xff) == 0xBF) {
      System.arraycopy(line, 3, line, 0, length - 3);
      length -= 3;
    }
    return true;
  }

  private void append(int from, int n) {
    if (tooLong) {
      return;
    }
    if ((long) length + n > (long) max + 1) { // +1: a CR before the LF does not count
      tooLong = true;
      length = 0;
      return;
    }
    if (length + n > line.length) {
      line = Arrays.copyOf(line, (int) Math.min(Math.max((long) line.length * 2, length + n), (long) max + 1));
    }
    System.arraycopy(chunk, from, line, length, n);
    length += n;
  }

  /** The current line's bytes, valid up to {@link #length()} until the next call. */
  byte[] bytes() {
    return line;
  }

  int length() {
    return length;
  }

  boolean tooLong() {
    return tooLong;
  }

  /** The 1-based number of the current line. */
  long number() {
    return number;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
