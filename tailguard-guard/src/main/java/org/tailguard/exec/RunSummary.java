package org.tailguard.exec;

import java.nio.file.Path;
import java.util.List;
import org.tailguard.curate.StageStats;

/**
 * What a run did: the statistics of every stage merged over all shards (in pipeline order), the document
 * counts in and out, the output files, and how many shard-phases ran or were skipped as already done.
 *
 * @param pipeline the pipeline's name
 * @param pipelineSha256 the SHA-256 of its canonical JSON
 * @param stages per-stage statistics, merged over shards, in pipeline order
 * @param documentsIn documents read from the shards
 * @param documentsOut documents kept
 * @param outputs the kept-document files, in shard order
 * @param tasksRun shard-phases run now
 * @param tasksSkipped shard-phases skipped because their done marker existed
 */
public record RunSummary(String pipeline, String pipelineSha256, List<StageStats> stages, long documentsIn,
    long documentsOut, List<Path> outputs, int tasksRun, int tasksSkipped) {

  public RunSummary {
    stages = List.copyOf(stages);
    outputs = List.copyOf(outputs);
  }

  /** The merged statistics of a stage. */
  public StageStats stage(String name) {
    return stages.stream().filter(s -> s.stage().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no stage " + name));
  }
}
