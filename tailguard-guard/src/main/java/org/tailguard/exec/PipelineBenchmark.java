package org.tailguard.exec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.curate.C4Quality;
import org.tailguard.curate.Doc;
import org.tailguard.curate.DocWriter;
import org.tailguard.curate.ExactDedupStage;
import org.tailguard.curate.FineWebQuality;
import org.tailguard.curate.GopherQuality;
import org.tailguard.curate.GopherRepetition;
import org.tailguard.curate.NearDedupStage;
import org.tailguard.random.RandomStreams;
import org.tailguard.text.corpus.BundledCorpus;
import org.tailguard.text.corpus.Document;

/**
 * Throughput and peak memory of the embedded pipeline on the bundled corpora scaled up by duplication with
 * edits, at two or more input sizes, each in a fresh child JVM with the same heap cap, so that the two peaks can be
 * compared: memory stays bounded if the larger input does not need a larger peak beyond the global stages'
 * keys (tens of bytes per document).
 *
 * <p>Input: the 869 bundled documents (SOTU, Brown, Moby-Dick) cut at the first line end after 300 words (an
 * address without line breaks stays whole),
 * cycled; each copy after the first pass has 3% of its words replaced by words drawn from the same document
 * (so copies are near duplicates) and one copy in ten is left exact. Pipeline: exact dedup, Gopher quality,
 * Gopher repetition, C4, FineWeb, MinHash near dedup, all at their defaults; output zstd JSONL.
 *
 * <p>Run: {@code PipelineBenchmark.run(System.out, false)} (100 MB and 1 GB, minutes) or {@code true} for the
 * quick mode (4 MB and 16 MB) that the tests use; {@code tailguard curate bench} calls it with chosen sizes.
 * Inputs go to a temporary folder that is deleted afterwards.
 */
public final class PipelineBenchmark {
  private PipelineBenchmark() {}

  /**
   * One measured run.
   *
   * @param inputBytes bytes of document text (UTF-8) read
   * @param documents documents read
   * @param kept documents kept
   * @param seconds wall time of the pipeline (input generation excluded)
   * @param peakHeapMb peak heap use over all pools, MB (JMX peak usage)
   * @param peakRssMb the process's peak resident set (VmHWM), MB, or -1 where unavailable
   * @param threads worker threads
   * @param cpuSeconds CPU time of the whole child process during the pipeline (all threads, GC and JIT included),
   *     which on a shared machine measures the work better than wall time
   */
  public record Result(long inputBytes, long documents, long kept, double seconds, double peakHeapMb, double peakRssMb,
      int threads, double cpuSeconds) {
    /** MB of text per second. */
    public double mbPerSecond() {
      return inputBytes / 1e6 / seconds;
    }

    /** Documents per second. */
    public double docsPerSecond() {
      return documents / seconds;
    }

    /** MB of text per CPU-second: the throughput of one fully used core. */
    public double mbPerCpuSecond() {
      return inputBytes / 1e6 / cpuSeconds;
    }
  }

  /** Runs both sizes in child JVMs (heap capped at {@code -Xmx768m}) and prints a table and the ratios. */
  public static List<Result> run(PrintStream out, boolean quick) {
    long[] sizes = quick ? new long[] {4_000_000L, 16_000_000L} : new long[] {100_000_000L, 1_000_000_000L};
    return run(out, sizes, Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
  }

  /**
   * Runs each input size (bytes of text, ascending) in a child JVM with {@code threads} worker threads and
   * prints a row per size, then the growth of peak memory and throughput from the smallest to the largest.
   */
  public static List<Result> run(PrintStream out, long[] sizes, int threads) {
    if (sizes.length == 0) {
      throw new org.tailguard.spec.SpecException("sizes", "at least one input size is needed");
    }
    List<Result> results = new ArrayList<>();
    out.printf(Locale.ROOT, "%10s %10s %10s %9s %7s %9s %13s %9s %11s %11s%n", "input MB", "documents", "kept",
        "seconds", "MB/s", "CPU s", "MB/CPU-second", "docs/s", "peak heap", "peak RSS");
    out.flush();
    for (long size : sizes) {
      Result r = child(size, threads);
      results.add(r);
      out.printf(Locale.ROOT, "%10.1f %10d %10d %9.1f %7.2f %9.1f %13.2f %9.0f %8.0f MB %8.0f MB%n",
          r.inputBytes() / 1e6, r.documents(), r.kept(), r.seconds(), r.mbPerSecond(), r.cpuSeconds(),
          r.mbPerCpuSecond(), r.docsPerSecond(), r.peakHeapMb(), r.peakRssMb());
      out.flush();
    }
    Result a = results.get(0);
    Result b = results.get(results.size() - 1);
    out.printf(Locale.ROOT, "input x%.1f -> peak heap x%.2f, peak RSS x%.2f, throughput x%.2f (%d threads, -Xmx768m)%n",
        (double) b.inputBytes() / a.inputBytes(), b.peakHeapMb() / a.peakHeapMb(), b.peakRssMb() / a.peakRssMb(),
        b.mbPerSecond() / a.mbPerSecond(), threads);
    return results;
  }

  private static Result child(long bytes, int threads) {
    try {
      Path dir = Files.createTempDirectory("tailguard-pipeline-bench");
      try {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
            "-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
            PipelineBenchmark.class.getName(), Long.toString(bytes), Integer.toString(threads), dir.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
          throw new IllegalStateException("benchmark child failed with exit code " + p.exitValue() + ": " + line);
        }
        String[] f = line.substring(line.lastIndexOf("RESULT ") + 7).split(" ");
        return new Result(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Double.parseDouble(f[3]),
            Double.parseDouble(f[4]), Double.parseDouble(f[5]), threads, Double.parseDouble(f[6]));
      } finally {
        try (Stream<Path> s = Files.walk(dir)) {
          s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code quick} or {@code full}: the two-size benchmark; else the child: {@code BYTES THREADS DIR}; prints
   * {@code RESULT bytes docs kept seconds heapMB rssMB cpuSeconds}.
   */
  public static void main(String[] args) throws IOException {
    if (args.length == 1) {
      run(System.out, args[0].equals("quick"));
      return;
    }
    long bytes = Long.parseLong(args[0]);
    int threads = Integer.parseInt(args[1]);
    Path dir = Path.of(args[2]);
    long[] docs = new long[1];
    List<Shard> shards = generate(dir.resolve("in"), bytes, 32_000_000L, docs);
    Pipeline p = Pipeline.of("bench", ExactDedupStage.Config.defaults(), GopherQuality.Config.defaults(),
        GopherRepetition.Config.defaults(), C4Quality.Config.defaults(), FineWebQuality.Config.defaults(),
        NearDedupStage.Config.defaults());
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long t0 = System.nanoTime();
    long c0 = cpuNanos();
    RunSummary s = new LocalExecutor(dir.resolve("out"), threads).run(p, shards);
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = (cpuNanos() - c0) / 1e9;
    double heap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heap += pool.getPeakUsage().getUsed() / 1e6;
      }
    }
    System.out.printf(Locale.ROOT, "RESULT %d %d %d %.3f %.1f %.1f %.3f%n", docs[0], s.documentsIn(),
        s.documentsOut(), seconds, heap, rssMb(), cpu);
  }

  /** Writes about {@code bytes} bytes of text as zstd JSONL shards of about {@code perShard}; returns the shards. */
  static List<Shard> generate(Path dir, long bytes, long perShard, long[] textBytes) {
    List<String[]> base = new ArrayList<>();
    for (BundledCorpus c : BundledCorpus.values()) {
      try (Stream<Document> s = c.documents()) {
        s.forEach(d -> {
          String[] lines = d.text().split("\n");
          StringBuilder para = new StringBuilder();
          int words = 0;
          for (String l : lines) {
            para.append(para.isEmpty() ? "" : "\n").append(l);
            words += l.split("\\s+").length;
            if (words >= 300) {
              base.add(para.toString().split(" "));
              para.setLength(0);
              words = 0;
            }
          }
          if (!para.isEmpty()) {
            base.add(para.toString().split(" "));
          }
        });
      }
    }
    UniformRandomProvider rng = RandomStreams.of(20261122L);
    List<Shard> shards = new ArrayList<>();
    long total = 0;
    int n = 0;
    while (total < bytes) {
      Path f = dir.resolve(String.format("part-%05d.jsonl.zst", shards.size()));
      long inShard = 0;
      try (DocWriter w = DocWriter.create(f)) {
        while (inShard < perShard && total < bytes) {
          int k = n % base.size();
          int pass = n / base.size();
          String[] words = base.get(k).clone();
          if (pass > 0 && n % 10 != 0) {
            for (int i = 0; i < words.length; i++) {
              if (rng.nextDouble() < 0.03) {
                words[i] = words[rng.nextInt(words.length)];
              }
            }
          }
          String text = String.join(" ", words);
          w.write(new Doc("d" + n, text, "bench", null, null, Map.of()));
          long b = text.getBytes(StandardCharsets.UTF_8).length;
          inShard += b;
          total += b;
          n++;
        }
        w.commit();
      }
      shards.add(Shard.of(f, "bench"));
    }
    textBytes[0] = total;
    return shards;
  }

  private static long cpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  private static double rssMb() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmHWM:")) {
          return Long.parseLong(l.replaceAll("\\D", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
