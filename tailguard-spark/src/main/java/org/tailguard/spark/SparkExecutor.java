package org.tailguard.spark;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.LongStream;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.tailguard.curate.ExactDedupStage;
import org.tailguard.curate.GlobalStage;
import org.tailguard.curate.NearDedupStage;
import org.tailguard.curate.dedup.UnionFind;
import org.tailguard.curate.Stage;
import org.tailguard.curate.StageContext;
import org.tailguard.exec.Executor;
import org.tailguard.exec.Layout;
import org.tailguard.exec.Phase;
import org.tailguard.exec.Pipeline;
import org.tailguard.exec.RunFiles;
import org.tailguard.exec.RunSummary;
import org.tailguard.exec.Shard;
import org.tailguard.exec.ShardTask;
import org.tailguard.spec.Check;
import org.tailguard.spec.SpecException;
import scala.Tuple2;

/**
 * The curation pipeline as Apache Spark jobs (issue 5 item 8; datatrove's {@code SlurmPipelineExecutor} role
 * with Spark as the scheduler). It runs the same {@link Phase}s as the embedded executor and writes the same
 * {@link org.tailguard.exec.Layout}, so the two executors' files are byte-identical on the same shards:
 *
 * <ul>
 *   <li><b>Document stages</b>: one Spark job per phase over an RDD of shard indices with one partition per
 *       shard; each task ({@code mapPartitions}) rebuilds the stages from the serialised {@link Pipeline}
 *       (configs only, cached per executor JVM) and streams its shard through {@link ShardTask}, the same code
 *       the embedded executor runs. The previous global stage's removals travel as a broadcast variable.</li>
 *   <li><b>Exact dedup</b> is a Spark aggregation: keys are read where the shards were processed, keyed by
 *       content hash, reduced to the first document in the global order (shard, then position), and joined
 *       back; every other member is removed in favour of that first one, exactly as
 *       {@link ExactDedupStage#decide} chooses.</li>
 *   <li><b>MinHash-LSH near dedup</b> is Spark shuffles too: band buckets, each member joined to its bucket's
 *       first document, optional Jaccard verification by joining the signatures; only the candidate edges
 *       (which grow with the duplicates, not the input) reach the driver, where the same smallest-member
 *       union-find as {@link NearDedupStage#decide} clusters them.</li>
 *   <li><b>Any other global stage</b> collects its keys to the driver in shard order and calls the stage's
 *       own {@link GlobalStage#decide}.</li>
 *   <li><b>Resumable</b> like the embedded executor: shard-phases with a done marker and recorded global
 *       decisions are reused on rerun. A failed task is retried by Spark from scratch (its files are written
 *       atomically); speculative execution is refused, since two attempts would share temporary files.</li>
 *   <li><b>Bad input</b> fails the job with the task's {@link SpecException} (file and line), rethrown as it
 *       is on the driver; shards already finished keep their outputs.</li>
 * </ul>
 *
 * <p>The run directory must be visible under the same path to the driver and every executor (a local
 * directory in local mode or on a one-machine cluster, a shared mount such as NFS on a real cluster): shards
 * write their outputs there directly, as the embedded executor's threads do.
 */
public final class SparkExecutor implements Executor {
  /** {@link ExactDedupStage}'s drop reason. */
  static final String EXACT_DUPLICATE = "exact_duplicate";
  /** {@link NearDedupStage}'s drop reason. */
  static final String NEAR_DUPLICATE = "near_duplicate";

  private final JavaSparkContext spark;
  private final Layout layout;
  private final StageContext context;

  /**
   * An executor writing under {@code root} through an existing Spark context (not stopped by this class).
   *
   * @param spark the Spark context (any master: {@code local[N]}, {@code spark://host:port}, YARN, Kubernetes)
   * @param root the run directory, at the same path on the driver and the executors
   * @param context the driver's stage context (stages are built on the driver to plan phases and decide)
   */
  public SparkExecutor(JavaSparkContext spark, Path root, StageContext context) {
    this.spark = Check.required("spark", spark);
    this.layout = new Layout(Check.required("root", root).toAbsolutePath());
    this.context = Check.required("context", context);
  }

  public Layout layout() {
    return layout;
  }

  @Override
  public RunSummary run(Pipeline pipeline, List<Shard> shards) {
    try {
      return runJobs(pipeline, shards);
    } catch (Exception e) { // Scala throws the checked SparkException undeclared
      // A task's bad-input error reaches the driver wrapped in a SparkException: surface it as it is.
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof SpecException se) {
          throw se;
        }
      }
      throw e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
    }
  }

  private RunSummary runJobs(Pipeline pipeline, List<Shard> shards) {
    if (spark.getConf().getBoolean("spark.speculation", false)) {
      // Two attempts of one shard-phase would write the same temporary files.
      throw new SpecException("spark.speculation", "must be false for the curation pipeline (shard outputs are "
          + "written in place); it is true");
    }
    RunFiles.checkShards(shards);
    RunFiles.claim(layout, pipeline, shards);
    List<Stage> stages = RunFiles.build(pipeline, context);
    List<Phase> phases = Phase.plan(stages);
    List<Shard> all = List.copyOf(shards);
    String root = layout.root().toString();
    int run = 0;
    int skipped = 0;
    for (Phase phase : phases) {
      Map<Integer, List<GlobalStage.Removal>> removals = phase.applies() == null ? Map.of()
          : RunFiles.readRemovals(layout.removals(phase.applies().name()));
      List<Integer> pending = new ArrayList<>();
      for (int s = 0; s < all.size(); s++) {
        if (Files.exists(layout.done(phase.index(), all.get(s).id()))) {
          skipped++;
        } else {
          pending.add(s);
        }
      }
      run += pending.size();
      if (!pending.isEmpty()) {
        runPhase(pipeline, phase, all, pending, removals, root);
      }
      if (phase.keys() != null) {
        decide(pipeline, phase, all, root);
      }
    }
    return RunFiles.summarize(layout, pipeline, stages, phases, all, run, skipped);
  }

  /** One Spark job: a task per pending shard, each running the phase through {@link ShardTask}. */
  private void runPhase(Pipeline pipeline, Phase phase, List<Shard> shards, List<Integer> pending,
      Map<Integer, List<GlobalStage.Removal>> removals, String root) {
    int index = phase.index();
    spark.setJobDescription(pipeline.name() + ": phase " + index + " over " + pending.size() + " shards");
    Broadcast<Map<Integer, List<GlobalStage.Removal>>> rm = spark.broadcast(Map.copyOf(removals));
    try {
      JavaRDD<Integer> tasks = spark.parallelize(pending, pending.size());
      List<String> done = tasks.mapPartitions(it -> {
        List<String> ids = new ArrayList<>();
        Layout where = new Layout(Path.of(root));
        Phase p = Workers.phases(pipeline).get(index);
        while (it.hasNext()) {
          int s = it.next();
          ShardTask.run(where, pipeline, p, shards.get(s), rm.value().getOrDefault(s, List.of()));
          ids.add(shards.get(s).id());
        }
        return ids.iterator();
      }).collect();
      if (done.size() != pending.size()) {
        throw new IllegalStateException("phase " + index + ": " + done.size() + " of " + pending.size()
            + " shards reported done");
      }
    } finally {
      rm.destroy();
    }
  }

  /** The global stage's decision over all shards' keys, computed once and recorded. */
  private void decide(Pipeline pipeline, Phase phase, List<Shard> shards, String root) {
    GlobalStage stage = phase.keys();
    Path file = layout.removals(stage.name());
    if (Files.exists(file)) {
      return;
    }
    spark.setJobDescription("global stage " + stage.name());
    List<GlobalStage.Removal> removals = switch (stage) {
      case ExactDedupStage e -> exactDuplicatesOfRows(keyRows(shards, phase.index(), root));
      case NearDedupStage n -> nearDuplicates(keyRows(shards, phase.index(), root), n.lsh().bands(),
          nearConfig(pipeline, n.name()));
      default -> stage.decide(collectKeys(shards, phase.index(), root));
    };
    RunFiles.writeRemovals(file, removals);
  }

  /** Every shard's keys, in shard order. */
  private List<long[][]> collectKeys(List<Shard> shards, int phase, String root) {
    List<Integer> indices = new ArrayList<>();
    for (int s = 0; s < shards.size(); s++) {
      indices.add(s);
    }
    return spark.parallelize(indices, shards.size())
        .map(s -> ShardTask.readKeys(new Layout(Path.of(root)).keys(phase, shards.get(s).id())))
        .collect();
  }

  /**
   * Exact dedup as a shuffle: (content hash → global index), reduced to the smallest index per hash, joined
   * back; every document whose index is not the smallest is removed in favour of the smallest, with
   * {@link ExactDedupStage}'s reason and score.
   */
  static List<GlobalStage.Removal> exactDuplicates(JavaPairRDD<ContentHash, Long> keys) {
    JavaPairRDD<ContentHash, Long> first = keys.reduceByKey(Math::min);
    List<GlobalStage.Removal> out = new ArrayList<>(keys.join(first)
        .filter(e -> !e._2()._1().equals(e._2()._2()))
        .map(e -> new GlobalStage.Removal(shardOf(e._2()._1()), positionOf(e._2()._1()),
            EXACT_DUPLICATE, 1, shardOf(e._2()._2()), positionOf(e._2()._2())))
        .collect());
    out.sort(null);
    return out;
  }

  /** Every document's key as (global index, key), read where the shards were processed. */
  private JavaPairRDD<Long, long[]> keyRows(List<Shard> shards, int phase, String root) {
    List<Integer> indices = new ArrayList<>();
    for (int s = 0; s < shards.size(); s++) {
      indices.add(s);
    }
    return spark.parallelize(indices, shards.size()).flatMapToPair(s -> {
      long[][] k = ShardTask.readKeys(new Layout(Path.of(root)).keys(phase, shards.get(s).id()));
      List<Tuple2<Long, long[]>> out = new ArrayList<>(k.length);
      for (int i = 0; i < k.length; i++) {
        out.add(new Tuple2<>(globalIndex(s, i), k[i]));
      }
      return out.iterator();
    });
  }

  /** Exact dedup over (global index, key) rows: see {@link #exactDuplicates(JavaPairRDD)}. */
  private static List<GlobalStage.Removal> exactDuplicatesOfRows(JavaPairRDD<Long, long[]> rows) {
    return exactDuplicates(rows.mapToPair(r -> new Tuple2<>(new ContentHash(r._2()[0], r._2()[1]), r._1())));
  }

  /**
   * MinHash-LSH near dedup as Spark shuffles, deciding exactly as {@link NearDedupStage#decide}: in every
   * (band, band hash) bucket the member with the smallest global index is joined to each other member (if
   * {@code verify}, only when their estimated Jaccard similarity reaches the threshold); the candidate edges,
   * which grow with the duplicates and not with the input, are collected and clustered with the same
   * smallest-member union-find, whose roots do not depend on the order of the unions. Each non-root member is
   * removed in favour of its root, scored by their estimated similarity.
   */
  static List<GlobalStage.Removal> nearDuplicates(JavaPairRDD<Long, long[]> rows, int bands,
      NearDedupStage.Config config) {
    boolean verify = config.verify();
    int perm = config.numPerm();
    double threshold = config.threshold();
    JavaPairRDD<Long, long[]> docs = rows.filter(r -> r._2().length > 0).cache();
    try {
      JavaPairRDD<BandHash, Long> members = docs.flatMapToPair(d -> {
        List<Tuple2<BandHash, Long>> out = new ArrayList<>(bands);
        for (int b = 0; b < bands; b++) {
          out.add(new Tuple2<>(new BandHash(b, d._2()[b]), d._1()));
        }
        return out.iterator();
      });
      JavaPairRDD<Long, Long> candidates = members.join(members.reduceByKey(Math::min))
          .filter(e -> !e._2()._1().equals(e._2()._2()))
          .mapToPair(e -> e._2()).distinct(); // (member, bucket's first)
      List<Tuple2<Long, Long>> edges = verify
          ? candidates.join(docs)
              .mapToPair(e -> new Tuple2<>(e._2()._1(), new Tuple2<>(e._1(), e._2()._2())))
              .join(docs)
              .filter(e -> similarity(e._2()._2(), e._2()._1()._2(), bands, perm) >= threshold)
              .map(e -> new Tuple2<>(e._2()._1()._1(), e._1()))
              .collect()
          : candidates.collect();
      // Union-find over the documents that have an edge, indexed in global order (so smallest stays smallest).
      long[] ids = edges.stream().flatMapToLong(e -> LongStream.of(e._1(), e._2())).distinct()
          .sorted().toArray();
      UnionFind uf = new UnionFind(ids.length);
      for (Tuple2<Long, Long> e : edges) {
        uf.union(Arrays.binarySearch(ids, e._1()), Arrays.binarySearch(ids, e._2()));
      }
      int[] roots = uf.roots();
      Map<Long, long[]> signatures = new HashMap<>();
      if (verify && ids.length > 0) {
        Set<Long> wanted = new HashSet<>();
        for (long id : ids) {
          wanted.add(id);
        }
        docs.filter(d -> wanted.contains(d._1())).collect().forEach(d -> signatures.put(d._1(), d._2()));
      }
      List<GlobalStage.Removal> out = new ArrayList<>();
      for (int i = 0; i < ids.length; i++) {
        if (roots[i] != i) {
          long r = ids[roots[i]];
          double score = verify ? similarity(signatures.get(r), signatures.get(ids[i]), bands, perm) : Double.NaN;
          out.add(new GlobalStage.Removal(shardOf(ids[i]), positionOf(ids[i]), NEAR_DUPLICATE, score, shardOf(r),
              positionOf(r)));
        }
      }
      out.sort(null);
      return out;
    } finally {
      docs.unpersist();
    }
  }

  /** {@link NearDedupStage}'s MinHash similarity estimate from the signature packed after the band keys. */
  static double similarity(long[] x, long[] y, int bands, int perm) {
    int eq = 0;
    for (int j = 0; j < perm; j++) {
      int shift = j % 2 == 0 ? 32 : 0;
      eq += (int) (x[bands + j / 2] >>> shift) == (int) (y[bands + j / 2] >>> shift) ? 1 : 0;
    }
    return eq / (double) perm;
  }

  /** The config of the pipeline's near-dedup stage of that name (defaults filled in). */
  private static NearDedupStage.Config nearConfig(Pipeline pipeline, String name) {
    return pipeline.stages().stream().filter(c -> c.name().equals(name)).map(NearDedupStage.Config.class::cast)
        .findFirst().orElseThrow();
  }

  /** A document's place in the global order as one long: shard in the high half, position in the low half. */
  static long globalIndex(int shard, int position) {
    return ((long) shard << 32) | (position & 0xffffffffL);
  }

  static int shardOf(long index) {
    return (int) (index >>> 32);
  }

  static int positionOf(long index) {
    return (int) index;
  }

  /** One LSH bucket: a band and the hash of the signature's rows in it. */
  record BandHash(int band, long hash) implements Serializable {}

  /** The 128-bit normalised-content hash that {@link ExactDedupStage#key} gives. */
  record ContentHash(long high, long low) implements Serializable {}

  /** What each executor JVM keeps between tasks: the stage context and the built phases of each pipeline. */
  static final class Workers {
    private static final StageContext CONTEXT = new StageContext();
    private static final ConcurrentMap<String, List<Phase>> PHASES = new ConcurrentHashMap<>();

    private Workers() {}

    static List<Phase> phases(Pipeline pipeline) {
      return PHASES.computeIfAbsent(pipeline.canonicalJson(),
          k -> Phase.plan(RunFiles.build(pipeline, CONTEXT)));
    }
  }
}
