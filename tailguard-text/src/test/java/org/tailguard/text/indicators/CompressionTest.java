package org.tailguard.text.indicators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.tailguard.text.token.Sentences;

class CompressionTest {
  @Test
  void joined_isTheSpaceJoinedCorpus() {
    assertEquals("the cat sat a dog", new String(Compression.joined(Texts.of("the cat sat", "", "a dog")),
        StandardCharsets.UTF_8));
  }

  /** Java's GZIPOutputStream writes the same 10-byte header and 8-byte trailer; at level 9 the sizes agree. */
  @Test
  void gzipSize_isTheSizeOfAGzipStreamAtLevel9() throws IOException {
    byte[] raw = Compression.joined(Texts.random(3, 400, 3, 20, 500));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out) {
      {
        def.setLevel(9);
      }
    }) {
      gz.write(raw);
    }
    assertEquals(out.size(), Compression.gzipSize(raw));
    try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(out.toByteArray()))) {
      assertArrayEquals(raw, in.readAllBytes());
    }
  }

  @Test
  void ratios_riseForRepetitiveText() {
    Sentences varied = Texts.random(4, 300, 5, 20, 5000);
    String[] same = new String[300];
    java.util.Arrays.fill(same, "the same sentence again and again");
    Sentences repetitive = Texts.of(same);
    assertTrue(Compression.gzipRatio(repetitive) > 3 * Compression.gzipRatio(varied));
    assertTrue(Compression.zstdRatio(repetitive) > 3 * Compression.zstdRatio(varied));
    assertTrue(Compression.gzipRatio(varied) > 1);
    assertTrue(Double.isNaN(Compression.gzipRatio(Texts.of(""))));
  }

  @Test
  void zstd_writesAFrameTheReferenceLibraryReadsBack() {
    byte[] raw = Compression.joined(Texts.random(5, 200, 3, 20, 300));
    byte[] z = Zstd.compress(raw, Compression.ZSTD_LEVEL);
    assertArrayEquals(raw, Zstd.decompress(z, raw.length));
    assertEquals((double) raw.length / z.length, Compression.zstdRatio(raw, Compression.ZSTD_LEVEL), 0);
  }

  /** Python's gzip.compress (the diversity package's compressor) gives the same size. */
  @Test
  void gzipSize_matchesPythonsGzipCompress() throws Exception {
    Path python = NltkPeer.SYSTEM_PYTHON;
    assumeTrue(Files.isExecutable(python), python + " not found: cannot cross-check with Python's gzip");
    byte[] raw = Compression.joined(Texts.random(6, 500, 3, 20, 800));
    Path file = Files.createTempFile("tailguard-gzip-", ".txt");
    try {
      Files.write(file, raw);
      Process p = new ProcessBuilder(python.toString(), "-c",
          "import gzip, sys; print(len(gzip.compress(open(sys.argv[1], 'rb').read())))", file.toString())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertEquals(0, p.waitFor(), out);
      assertEquals(Long.parseLong(out), Compression.gzipSize(raw));
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
