package org.tailguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short load test: a few seconds of concurrent ingest and reads against a server in its own process, which
 * is then killed with SIGKILL mid-ingest; every record the server acknowledged must be in the reopened store.
 * The longer run is {@code tailguard serve bench} (BENCHMARKS.md).
 */
class LoadTest {
  @TempDir
  Path dir;

  @Test
  void killDuringIngest_losesNothingAcknowledged() throws Exception {
    LoadBench.Result r = LoadBench.run(new LoadBench.Options(dir.resolve("data"), 3, 3, 50, 1, true, 7, false), System.out);
    assertEquals("SIGKILL", r.stop());
    assertTrue(r.acknowledged() >= 200, "the server acknowledged some load: " + r.acknowledged());
    assertTrue(r.reads() > 0, "reads completed while ingesting");
    assertTrue(r.found() >= r.acknowledged(), "acknowledged " + r.acknowledged() + " but found " + r.found());
    assertTrue(r.found() <= r.sent(), "found " + r.found() + " but sent only " + r.sent());
  }
}
