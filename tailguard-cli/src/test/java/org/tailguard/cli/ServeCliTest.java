package org.tailguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tailguard serve} and {@code tailguard serve bench} in-process. */
class ServeCliTest {
  @TempDir
  Path dir;

  @Test
  void serveBench_reportsRatesAndLosesNothing() {
    CliTest.Result r = CliTest.cli("serve", "bench", "--seconds", "2", "--writers", "2", "--batch", "20", "--readers", "1",
        "--no-reference", "--work-dir", dir.toString());
    assertEquals(0, r.status(), r.err() + r.out());
    assertTrue(r.out().contains("records/s"), r.out());
    assertTrue(r.out().contains("p99"), r.out());
    assertTrue(r.out().contains("nothing acknowledged was lost"), r.out());
  }

  @Test
  void serve_dataDirIsAFile_exits2() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");
    CliTest.Result r = CliTest.cli("serve", "--port", "0", "--data-dir", file.toString());
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().startsWith("tailguard: "), r.err());
    assertTrue(CliTest.cli("serve", "--help").out().contains("--bind"));
  }
}
