package org.tailguard.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tailguard.curate.GlobalStage;
import org.tailguard.curate.Stage;
import org.tailguard.curate.StageConfig;
import org.tailguard.curate.StageContext;
import org.tailguard.curate.StageStats;
import org.tailguard.spec.SpecException;

/**
 * The run-directory bookkeeping that an executor outside this package (the Spark executor) needs to write the
 * same {@link Layout} as {@link LocalExecutor} (style pattern 9: executors share the layout, not the
 * scheduling): the shard checks, the pipeline record that guards reruns, the global stages' recorded
 * decisions, and the merged run summary. Each method does exactly what {@link LocalExecutor} does, so the two
 * executors' files are byte-identical.
 */
public final class RunFiles {
  private RunFiles() {}

  /** Refuses an empty shard list or duplicate shard ids. */
  public static void checkShards(List<Shard> shards) {
    if (shards.isEmpty()) {
      throw new SpecException("shards", "no input shards");
    }
    Set<String> ids = new HashSet<>();
    for (Shard s : shards) {
      if (!ids.add(s.id())) {
        throw new SpecException("shards", "two shards are named " + s.id() + "; shard ids must be unique");
      }
    }
  }

  /** Records the pipeline and shards in the run directory, or checks that a rerun matches them. */
  public static void claim(Layout layout, Pipeline pipeline, List<Shard> shards) {
    String record = pipeline.canonicalJson() + "\n" + String.join("\n",
        shards.stream().map(s -> s.id() + "\t" + s.path() + "\t" + s.source()).toList()) + "\n";
    Path f = layout.pipelineFile();
    try {
      if (Files.exists(f)) {
        if (!Files.readString(f).equals(record)) {
          throw new SpecException(layout.root() + ": holds a run of another pipeline or shard list; "
              + "use a new output directory (or delete this one) to start over");
        }
        return;
      }
      Files.createDirectories(layout.root());
    } catch (IOException e) {
      throw new UncheckedIOException(f + ": " + e.getMessage(), e);
    }
    StatsFiles.atomic(f, record);
  }

  /** Builds the pipeline's stages in order. */
  public static List<Stage> build(Pipeline pipeline, StageContext context) {
    List<Stage> stages = new ArrayList<>();
    for (StageConfig c : pipeline.stages()) {
      stages.add(c.build(context));
    }
    return stages;
  }

  /** A global stage's recorded removals by shard index, each list sorted by position. */
  public static Map<Integer, List<GlobalStage.Removal>> readRemovals(Path file) {
    return StatsFiles.readRemovals(file);
  }

  /** Records a global stage's removals (atomically), as {@link LocalExecutor} does. */
  public static void writeRemovals(Path file, List<GlobalStage.Removal> removals) {
    StatsFiles.writeRemovals(file, removals);
  }

  /** Merges every shard-phase's statistics, writes {@code summary.json} and returns the summary. */
  public static RunSummary summarize(Layout layout, Pipeline pipeline, List<Stage> stages, List<Phase> phases,
      List<Shard> shards, int run, int skipped) {
    Map<String, StageStats> merged = new LinkedHashMap<>();
    for (Stage s : stages) {
      merged.put(s.name(), new StageStats(s.name(), s.histogram()));
    }
    merged.put(ShardTask.READ, new StageStats(ShardTask.READ, null));
    merged.put(ShardTask.WRITTEN, new StageStats(ShardTask.WRITTEN, null));
    for (Phase p : phases) {
      for (Shard s : shards) {
        StatsFiles.read(layout.stats(p.index(), s.id())).forEach((name, st) -> merged.get(name).merge(st));
      }
    }
    List<StageStats> out = new ArrayList<>();
    for (Stage s : stages) {
      StageStats st = merged.get(s.name());
      st.check();
      out.add(st);
    }
    List<Path> outputs = shards.stream().map(s -> layout.output(s.id(), pipeline.output())).toList();
    RunSummary summary = new RunSummary(pipeline.name(), pipeline.sha256().hex(), out,
        merged.get(ShardTask.READ).get("total"), merged.get(ShardTask.WRITTEN).get("total"), outputs, run, skipped);
    Summaries.writeJson(layout.summaryJson(), summary);
    return summary;
  }
}
