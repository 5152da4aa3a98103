package org.tailguard.curate;

import java.util.List;

/**
 * A stage that needs the whole collection, such as deduplication: datatrove's multi-step MinHash pipeline
 * (signatures per task, then buckets and clusters over all tasks, then a filter per task).
 *
 * <p>An executor computes {@link #key} for every document reaching the stage, shard by shard (in parallel),
 * then calls {@link #decide} once with all keys in the global order (shard order, then position in the
 * shard), then removes the decided documents from each shard. Both methods are pure, so an embedded and a
 * distributed executor reach the same decisions. Keys are {@code long[]} so that they serialise cheaply.
 */
public non-sealed interface GlobalStage extends Stage {

  /** The document's key (a content hash, band hashes and a signature…). */
  long[] key(Doc doc);

  /**
   * Which documents to remove.
   *
   * @param keys {@code keys.get(s)[i]} is the key of the i-th document of shard s reaching this stage
   * @return the removals, sorted by shard and position
   */
  List<Removal> decide(List<long[][]> keys);

  /**
   * One document to remove.
   *
   * @param shard the shard's index in the run
   * @param position the document's position among the shard's documents reaching the stage
   * @param reason the drop reason, such as {@code exact_duplicate}
   * @param score the score behind it (such as the estimated Jaccard similarity to the kept document)
   * @param keptShard the shard of the document kept in its place
   * @param keptPosition its position
   */
  record Removal(int shard, int position, String reason, double score, int keptShard, int keptPosition)
      implements java.io.Serializable, Comparable<Removal> {
    @Override
    public int compareTo(Removal o) {
      return shard != o.shard ? Integer.compare(shard, o.shard) : Integer.compare(position, o.position);
    }
  }
}
