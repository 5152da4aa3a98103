package org.tailguard.monitor;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM for the crash and memory tests and the ingest benchmark. It ingests {@link LmJsonl} records into
 * a store and reports on standard output:
 * <ul>
 *   <li>{@code ACK <records>} once a call that stored records has returned (every record up to that count is
 *       committed);</li>
 *   <li>{@code HEAP <records> <MB>}: heap in use right after a full GC, every tenth of the stream;</li>
 *   <li>{@code DONE <records> <seconds> <peak heap MB> <reference seconds>} at the end.</li>
 * </ul>
 * Modes: {@code stream DB N BATCH REFERENCE} (the JSONL path, one transaction per BATCH lines; REFERENCE
 * true uses the default human reference, false none) and {@code api DB N CHUNK} ({@link Monitor#ingest(List)}
 * calls of CHUNK records, which go through the inbox when small).
 */
public final class IngestChild {
  private IngestChild() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path db = Path.of(args[1]);
    long n = Long.parseLong(args[2]);
    int batch = Integer.parseInt(args[3]);
    boolean reference = args.length > 4 && Boolean.parseBoolean(args[4]);
    // the api mode keeps the default batch size, so that small calls are acknowledged through the inbox
    MonitorConfig c = MonitorConfig.defaults().withBatchSize(args[0].equals("api") ? 5000 : batch);
    if (!reference) {
      c = c.withReference(MonitorConfig.NONE, MonitorConfig.NONE);
    }
    long t0 = System.nanoTime();
    try (Monitor m = Monitor.open(db, c)) {
      m.reference();
      LmJsonl.model();
      long t1 = System.nanoTime();
      long every = Math.max(1, n / 10);
      long[] nextHeap = {every};
      long accepted;
      switch (args[0]) {
        case "stream" -> {
          IngestResult r = m.ingest(new LmJsonl(n, 4, 7), IngestOptions.of("lm").withListener((b, records) -> {
            out.println("ACK " + records);
            if (records >= nextHeap[0]) {
              out.printf("HEAP %d %.1f%n", records, usedAfterGcMb());
              nextHeap[0] += every;
            }
          }));
          accepted = r.accepted();
        }
        case "api" -> {
          List<ResponseRecord> chunk = new ArrayList<>();
          accepted = 0;
          try (JsonlReader reader = new JsonlReader(new LmJsonl(n, 4, 7), JsonlReader.DEFAULT_MAX_LINE_BYTES)) {
            for (JsonlReader.Item item = reader.next(); item != null; item = reader.next()) {
              chunk.add(item.record());
              if (chunk.size() == batch) {
                accepted += m.ingest(chunk).accepted();
                chunk.clear();
                out.println("ACK " + accepted);
              }
            }
          }
          accepted += m.ingest(chunk).accepted();
          out.println("ACK " + accepted);
        }
        default -> throw new IllegalArgumentException(args[0]);
      }
      double secs = (System.nanoTime() - t1) / 1e9;
      out.printf("DONE %d %.3f %.1f %.3f%n", accepted, secs, peakHeapMb(), (t1 - t0) / 1e9);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Heap in use after a full collection: the live set. */
  static double usedAfterGcMb() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
  }

  /** The largest heap in use at any time, summed over heap pools' peaks (an upper bound, garbage included). */
  static double peakHeapMb() {
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    return peak / 1048576.0;
  }
}
