package org.tailguard.exec;

import java.nio.file.Path;
import org.tailguard.curate.DocFormat;

/**
 * Where a run's files live under its output directory; shared by all executors so that their outputs can be
 * compared file by file.
 * <pre>
 *   pipeline.json                     the canonical pipeline and shard list (a rerun must match it)
 *   output/SHARD.EXT                  kept documents
 *   excluded/STAGE/SHARD.jsonl.zst    removed documents with stage, reason and score
 *   attributes/STAGE/SHARD.jsonl.zst  Dolma attribute records of every document the stage saw
 *   work/phase-P/SHARD.jsonl.zst      documents between phases (before a global stage)
 *   work/phase-P/SHARD.keys           the global stage's keys
 *   global/STAGE.removals.jsonl       the global stage's decisions
 *   stats/phase-P/SHARD.json          shard statistics
 *   done/phase-P/SHARD                the completion marker, written last
 *   summary.json, summary.html        the run summary
 * </pre>
 *
 * @param root the output directory
 */
public record Layout(Path root) {
  public Path pipelineFile() {
    return root.resolve("pipeline.json");
  }

  public Path output(String shard, DocFormat format) {
    return root.resolve("output").resolve(shard + format.extension());
  }

  public Path excluded(String stage, String shard) {
    return root.resolve("excluded").resolve(stage).resolve(shard + ".jsonl.zst");
  }

  public Path attributes(String stage, String shard) {
    return root.resolve("attributes").resolve(stage).resolve(shard + ".jsonl.zst");
  }

  public Path between(int phase, String shard) {
    return root.resolve("work").resolve("phase-" + phase).resolve(shard + ".jsonl.zst");
  }

  public Path keys(int phase, String shard) {
    return root.resolve("work").resolve("phase-" + phase).resolve(shard + ".keys");
  }

  public Path removals(String stage) {
    return root.resolve("global").resolve(stage + ".removals.jsonl");
  }

  public Path stats(int phase, String shard) {
    return root.resolve("stats").resolve("phase-" + phase).resolve(shard + ".json");
  }

  public Path done(int phase, String shard) {
    return root.resolve("done").resolve("phase-" + phase).resolve(shard);
  }

  public Path summaryJson() {
    return root.resolve("summary.json");
  }

  public Path summaryHtml() {
    return root.resolve("summary.html");
  }
}
