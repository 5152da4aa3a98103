package org.tailguard.watermark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The benchmark harness runs on a small size and reports every scheme with positive throughputs. */
class WatermarkBenchmarkTest {
  @Test
  void run_reportsEveryScheme() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    WatermarkBenchmark.run(Fixtures.trigram(), new WatermarkBenchmark.Config(null, 4, 50, 2, 1),
        new PrintStream(buf, true, StandardCharsets.UTF_8));
    String out = buf.toString(StandardCharsets.UTF_8);
    System.out.print(out);
    for (String name : WatermarkSpec.names()) {
      assertTrue(out.contains("| " + name + " | "), name);
    }
    assertTrue(out.contains("ns per context seed"));
    assertTrue(!out.contains("| 0 |") && !out.contains("NaN") && !out.contains("Infinity"));
  }
}
