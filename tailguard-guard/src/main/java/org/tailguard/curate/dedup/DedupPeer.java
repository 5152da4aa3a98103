package org.tailguard.curate.dedup;

import java.util.List;

/**
 * A MinHash implementation raced by {@link DedupBenchmark}: ours, Lucene's {@code MinHashFilter}, or Spark
 * MLlib's {@code MinHashLSH} (registered through {@link java.util.ServiceLoader} by the module that has Spark).
 *
 * <p>Every peer receives the same normalised texts and must shingle them into word n-grams of the given size
 * and compute k hash minima per document; a peer that can also search returns the near-duplicate pairs it
 * reports at the threshold. The style guide's pattern 12 (Caffeine's {@code GetPutBenchmark}): rivals behind
 * one facade, inputs prepared outside the timed region.
 */
public interface DedupPeer extends AutoCloseable {

  /** A short name for the table. */
  String name();

  /** What this peer computes, stated honestly (hash family, amplification, verification). */
  String method();

  /**
   * Prepares for a workload; called once, untimed.
   *
   * @param shingleSize the word n-gram size
   * @param numPerm the number of hash values per document
   * @param lsh the banding used by peers that band
   */
  void configure(int shingleSize, int numPerm, LshParams lsh);

  /**
   * The k-component signature of each text, single-threaded.
   *
   * @param texts normalised texts
   * @return per text, k components (any 64-bit encoding whose equality means equal minima); null for a text
   *     without shingles
   */
  long[][] signatures(List<String> texts);

  /** True if {@link #signatures} yields k components comparable with the other peers' (timed and scored). */
  default boolean signs() {
    return true;
  }

  /** The number of cores the peer's timed calls use (for per-core figures). */
  default int cores() {
    return 1;
  }

  /** True if {@link #search} is implemented. */
  default boolean searches() {
    return false;
  }

  /**
   * The pairs reported as near duplicates at the threshold, single-core.
   *
   * @param texts normalised texts
   * @param threshold the Jaccard threshold
   * @return pairs packed {@code (long) i << 32 | j} with i < j, sorted, distinct
   */
  default long[] search(List<String> texts, double threshold) {
    throw new UnsupportedOperationException(name() + " does not search");
  }

  @Override
  default void close() {}
}
