package org.tailguard.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory stays flat while a long stream is ingested: a child JVM with a 64 MiB heap ingests
 * {@value #RECORDS} language-model responses ({@link LmJsonl}: four versions, prompts on every tenth) and
 * reports the live heap after a full GC at every tenth of the stream. Everything the monitor keeps per
 * version is bounded by its config (sketches, a 4,000-response reservoir, 2,000 prompts), so the live heap
 * once the reservoirs are full (from the second tenth) may not grow by more than 4 MiB to the end — the
 * per-version states are cached for 16 versions at most. Run with {@code -Dmonitor.records=1000000} for the
 * benchmark's size (BENCHMARKS.md).
 */
class BoundedMemoryTest {
  static final int RECORDS = 40_000;
  @TempDir Path dir;

  @Test
  void liveHeap_flatOverTheStream() throws Exception {
    long n = Long.getLong("monitor.records", RECORDS);
    Path err = dir.resolve("child.err");
    Process p = ChildJvm.start(System.getProperty("monitor.heap", "64m"), err, "stream", dir.resolve("m.db").toString(),
        Long.toString(n), "5000", System.getProperty("monitor.reference", "false"));
    List<double[]> heap = new ArrayList<>();
    String done = null;
    try (BufferedReader in = ChildJvm.lines(p)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split(" ");
        if (f[0].equals("HEAP")) {
          heap.add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
        } else if (f[0].equals("DONE")) {
          done = line;
        }
      }
    }
    assertEquals(0, p.waitFor(), () -> "child failed: " + read(err));
    assertTrue(done != null && heap.size() >= 5, "no result: " + read(err));
    String[] d = done.split(" ");
    System.out.printf("ingested %s records in %s s (%.0f records/s); peak heap %s MB; live heap after GC by records: ",
        d[1], d[2], Double.parseDouble(d[1]) / Double.parseDouble(d[2]), d[3]);
    heap.forEach(h -> System.out.printf("%.0f:%.1f MB ", h[0], h[1]));
    System.out.println();
    double early = heap.get(1)[1];
    double late = heap.get(heap.size() - 1)[1];
    assertTrue(late - early <= 4.0, String.format("live heap grew from %.1f MB to %.1f MB", early, late));
    assertEquals(n, Long.parseLong(d[1]));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
