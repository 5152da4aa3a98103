package org.tailguard.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.tailguard.curate.ExactDedupStage;
import org.tailguard.curate.GlobalStage;
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
 *   <li><b>Other global stages</b> (MinHash near-dedup) collect their keys to the driver in shard order (a
 *       few hundred bytes per document) and call the stage's own {@link GlobalStage#decide}, whose union-find
 *       clustering is deterministic.</li>
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
        decide(phase, all, root);
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
  private void decide(Phase phase, List<Shard> shards, String root) {
    GlobalStage stage = phase.keys();
    Path file = layout.removals(stage.name());
    if (Files.exists(file)) {
      return;
    }
    spark.setJobDescription("global stage " + stage.name());
    List<GlobalStage.Removal> removals = stage instanceof ExactDedupStage
        ? exactDuplicates(shards.size(), phase.index(), shards, root)
        : stage.decide(collectKeys(shards, phase.index(), root));
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

  private List<GlobalStage.Removal> exactDuplicates(int count, int phase, List<Shard> shards, String root) {
    List<Integer> indices = new ArrayList<>();
    for (int s = 0; s < count; s++) {
      indices.add(s);
    }
    JavaPairRDD<ContentHash, Long> keys = spark.parallelize(indices, count).flatMapToPair(s -> {
      long[][] k = ShardTask.readKeys(new Layout(Path.of(root)).keys(phase, shards.get(s).id()));
      List<Tuple2<ContentHash, Long>> out = new ArrayList<>(k.length);
      for (int i = 0; i < k.length; i++) {
        out.add(new Tuple2<>(new ContentHash(k[i][0], k[i][1]), globalIndex(s, i)));
      }
      return out.iterator();
    });
    return exactDuplicates(keys);
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

  /** The 128-bit normalised-content hash that {@link ExactDedupStage#key} gives. */
  record ContentHash(long high, long low) implements java.io.Serializable {}

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
