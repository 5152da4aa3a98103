package org.tailguard.detect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The throughput harness runs and reports every detector; its numbers go to BENCHMARKS, not to assertions. */
class DetectBenchmarkTest {
  @Test
  void benchmark_reportsEveryDetector() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<DetectBenchmark.Row> rows = new DetectBenchmark(40, 20, 1).run(new PrintStream(out, true, StandardCharsets.UTF_8));
    String s = out.toString(StandardCharsets.UTF_8);
    for (String d : List.of("perplexity", "gltr", "binoculars", "stylometric", "full analysis")) {
      assertTrue(s.contains(d), s);
    }
    assertTrue(rows.stream().allMatch(r -> r.tokensPerSecond() > 0 && r.tokens() > 0));
  }
}
