package org.tailguard.monitor;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.Arrays;
import java.util.List;

/**
 * The near-duplicate rate of a list of responses: the share of responses whose word-trigram shingle set has
 * Jaccard similarity at least {@link #THRESHOLD} with an earlier response's (collapse-science.md §4,
 * "exact and near-duplicate rate: MinHash Jaccard ≥ a threshold"; the threshold 0.8 is the Jaccard check of
 * the datatrove and text-dedup MinHash configurations, defenses.md §4).
 *
 * <p>The Jaccard similarities are computed exactly over all pairs rather than estimated by MinHash: the
 * monitor applies it to a sample of at most {@code duplicate_sample} responses, where exact pairs are cheap
 * (sets are compared only when their sizes allow J ≥ 0.8: min/max ≥ 0.8) and need no false-positive
 * check. A response shorter than three words has one shingle, its whole text, so it only matches itself
 * exactly. Exact duplicates count as near duplicates (J = 1).
 */
final class NearDuplicates {
  /** The Jaccard similarity at which two responses are near duplicates. */
  static final double THRESHOLD = 0.8;
  /** Words per shingle. */
  static final int SHINGLE = 3;

  private NearDuplicates() {}

  /** The share of documents (word arrays) that are near duplicates of an earlier one; NaN if empty. */
  static double rate(List<String[]> documents) {
    int n = documents.size();
    if (n == 0) {
      return Double.NaN;
    }
    long[][] sets = new long[n][];
    for (int i = 0; i < n; i++) {
      sets[i] = shingles(documents.get(i));
    }
    int dup = 0;
    for (int i = 1; i < n; i++) {
      for (int j = 0; j < i; j++) {
        if (jaccard(sets[i], sets[j]) >= THRESHOLD) {
          dup++;
          break;
        }
      }
    }
    return (double) dup / n;
  }

  /** The sorted distinct hashes of a document's word trigrams (its whole text if shorter). */
  static long[] shingles(String[] words) {
    if (words.length < SHINGLE) {
      return new long[] {Digester.HASH.hashCharsToLong(String.join(" ", words))};
    }
    LongOpenHashSet s = new LongOpenHashSet(words.length);
    for (int i = 0; i + SHINGLE <= words.length; i++) {
      s.add(Digester.HASH.hashCharsToLong(words[i] + ' ' + words[i + 1] + ' ' + words[i + 2]));
    }
    long[] a = s.toLongArray();
    Arrays.sort(a);
    return a;
  }

  /** |a ∩ b| / |a ∪ b| of two sorted distinct arrays; 0 when their sizes already rule out the threshold. */
  static double jaccard(long[] a, long[] b) {
    int small = Math.min(a.length, b.length);
    int large = Math.max(a.length, b.length);
    if (small < THRESHOLD * large) {
      return 0; // J ≤ small/large < threshold
    }
    int i = 0;
    int j = 0;
    int common = 0;
    while (i < a.length && j < b.length) {
      int c = Long.compare(a[i], b[j]);
      if (c == 0) {
        common++;
        i++;
        j++;
      } else if (c < 0) {
        i++;
      } else {
        j++;
      }
    }
    return (double) common / (a.length + b.length - common);
  }
}
