package org.tailguard.exec;

import java.util.List;

/**
 * Runs a {@link Pipeline} over shards (style pattern 9; datatrove's {@code PipelineExecutor}): the embedded
 * {@link LocalExecutor} here, a Spark executor in its own module. Every executor writes the same
 * {@link Layout} and must give byte-identical outputs for the same pipeline and shards: stages are pure,
 * shards are processed independently, and global stages decide over keys in shard order.
 */
public interface Executor {

  /**
   * Runs the pipeline, skipping shards whose phase already completed (resumption).
   *
   * @param pipeline the stages
   * @param shards the inputs, in the order that defines "first" for deduplication
   * @return the merged statistics and the outputs
   * @throws org.tailguard.spec.SpecException on bad input (naming the file and line), leaving completed
   *     shards' outputs in place
   */
  RunSummary run(Pipeline pipeline, List<Shard> shards);
}
