package org.tailguard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.models.Indicator;
import org.tailguard.sim.GenerationSink;

/**
 * Insert throughput of the per-chain sink on the size the brief names: 1,000 chains × 200 generations ×
 * 5 indicators (1.0 M chain rows plus 1,000 summary rows), written straight through the sink so that
 * only the store is timed.
 */
class StoreThroughputTest {
  @TempDir
  Path dir;

  @Test
  void sink_writesAMillionRowsInSeconds() {
    int chains = 1000;
    int generations = 200;
    List<Indicator> inds = List.of(Indicator.of("a", "a"), Indicator.of("b", "b"), Indicator.of("c", "c"),
        Indicator.of("d", "d"), Indicator.of("e", "e"));
    try (RunStore store = RunStore.openForWriting(dir.resolve("t.db"))) {
      Run run = store.createRun(StoreFixtures.gaussian("bulk", 1, chains, generations - 1), StoreFixtures.LOADER,
          StoreFixtures.provenance());
      GenerationSink sink = store.sink(run.id());
      double[][] rows = new double[chains][inds.size()];
      var mx = java.lang.management.ManagementFactory.getThreadMXBean();
      long t0 = System.nanoTime();
      long cpu0 = mx.getCurrentThreadCpuTime();
      sink.start(inds, -1);
      for (int g = 0; g < generations; g++) {
        for (int c = 0; c < chains; c++) {
          for (int i = 0; i < inds.size(); i++) {
            rows[c][i] = Math.sin(g * 1e-3 + c * 1e-2 + i); // any values; only speed matters here
          }
        }
        sink.generation(g, rows);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
      long total = (long) chains * generations * inds.size();
      System.out.printf("store throughput: %,d chain rows in %.2f s wall, %.2f s CPU = %,.0f rows/s (wall)%n",
          total, seconds, cpu, total / seconds);
      assertEquals(generations - 1, store.find(run.id()).lastGeneration());
      // "A few seconds at most" on a quiet machine; 20 s leaves room for the shared 2-core box.
      assertTrue(seconds < 20, "took " + seconds + " s");
    }
  }
}
