/**
 * Exact and near-duplicate detection: a datatrove-style normaliser, exact dedup by a 128-bit hash, MinHash-LSH
 * with an automatic (bands, rows) choice and optional exact Jaccard verification, deterministic min-index
 * union-find clusters, a labelled near-duplicate set with measured precision and recall, and a benchmark
 * harness racing Lucene's and Spark MLlib's MinHash in the same run.
 */
package org.tailguard.curate.dedup;
