package org.tailguard.text.corpus;

import org.tailguard.spec.Check;

/**
 * How to read documents: the format, what to do with bad input, and the longest line accepted.
 *
 * <p>The byte limit bounds a reader's memory: a line (a file, in {@link TextFormat#FILE} mode) longer than
 * {@code maxBytes} is never held whole; it is discarded as it streams past and reported as
 * {@link BadInput#TOO_LONG}.
 *
 * @param format how a file is cut into documents
 * @param onBadInput fail at the first bad line, or skip and count
 * @param maxBytes the longest line (or file) accepted, in bytes of UTF-8; 1 to {@link #MAX_MAX_BYTES}
 */
public record ReadOptions(TextFormat format, OnBadInput onBadInput, int maxBytes) {
  /** 16 MiB: far above the longest bundled document (a 217 kB address of 1981), far below the heap. */
  public static final int DEFAULT_MAX_BYTES = 1 << 24;
  /** 1 GiB: a line is held in one array, and a reader is meant to stream. */
  public static final int MAX_MAX_BYTES = 1 << 30;

  public ReadOptions {
    Check.required("format", format);
    Check.required("onBadInput", onBadInput);
    Check.atLeast("maxBytes", maxBytes, 1);
    if (maxBytes > MAX_MAX_BYTES) {
      throw new org.tailguard.spec.SpecException("maxBytes", "must be at most " + MAX_MAX_BYTES + " (1 GiB), got " + maxBytes);
    }
  }

  /** The format, failing on bad input, with the default byte limit. */
  public static ReadOptions of(TextFormat format) {
    return new ReadOptions(format, OnBadInput.FAIL, DEFAULT_MAX_BYTES);
  }

  public ReadOptions withOnBadInput(OnBadInput onBad) {
    return new ReadOptions(format, onBad, maxBytes);
  }

  public ReadOptions withMaxBytes(int max) {
    return new ReadOptions(format, onBadInput, max);
  }
}
