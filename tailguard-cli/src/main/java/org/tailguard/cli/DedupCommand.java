package org.tailguard.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tailguard.curate.Doc;
import org.tailguard.curate.DocReader;
import org.tailguard.curate.DocWriter;
import org.tailguard.curate.Exclusions;
import org.tailguard.curate.JsonlSink;
import org.tailguard.curate.dedup.CorpusTexts;
import org.tailguard.curate.dedup.DedupBenchmark;
import org.tailguard.curate.dedup.DedupEvaluation;
import org.tailguard.curate.dedup.ExactDedup;
import org.tailguard.curate.dedup.Jaccard;
import org.tailguard.curate.dedup.NearDedup;
import org.tailguard.curate.dedup.NearDedupSpec;
import org.tailguard.curate.dedup.NearDuplicateSet;
import org.tailguard.curate.dedup.SCurve;
import org.tailguard.curate.dedup.Shingling;
import org.tailguard.curate.dedup.TextNormalizer;
import org.tailguard.random.RandomStreams;
import org.tailguard.spec.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tailguard dedup}: exact dedup by normalised hash, and MinHash-LSH near-duplicate removal with the
 * (bands, rows) chosen from the target threshold by text-dedup's false-positive/false-negative area
 * optimisation (Broder 1997; Leskovec, Rajaraman and Ullman, Mining of Massive Datasets §3.4), Jaccard
 * verification of candidate pairs and deterministic union-find clusters.
 */
@Command(name = "dedup", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Removes exact and near duplicates from JSONL or Parquet documents.",
        "Prints the chosen (bands, rows), the S-curve and the clusters; writes",
        "OUT/kept.jsonl.zst and OUT/removed.jsonl.zst (each removal with its reason,",
        "Jaccard score and the document it duplicates)."},
    subcommands = {DedupCommand.Eval.class, DedupCommand.Bench.class},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:done", "2:bad input (the message names the file and line)"})
final class DedupCommand implements Callable<Integer> {
  @Parameters(paramLabel = "INPUT", arity = "0..*", description = "Document files (need 'id' and 'text').")
  List<Path> inputs;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (required with INPUT).")
  Path out;

  @Option(names = "--threshold", defaultValue = "0.8", description = "Target Jaccard threshold (default: ${DEFAULT-VALUE}).")
  double threshold;

  @Option(names = "--shingle", defaultValue = "5", description = "Word n-gram shingle size (default: ${DEFAULT-VALUE}).")
  int shingle;

  @Option(names = "--perm", defaultValue = "128", description = "MinHash permutations k (default: ${DEFAULT-VALUE}).")
  int perm;

  @Option(names = "--exact", description = "Exact duplicates only (normalised xxh3-128 hash); no MinHash.")
  boolean exact;

  @Option(names = "--no-verify", description = "Merge LSH candidates without checking their exact Jaccard.")
  boolean noVerify;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the hash functions (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores); results do not depend on it.")
  Integer threads;

  @Spec
  CommandSpec cmd;

  @Override
  public Integer call() {
    if (inputs == null || inputs.isEmpty() || out == null) {
      throw new UserException("dedup: give INPUT files and --out DIR, or a subcommand (eval, bench); see --help");
    }
    int t = threads(threads);
    NearDedupSpec spec = spec(threshold, shingle, perm, !noVerify, seed);
    List<Doc> docs = read(inputs);
    List<String> texts = docs.stream().map(Doc::text).toList();
    PrintWriter o = cmd.commandLine().getOut();
    Path kept = out.resolve("kept.jsonl.zst");
    Path removed = out.resolve("removed.jsonl.zst");
    int[] rep;
    double[] score;
    String stage;
    if (exact) {
      ExactDedup.Result r = new ExactDedup(TextNormalizer.DEFAULT).run(texts, t);
      rep = r.keptIndex();
      score = new double[rep.length];
      java.util.Arrays.fill(score, 1.0);
      stage = "exact_dedup";
      o.printf(Locale.ROOT, "exact dedup (normalised xxh3-128) of %d documents from %d files%n", docs.size(),
          inputs.size());
    } else {
      NearDedup d = new NearDedup(spec);
      o.printf(Locale.ROOT, "near dedup of %d documents from %d files: word %d-gram shingles, k=%d, threshold %.2f,"
          + " chosen b=%d bands x r=%d rows, verification %s%n", docs.size(), inputs.size(), shingle, perm, threshold,
          spec.lsh().bands(), spec.lsh().rows(), noVerify ? "off" : "on");
      o.println();
      o.print(SCurve.of(spec.lsh(), threshold, 20).table());
      o.println();
      NearDedup.Result r = d.run(texts, t);
      rep = r.representative();
      score = new double[rep.length];
      for (int i = 0; i < rep.length; i++) {
        score[i] = rep[i] == i ? Double.NaN : Jaccard.of(d.shingleSet(texts.get(i)), d.shingleSet(texts.get(rep[i])));
      }
      stage = "near_dedup";
      o.printf(Locale.ROOT, "%d candidate pairs, %d merged%n", r.candidatePairs().length, r.mergedPairs());
    }
    write(docs, rep, score, stage, kept, removed);
    printClusters(o, docs, rep);
    o.printf(Locale.ROOT, "wrote %s and %s%n", kept, removed);
    o.flush();
    return 0;
  }

  static NearDedupSpec spec(double threshold, int shingle, int perm, boolean verify, long seed) {
    if (shingle < 1) {
      throw new SpecException("--shingle", "must be at least 1, got " + shingle);
    }
    if (perm < 1) {
      throw new SpecException("--perm", "must be at least 1, got " + perm);
    }
    if (!(threshold > 0 && threshold < 1)) {
      throw new SpecException("--threshold", "must be in (0, 1), got " + threshold);
    }
    NearDedupSpec d = NearDedupSpec.DEFAULT;
    return new NearDedupSpec(d.normalizer(), new Shingling(Shingling.Unit.WORD, shingle), perm, threshold, null,
        verify, seed, d.maxBucket());
  }

  static int threads(Integer n) {
    int t = n == null ? Runtime.getRuntime().availableProcessors() : n;
    if (t < 1) {
      throw new SpecException("--threads", "must be at least 1, got " + t);
    }
    return t;
  }

  /** Reads every input fully; bad input stops with the reader's one-line FILE:LINE message. */
  static List<Doc> read(List<Path> inputs) {
    List<Doc> docs = new ArrayList<>();
    for (Path p : inputs) {
      try (DocReader r = DocReader.open(p, p.getFileName().toString())) {
        r.forEachRemaining(docs::add);
      }
    }
    return docs;
  }

  /** Writes both outputs atomically; a failure leaves earlier files as they were. */
  private static void write(List<Doc> docs, int[] rep, double[] score, String stage, Path kept, Path removed) {
    try {
      Files.createDirectories(kept.toAbsolutePath().getParent());
    } catch (java.io.IOException e) {
      throw new UserException(kept.getParent() + ": cannot create the output folder: " + e.getMessage(), e);
    }
    try (DocWriter k = DocWriter.create(kept); JsonlSink x = JsonlSink.create(removed)) {
      for (int i = 0; i < docs.size(); i++) {
        Doc d = docs.get(i);
        if (rep[i] == i) {
          k.write(d);
          continue;
        }
        String of = docs.get(rep[i]).id();
        double s = score[i];
        x.write(g -> {
          Exclusions.write(g, d, stage, stage.equals("exact_dedup") ? "exact_duplicate" : "near_duplicate", s);
          g.writeStringField("duplicate_of", of);
        });
      }
      x.commit();
      k.commit();
    }
  }

  private static void printClusters(PrintWriter o, List<Doc> docs, int[] rep) {
    int[] size = new int[rep.length];
    for (int r : rep) {
      size[r]++;
    }
    int clusters = 0;
    int largest = 0;
    int removed = 0;
    for (int i = 0; i < rep.length; i++) {
      if (rep[i] == i && size[i] > 1) {
        clusters++;
        largest = Math.max(largest, size[i]);
      }
      removed += rep[i] == i ? 0 : 1;
    }
    o.printf(Locale.ROOT, "%d duplicate clusters (largest %d documents); %d documents kept, %d removed%n", clusters,
        largest, docs.size() - removed, removed);
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < rep.length && rows.size() < 10; i++) {
      if (rep[i] == i && size[i] > 1) {
        rows.add(List.of(docs.get(i).id(), Integer.toString(size[i])));
      }
    }
    if (!rows.isEmpty()) {
      Tables.print(o, List.of("cluster (kept document)", "size"), rows);
      if (clusters > rows.size()) {
        o.printf(Locale.ROOT, "... and %d more clusters%n", clusters - rows.size());
      }
    }
  }

  /** {@code tailguard dedup eval}: precision and recall on the labelled near-duplicate set. */
  @Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Precision and recall on the labelled near-duplicate set.",
          "Builds the set from the bundled corpora (chunks and copies with controlled",
          "edits), runs MinHash-LSH and prints pair and document precision and recall",
          "against exact Jaccard, with the S-curve's prediction."})
  static final class Eval implements Callable<Integer> {
    @Option(names = "--threshold", defaultValue = "0.7", description = "Target Jaccard threshold (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--shingle", defaultValue = "5", description = "Word n-gram shingle size (default: ${DEFAULT-VALUE}).")
    int shingle;

    @Option(names = "--perm", defaultValue = "128", description = "MinHash permutations (default: ${DEFAULT-VALUE}).")
    int perm;

    @Option(names = "--originals", defaultValue = "2000", description = "Distinct 200-word chunks (default: ${DEFAULT-VALUE}).")
    int originals;

    @Option(names = "--copies", defaultValue = "1500", description = "Edited copies (default: ${DEFAULT-VALUE}).")
    int copies;

    @Option(names = "--no-verify", description = "Score unverified LSH candidates.")
    boolean noVerify;

    @Option(names = "--seed", defaultValue = "22", description = "Seed of the labelled set (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() {
      NearDedupSpec spec = spec(threshold, shingle, perm, !noVerify, 42L);
      List<String> pool = CorpusTexts.bundledChunks(200);
      String what = "bundled corpora (SOTU, Brown, Moby-Dick) in 200-word chunks";
      if (pool.size() < originals) {
        throw new SpecException("--originals", "must be at most the " + pool.size()
            + " 200-word chunks of the bundled corpora, got " + originals);
      }
      NearDedup d = new NearDedup(spec);
      NearDuplicateSet set = NearDuplicateSet.build(pool, originals, copies, d, RandomStreams.of(seed));
      DedupEvaluation e = DedupEvaluation.of(set, d.run(set.docs(), threads(threads)), threshold);
      PrintWriter o = cmd.commandLine().getOut();
      o.println(what + "; " + set.describe(threshold));
      o.print(SCurve.of(spec.lsh(), threshold, 10).table());
      o.println();
      o.print(e.table());
      o.flush();
      return 0;
    }
  }

  /** {@code tailguard dedup bench}: MinHash signatures and LSH search against Lucene (and Spark MLlib). */
  @Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"MinHash signatures and LSH search against Lucene (and Spark MLlib).",
          "Same shingles, k and threshold for Lucene's MinHashFilter (k hashes, and",
          "one-permutation hashing) and, with the optional tailguard-bench-spark module on",
          "the class path, Spark MLlib's MinHashLSH; docs/s and MB/s per core, precision",
          "and recall against exact Jaccard. See BENCHMARKS.md."})
  static final class Bench implements Callable<Integer> {
    @Option(names = "--quick", description = "200 chunks and 100 copies, one repetition (seconds).")
    boolean quick;

    @Option(names = "--originals", paramLabel = "N", description = "Distinct chunks (default: 2000; quick: 200).")
    Integer originals;

    @Option(names = "--copies", paramLabel = "N", description = "Edited copies (default: 1000; quick: 100).")
    Integer copies;

    @Option(names = "--repeats", paramLabel = "N", description = "Timed repetitions, median reported (default: 3).")
    Integer repeats;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the extra multi-threaded row (default: 2).")
    Integer threads;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() {
      DedupBenchmark.Options o = quick ? DedupBenchmark.Options.quick() : DedupBenchmark.Options.full();
      o = new DedupBenchmark.Options(originals == null ? o.originals() : originals,
          copies == null ? o.copies() : copies, o.words(), o.numPerm(), o.threshold(), o.shingleSize(),
          repeats == null ? o.repeats() : repeats, threads == null ? o.threads() : threads, o.seed());
      DedupBenchmark.Report r = DedupBenchmark.run(o, DedupBenchmark.defaultPeers(o.threads()));
      PrintWriter out = cmd.commandLine().getOut();
      out.print(SCurve.of(r.lsh(), o.threshold(), 10).table());
      out.println();
      out.print(r.table());
      if (r.rows().stream().noneMatch(x -> x.peer().toLowerCase(Locale.ROOT).contains("spark"))) {
        out.println("(Spark MLlib row absent: build with -Pspark-bench and put tailguard-bench-spark on the class path)");
      }
      out.flush();
      return 0;
    }
  }
}
