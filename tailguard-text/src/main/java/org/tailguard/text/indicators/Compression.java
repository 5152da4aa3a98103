package org.tailguard.text.indicators;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/**
 * Compression ratio of a corpus: raw bytes / compressed bytes, with gzip and with zstd.
 *
 * <p>Repetitive text compresses well, so the ratio rises as a corpus homogenises (Shaib et al.,
 * "Standardizing the Measurement of Text Diversity", arXiv 2403.00553, {@code compression_ratio} in the
 * {@code diversity} package). The text is the corpus's words joined by single spaces, sentence after
 * sentence (the package's {@code ' '.join(data)}), encoded as UTF-8. The gzip size is that of Python's
 * {@code gzip.compress} at level 9: the raw DEFLATE stream of {@link Deflater} at level 9 plus gzip's
 * 10-byte header and 8-byte trailer (no file name). The package's code writes that gzip output into a
 * second gzip file; this class compresses once, as the package's docstring and collapse-science §A11
 * describe. zstd is the reference libzstd through zstd-jni, one frame, at level 3 (the {@code zstd}
 * command's default) unless told otherwise.
 */
public final class Compression {
  /** gzip's header (10 bytes, no optional fields) plus its CRC-32 and length trailer (8 bytes). */
  static final int GZIP_OVERHEAD = 18;
  /** The zstd command's default level. */
  public static final int ZSTD_LEVEL = 3;

  private Compression() {}

  /** The space-joined corpus as UTF-8: the bytes both ratios compress. */
  public static byte[] joined(Sentences corpus) {
    Vocabulary v = corpus.vocabulary();
    byte[][] word = new byte[v.size()][];
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean first = true;
    for (int[] s : corpus.sentences()) {
      for (int w : s) {
        if (!first) {
          out.write(' ');
        }
        first = false;
        if (word[w] == null) {
          word[w] = v.word(w).getBytes(StandardCharsets.UTF_8);
        }
        out.writeBytes(word[w]);
      }
    }
    return out.toByteArray();
  }

  /** raw / gzip bytes of the space-joined corpus; NaN for an empty corpus. */
  public static double gzipRatio(Sentences corpus) {
    return gzipRatio(joined(corpus));
  }

  /** raw / zstd bytes of the space-joined corpus at level 3; NaN for an empty corpus. */
  public static double zstdRatio(Sentences corpus) {
    return zstdRatio(joined(corpus), ZSTD_LEVEL);
  }

  /**
   * raw / gzip bytes, gzip at level 9 as Python's {@code gzip.compress}.
   *
   * @return the ratio, or NaN for no bytes
   */
  public static double gzipRatio(byte[] raw) {
    return raw.length == 0 ? Double.NaN : (double) raw.length / gzipSize(raw);
  }

  /**
   * raw / zstd bytes.
   *
   * @param level the zstd level, 1 to 22
   * @return the ratio, or NaN for no bytes
   */
  public static double zstdRatio(byte[] raw, int level) {
    if (level < 1 || level > Zstd.maxCompressionLevel()) {
      throw new IllegalArgumentException("level: must be 1 to " + Zstd.maxCompressionLevel() + ", got " + level);
    }
    return raw.length == 0 ? Double.NaN : (double) raw.length / Zstd.compress(raw, level).length;
  }

  /** The size of Python's {@code gzip.compress(raw)} (level 9), without building the container. */
  public static long gzipSize(byte[] raw) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      d.setInput(raw);
      d.finish();
      byte[] buffer = new byte[1 << 16];
      long n = 0;
      while (!d.finished()) {
        n += d.deflate(buffer);
      }
      return n + GZIP_OVERHEAD;
    } finally {
      d.end();
    }
  }
}
