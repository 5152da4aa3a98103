package org.tailguard.text.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.random.RandomStreams;
import org.tailguard.text.token.Sentences;

/** The benchmark harness at a small size: it runs, agrees with NLTK, and says when it extrapolates. */
class SelfBleuBenchmarkTest {
  @Test
  void run_timesBothSidesAndReportsAgreementAndRatio() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SelfBleuBenchmark.Options o = new SelfBleuBenchmark.Options(null, 400, 20, 7, 1, 3, NltkPeer.SYSTEM_PYTHON, 300);
    SelfBleuBenchmark.Result r = new SelfBleuBenchmark(o).run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(r.tailguardSeconds() > 0);
    assertEquals(SelfBleu.exact(SelfBleuBenchmark.synthetic(400, RandomStreams.of(7))), r.tailguardScore(), 0);
    assumeTrue(r.unavailable() == null, "NLTK peer unavailable: " + r.unavailable());
    assertTrue(r.agree(), out);
    assertTrue(out.contains("EXTRAPOLATED to all 400"), out);
    assertTrue(out.contains("ratio: NLTK / Tailguard"), out);
    assertEquals(r.nltkSeconds() * 400 / 20, r.nltkExtrapolatedSeconds(), 1e-9);
  }

  @Test
  void sample_drawsDistinctLinesOfAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("corpus.txt");
    Files.writeString(file, "the cat sat\n\n  a dog ran \nthe end\n");
    Sentences s = SelfBleuBenchmark.sample(file, 10, RandomStreams.of(1));
    assertEquals(3, s.size(), "blank lines are skipped; fewer lines than asked gives all of them");
    assertEquals(8, s.tokens());
  }
}
