package org.tailguard.curate.dedup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.tailguard.random.RandomStreams;
import org.tailguard.spec.Check;

/**
 * Races MinHash signatures and LSH near-duplicate search against peer JVM implementations in one run, and
 * scores each against exact Jaccard ground truth (issue 5, item 10; the style guide's pattern 12).
 *
 * <p>Workload: a {@link NearDuplicateSet} built from the bundled corpora (fixed-length word chunks plus edited
 * copies), normalised once by {@link TextNormalizer#DEFAULT} outside the timed region, so that every peer
 * shingles the same word n-grams. Peers: ours ({@link NearDedup}), Lucene's {@code MinHashFilter} in two
 * configurations ({@link LucenePeer}), and any {@link DedupPeer} on the classpath through
 * {@link ServiceLoader} (the Spark MLlib peer lives in its own module). Each timed task runs once to warm up,
 * then {@code repeats} times; the median is reported, divided by the cores the peer used. Signature quality is
 * scored by banding every peer's signatures with the same (b, r) and comparing candidate pairs with the truth;
 * search quality by the reported pairs. Run: {@code java ... org.tailguard.curate.dedup.DedupBenchmark
 * [--quick] [--originals N] [--copies N] [--repeats N] [--threads N]}.
 */
public final class DedupBenchmark {
  private DedupBenchmark() {}

  /**
   * Workload and settings.
   *
   * @param originals distinct corpus chunks
   * @param copies edited copies
   * @param words words per chunk
   * @param numPerm hash values per document, the same for every peer
   * @param threshold the Jaccard threshold, the same for every peer
   * @param shingleSize word n-gram size, the same for every peer
   * @param repeats timed repetitions per task (median reported)
   * @param threads threads for the extra multi-threaded row of ours (1 = no extra row)
   * @param seed the seed of the workload
   */
  public record Options(int originals, int copies, int words, int numPerm, double threshold, int shingleSize,
      int repeats, int threads, long seed) {
    public Options {
      Check.atLeast("bench.originals", originals, 2);
      Check.atLeast("bench.copies", copies, 0);
      Check.atLeast("bench.words", words, 1);
      Check.atLeast("bench.repeats", repeats, 1);
      Check.atLeast("bench.threads", threads, 1);
    }

    /**
     * The full benchmark: 2000 chunks of 200 words and 1000 edited copies, 3 repeats (sized so that Spark
     * MLlib's OR-amplified join with L = 128 tables finishes in minutes on one core).
     */
    public static Options full() {
      return new Options(2000, 1000, 200, 128, 0.7, 5, 3, 2, 20261122L);
    }

    /** A quick smoke run for tests: 200 chunks and 100 copies, 1 repeat. */
    public static Options quick() {
      return new Options(200, 100, 200, 128, 0.7, 5, 1, 1, 20261122L);
    }
  }

  /**
   * One measured row.
   *
   * @param peer the peer's name
   * @param task "signatures" or "search"
   * @param docs documents processed
   * @param megabytes UTF-8 megabytes of normalised text processed
   * @param seconds median wall time
   * @param cores cores used
   * @param precision pair precision against exact Jaccard (signatures: of banded candidates)
   * @param recall pair recall against exact Jaccard
   * @param estimateRmse RMSE of the signature's Jaccard estimate over pairs with exact Jaccard ≥ 0.3 (NaN for
   *     search)
   */
  public record Row(String peer, String task, int docs, double megabytes, double seconds, int cores,
      double precision, double recall, double estimateRmse) {
    public double docsPerSecondPerCore() {
      return docs / seconds / cores;
    }

    public double megabytesPerSecondPerCore() {
      return megabytes / seconds / cores;
    }
  }

  /**
   * A benchmark's outcome.
   *
   * @param options the settings
   * @param lsh the banding all peers were scored with
   * @param dataset a description of the workload
   * @param methods each peer's name and what it computes
   * @param rows the measurements
   */
  public record Report(Options options, LshParams lsh, String dataset, List<String> methods, List<Row> rows) {

    /** The table, with ratios of our single-thread per-core throughput to each row's. */
    public String table() {
      StringBuilder sb = new StringBuilder();
      sb.append("MinHash dedup benchmark: ").append(dataset).append('\n');
      sb.append(String.format(Locale.ROOT, "same for all: word %d-gram shingles, k=%d, threshold %.2f;"
          + " banding for scoring b=%d x r=%d%n", options.shingleSize(), options.numPerm(), options.threshold(),
          lsh.bands(), lsh.rows()));
      for (String m : methods) {
        sb.append("  ").append(m).append('\n');
      }
      sb.append(String.format(Locale.ROOT, "%-20s %-10s %6s %5s %9s %12s %10s %9s %9s %7s %8s%n", "peer", "task",
          "docs", "cores", "seconds", "docs/s/core", "MB/s/core", "ours/x", "precision", "recall", "J RMSE"));
      for (Row r : rows) {
        Row ours = rows.stream().filter(x -> x.peer().equals("tailguard") && x.task().equals(r.task())).findFirst()
            .orElse(null);
        double ratio = ours == null ? Double.NaN : ours.docsPerSecondPerCore() / r.docsPerSecondPerCore();
        sb.append(String.format(Locale.ROOT, "%-20s %-10s %6d %5d %9.3f %12.0f %10.3f %9.2f %9.4f %7.4f %8s%n",
            r.peer(), r.task(), r.docs(), r.cores(), r.seconds(), r.docsPerSecondPerCore(),
            r.megabytesPerSecondPerCore(), ratio, r.precision(), r.recall(),
            Double.isNaN(r.estimateRmse()) ? "-" : String.format(Locale.ROOT, "%.4f", r.estimateRmse())));
      }
      return sb.toString();
    }
  }

  /** Our peer (single-threaded, and on {@code threads} threads if more than 1), Lucene's two, and plug-ins. */
  public static List<DedupPeer> defaultPeers(int threads) {
    List<DedupPeer> peers = new ArrayList<>();
    peers.add(new TailguardPeer(1, true));
    if (threads > 1) {
      peers.add(new TailguardPeer(threads, true));
    }
    peers.add(new LucenePeer(false));
    peers.add(new LucenePeer(true));
    ServiceLoader.load(DedupPeer.class).forEach(peers::add);
    return peers;
  }

  /** The workload's documents: bundled corpus chunks if present, else synthetic Zipf text. */
  static List<String> pool(Options o) {
    List<String> pool = CorpusTexts.bundledChunks(o.words());
    if (pool.size() >= o.originals()) {
      return pool;
    }
    return CorpusTexts.synthetic(o.originals(), o.words(), RandomStreams.of(o.seed() + 1));
  }

  /** Runs every peer on the workload. */
  public static Report run(Options o, List<DedupPeer> peers) {
    LshParams lsh = LshParams.optimal(o.threshold(), o.numPerm());
    NearDedup truthSide = new NearDedup(new NearDedupSpec(TextNormalizer.NONE,
        new Shingling(Shingling.Unit.WORD, o.shingleSize()), o.numPerm(), o.threshold(), lsh, true, 42L,
        NearDedupSpec.DEFAULT.maxBucket()));
    List<String> pool = pool(o);
    boolean synthetic = !CorpusTexts.available("sotu");
    List<String> raw = NearDuplicateSet.build(pool, o.originals(), o.copies(), truthSide, RandomStreams.of(o.seed()))
        .docs();
    List<String> texts = raw.stream().map(TextNormalizer.DEFAULT::normalize).toList();
    // Truth on the normalised texts, which is what every peer sees.
    NearDuplicateSet set = NearDuplicateSet.build(texts, texts.size(), 0, truthSide, RandomStreams.of(o.seed()));
    texts = set.docs();
    double mb = texts.stream().mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length).sum() / 1e6;
    String dataset = String.format(Locale.ROOT, "%s; %.1f MB normalised", set.describe(o.threshold()), mb)
        + (synthetic ? " (synthetic Zipf text: bundled corpora not on the classpath)" : " (bundled corpora)");
    long[] truth = set.truePairs(o.threshold());
    List<String> methods = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    for (DedupPeer peer : peers) {
      peer.configure(o.shingleSize(), o.numPerm(), lsh);
      methods.add(peer.name() + ": " + peer.method());
      List<String> docs = texts;
      if (peer.signs()) {
        long[][][] sigs = new long[1][][];
        double secs = time(o.repeats(), () -> sigs[0] = peer.signatures(docs));
        double[] pr = precisionRecall(bandedCandidates(sigs[0], lsh), truth);
        rows.add(new Row(peer.name(), "signatures", docs.size(), mb, secs, peer.cores(), pr[0], pr[1],
            estimateRmse(set, sigs[0])));
      }
      if (peer.searches()) {
        long[][] found = new long[1][];
        double s2 = time(o.repeats(), () -> found[0] = peer.search(docs, o.threshold()));
        double[] pr2 = precisionRecall(found[0], truth);
        rows.add(new Row(peer.name(), "search", docs.size(), mb, s2, peer.cores(), pr2[0], pr2[1], Double.NaN));
      }
      try {
        peer.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing peer " + peer.name(), e);
      }
    }
    return new Report(o, lsh, dataset, methods, rows);
  }

  /** One warm-up, then the median of {@code repeats} timed runs, in seconds. */
  static double time(int repeats, Runnable task) {
    task.run();
    double[] t = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long t0 = System.nanoTime();
      task.run();
      t[i] = (System.nanoTime() - t0) / 1e9;
    }
    Arrays.sort(t);
    return t[repeats / 2];
  }

  /** Candidate pairs from banding 64-bit signature components (folded to 32 bits) with our bucketing. */
  static long[] bandedCandidates(long[][] sigs, LshParams lsh) {
    int[][] folded = new int[sigs.length][];
    for (int i = 0; i < sigs.length; i++) {
      if (sigs[i] == null || sigs[i].length < lsh.used()) {
        continue; // no shingles, or fewer components than the bands need: matches nothing
      }
      folded[i] = new int[sigs[i].length];
      for (int j = 0; j < sigs[i].length; j++) {
        folded[i][j] = (int) (sigs[i][j] ^ sigs[i][j] >>> 32);
      }
    }
    NearDedup d = new NearDedup(new NearDedupSpec(TextNormalizer.NONE, Shingling.DEFAULT, lsh.used(), 0.5, lsh,
        false, 0L, NearDedupSpec.DEFAULT.maxBucket()));
    return d.candidatePairs(folded, 1);
  }

  /** Pair precision and recall of sorted found pairs against sorted true pairs. */
  static double[] precisionRecall(long[] found, long[] truth) {
    int tp = 0;
    for (long p : found) {
      tp += Arrays.binarySearch(truth, p) >= 0 ? 1 : 0;
    }
    return new double[] {found.length == 0 ? Double.NaN : tp / (double) found.length,
        truth.length == 0 ? Double.NaN : tp / (double) truth.length};
  }

  /** RMSE of the share of equal components against the exact Jaccard, over pairs with Jaccard ≥ 0.3. */
  static double estimateRmse(NearDuplicateSet set, long[][] sigs) {
    double ss = 0;
    int n = 0;
    for (int k = 0; k < set.pairs().length; k++) {
      double j = set.jaccard()[k];
      if (j < 0.3) {
        continue;
      }
      long[] a = sigs[NearDedup.Result.first(set.pairs()[k])];
      long[] b = sigs[NearDedup.Result.second(set.pairs()[k])];
      double est = 0;
      if (a != null && b != null && a.length == b.length) {
        int eq = 0;
        for (int i = 0; i < a.length; i++) {
          eq += a[i] == b[i] ? 1 : 0;
        }
        est = eq / (double) a.length;
      }
      ss += (est - j) * (est - j);
      n++;
    }
    return n == 0 ? Double.NaN : Math.sqrt(ss / n);
  }

  /** Command-line entry: prints the S-curve and the table. */
  public static void main(String[] args) {
    Options o = Options.full();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--quick" -> o = Options.quick();
        case "--originals" -> o = new Options(Integer.parseInt(args[++i]), o.copies(), o.words(), o.numPerm(),
            o.threshold(), o.shingleSize(), o.repeats(), o.threads(), o.seed());
        case "--copies" -> o = new Options(o.originals(), Integer.parseInt(args[++i]), o.words(), o.numPerm(),
            o.threshold(), o.shingleSize(), o.repeats(), o.threads(), o.seed());
        case "--repeats" -> o = new Options(o.originals(), o.copies(), o.words(), o.numPerm(), o.threshold(),
            o.shingleSize(), Integer.parseInt(args[++i]), o.threads(), o.seed());
        case "--threads" -> o = new Options(o.originals(), o.copies(), o.words(), o.numPerm(), o.threshold(),
            o.shingleSize(), o.repeats(), Integer.parseInt(args[++i]), o.seed());
        default -> throw new org.tailguard.spec.SpecException("bench", "unknown argument '" + a + "'");
      }
    }
    Report r = run(o, defaultPeers(o.threads()));
    System.out.println(SCurve.of(r.lsh(), o.threshold(), 20).table());
    System.out.println(r.table());
  }
}
