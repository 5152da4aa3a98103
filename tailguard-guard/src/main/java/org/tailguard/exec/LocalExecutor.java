package org.tailguard.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.tailguard.curate.GlobalStage;
import org.tailguard.curate.Stage;
import org.tailguard.curate.StageContext;
import org.tailguard.spec.Check;

/**
 * The embedded executor: a fixed pool of threads, each taking whole shards (datatrove's
 * {@code LocalPipelineExecutor} with {@code tasks = shards}, {@code workers = threads}).
 *
 * <ul>
 *   <li><b>Streaming, bounded memory.</b> A worker holds one document of its shard at a time plus
 *       write buffers; the only state that grows with the input is a global stage's keys (a few dozen bytes
 *       per document) while it decides.</li>
 *   <li><b>Resumable per shard.</b> Each shard-phase writes its outputs, then its statistics, then an atomic
 *       done marker ({@link ShardTask}); a rerun in the same directory skips shard-phases with a marker and
 *       reuses a global stage's recorded decisions, so a killed run finishes with the same bytes as an
 *       uninterrupted one. The directory records the pipeline and shard list; a rerun with different ones is
 *       refused.</li>
 *   <li><b>Deterministic.</b> Outputs do not depend on the thread count: shards are independent and global
 *       decisions take keys in shard order.</li>
 * </ul>
 */
public final class LocalExecutor implements Executor {
  /** Notified as shard-phases finish (for progress bars); called from worker threads. */
  @FunctionalInterface
  public interface Progress {
    void shardDone(int phase, int phases, Shard shard, boolean skipped);
  }

  private final Layout layout;
  private final int threads;
  private final StageContext context;
  private final Progress progress;

  /**
   * An executor writing under {@code root}.
   *
   * @param root the run directory
   * @param threads worker threads, at least 1
   * @param context where stages get their reference models (shared across runs of one JVM)
   * @param progress notified per finished shard-phase, or null
   */
  public LocalExecutor(Path root, int threads, StageContext context, Progress progress) {
    this.layout = new Layout(Check.required("root", root));
    this.threads = Check.atLeast("threads", threads, 1);
    this.context = Check.required("context", context);
    this.progress = progress == null ? (p, n, s, k) -> { } : progress;
  }

  /** An executor with its own stage context and no progress reports. */
  public LocalExecutor(Path root, int threads) {
    this(root, threads, new StageContext(), null);
  }

  public Layout layout() {
    return layout;
  }

  @Override
  public RunSummary run(Pipeline pipeline, List<Shard> shards) {
    RunFiles.checkShards(shards);
    RunFiles.claim(layout, pipeline, shards);
    List<Stage> stages = RunFiles.build(pipeline, context);
    List<Phase> phases = Phase.plan(stages);
    int[] counts = new int[2]; // run, skipped
    for (Phase phase : phases) {
      Map<Integer, List<GlobalStage.Removal>> removals = phase.applies() == null ? Map.of()
          : StatsFiles.readRemovals(layout.removals(phase.applies().name()));
      runPhase(pipeline, phase, phases.size(), shards, removals, counts);
      if (phase.keys() != null) {
        decide(phase, shards);
      }
    }
    return RunFiles.summarize(layout, pipeline, stages, phases, shards, counts[0], counts[1]);
  }

  private void runPhase(Pipeline pipeline, Phase phase, int phaseCount, List<Shard> shards,
      Map<Integer, List<GlobalStage.Removal>> removals, int[] counts) {
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "tailguard-curate");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int s = 0; s < shards.size(); s++) {
        Shard shard = shards.get(s);
        if (Files.exists(layout.done(phase.index(), shard.id()))) {
          counts[1]++;
          progress.shardDone(phase.index(), phaseCount, shard, true);
          continue;
        }
        counts[0]++;
        List<GlobalStage.Removal> mine = removals.getOrDefault(s, List.of());
        futures.add(pool.submit(() -> {
          ShardTask.run(layout, pipeline, phase, shard, mine);
          progress.shardDone(phase.index(), phaseCount, shard, false);
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          pool.shutdownNow();
          awaitQuietly(pool);
          Throwable c = e.getCause();
          if (c instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException(c);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void awaitQuietly(ExecutorService pool) {
    try {
      pool.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The global stage's decision, computed once over all shards' keys and recorded. */
  private void decide(Phase phase, List<Shard> shards) {
    Path file = layout.removals(phase.keys().name());
    if (Files.exists(file)) {
      return;
    }
    List<long[][]> keys = new ArrayList<>(shards.size());
    for (Shard s : shards) {
      keys.add(ShardTask.readKeys(layout.keys(phase.index(), s.id())));
    }
    StatsFiles.writeRemovals(file, phase.keys().decide(keys));
  }
}
