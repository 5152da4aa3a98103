package org.tailguard.monitor;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.random.RandomStreams;
import org.tailguard.text.corpus.Split;
import org.tailguard.text.token.TokenizedCorpus;
import org.tailguard.text.token.Vocabulary;

/**
 * A child JVM for the crash and memory tests: generates synthetic JSONL, or ingests a file and prints
 * {@code ACK <batches> <records>} after each committed batch and {@code DONE <records> <seconds> <peak heap MB>}.
 */
public final class IngestChild {
  private IngestChild() {}

  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    switch (args[0]) {
      case "generate" -> generate(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Long.parseLong(args[4]));
      case "ingest" -> {
        Path db = Path.of(args[1]);
        Path jsonl = Path.of(args[2]);
        int batch = Integer.parseInt(args[3]);
        boolean reference = Boolean.parseBoolean(args[4]);
        MonitorConfig c = MonitorConfig.defaults().withBatchSize(batch);
        if (!reference) {
          c = c.withReference("none", "none");
        }
        long t0 = System.nanoTime();
        try (Monitor m = Monitor.open(db, c); InputStream in = Files.newInputStream(jsonl)) {
          m.reference();
          long t1 = System.nanoTime();
          IngestResult r = m.ingest(in, IngestOptions.of(jsonl.getFileName().toString())
              .withListener((b, n) -> out.println("ACK " + b + " " + n)));
          double secs = (System.nanoTime() - t1) / 1e9;
          out.printf("DONE %d %.3f %.1f %.3f%n", r.accepted(), secs, peakHeapMb(), (t1 - t0) / 1e9);
        }
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  /** The largest heap in use at any time, summed over heap pools' peaks (an upper bound). */
  static double peakHeapMb() {
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    return peak / 1048576.0;
  }

  /**
   * n records over {@code versions} versions of model "load": 3–12 words drawn from a Zipf(1.1) law over the
   * 5,000 most frequent words of sotu:test, every 10th record answering one of 1,000 prompts.
   */
  static void generate(Path file, int n, int versions, long seed) throws IOException {
    Vocabulary v = TokenizedCorpus.of(Split.parse("sotu:test")).vocabulary(1);
    int k = Math.min(5000, v.size() - 3);
    double[] cdf = new double[k];
    double sum = 0;
    for (int i = 0; i < k; i++) {
      sum += Math.pow(i + 1, -1.1);
      cdf[i] = sum;
    }
    UniformRandomProvider rng = RandomStreams.of(seed);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < n; i++) {
        b.setLength(0);
        b.append("{\"model\":\"load\",\"version\":\"v").append((long) i * versions / n).append('"');
        if (i % 10 == 0) {
          b.append(",\"prompt_id\":\"q").append(rng.nextInt(1000)).append('"');
        }
        b.append(",\"response\":\"");
        int len = 3 + rng.nextInt(10);
        for (int j = 0; j < len; j++) {
          if (j > 0) {
            b.append(' ');
          }
          int idx = java.util.Arrays.binarySearch(cdf, rng.nextDouble() * sum);
          b.append(v.word(3 + Math.min(k - 1, idx < 0 ? -idx - 1 : idx)));
        }
        b.append(".\"}\n");
        w.write(b.toString());
      }
    }
  }
}
