package org.tailguard.text.indicators;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

/**
 * Every n-gram occurrence of a set of word-id sequences, for orders 1..N, as dense ids per order.
 *
 * <p>An n-gram never crosses a sequence boundary: sequence s of length L holds max(0, L − n + 1)
 * n-grams of order n. Ids of order n are dense in [0, {@link #distinct(int)}), numbered in order of
 * first occurrence, so per-n-gram statistics fit in primitive arrays.
 */
final class NGramTable {
  /*
   * Interning is a trie over orders: the n-gram at position i is (the (n−1)-gram at i, word i+n−1), keyed
   * as one long (dense id of the prefix in the high 32 bits, the word id in the low 32). One hash map per
   * order, no boxing, no string or array keys; works for any n and any vocabulary up to 2^31 words.
   * Memory: one int per occurrence per order, plus the maps while building.
   */
  private final int maxOrder;
  private final int[][] ids; // ids[n-1]: all n-gram occurrences, sequence after sequence
  private final int[][] offsets; // offsets[n-1][s]: first occurrence of sequence s; length sequences + 1
  private final int[] distinct;
  private final int[] dense; // word id -> dense unigram id, or -1; null unless built for lookups
  private final Long2IntOpenHashMap[] interns; // interns[n-1] for n >= 2; null unless built for lookups

  private NGramTable(int maxOrder, int[][] ids, int[][] offsets, int[] distinct, int[] dense,
      Long2IntOpenHashMap[] interns) {
    this.maxOrder = maxOrder;
    this.ids = ids;
    this.offsets = offsets;
    this.distinct = distinct;
    this.dense = dense;
    this.interns = interns;
  }

  /**
   * Indexes the n-grams of orders 1..maxOrder of the sequences.
   *
   * @param sequences word ids, each id at least 0
   * @param maxOrder the highest order, at least 1
   */
  static NGramTable of(int[][] sequences, int maxOrder) {
    return build(sequences, maxOrder, false);
  }

  /** As {@link #of}, keeping the interning maps so that {@link #find} can look n-grams up. */
  static NGramTable withLookup(int[][] sequences, int maxOrder) {
    return build(sequences, maxOrder, true);
  }

  private static NGramTable build(int[][] sequences, int maxOrder, boolean lookup) {
    if (maxOrder < 1) {
      throw new IllegalArgumentException("n: must be at least 1, got " + maxOrder);
    }
    int seqs = sequences.length;
    int[][] ids = new int[maxOrder][];
    int[][] offsets = new int[maxOrder][];
    int[] distinct = new int[maxOrder];
    for (int n = 1; n <= maxOrder; n++) {
      int[] off = new int[seqs + 1];
      long total = 0;
      for (int s = 0; s < seqs; s++) {
        off[s] = (int) total;
        total += Math.max(0, sequences[s].length - n + 1);
        if (total > Integer.MAX_VALUE - 16) {
          throw new IllegalArgumentException("corpus too large: more than 2^31 " + n + "-grams");
        }
      }
      off[seqs] = (int) total;
      offsets[n - 1] = off;
      ids[n - 1] = new int[(int) total];
    }
    // order 1: remap word ids to dense ids in order of first occurrence
    int maxWord = -1;
    for (int[] seq : sequences) {
      for (int w : seq) {
        if (w < 0) {
          throw new IllegalArgumentException("word ids must be at least 0, got " + w);
        }
        maxWord = Math.max(maxWord, w);
      }
    }
    int[] dense = new int[maxWord + 1];
    java.util.Arrays.fill(dense, -1);
    int next = 0;
    int[] uni = ids[0];
    int k = 0;
    for (int[] seq : sequences) {
      for (int w : seq) {
        int d = dense[w];
        if (d < 0) {
          d = next++;
          dense[w] = d;
        }
        uni[k++] = d;
      }
    }
    distinct[0] = next;
    Long2IntOpenHashMap[] interns = lookup ? new Long2IntOpenHashMap[maxOrder] : null;
    for (int n = 2; n <= maxOrder; n++) {
      int[] prev = ids[n - 2];
      int[] prevOff = offsets[n - 2];
      int[] cur = ids[n - 1];
      Long2IntOpenHashMap intern = new Long2IntOpenHashMap(Math.max(16, cur.length / 2));
      intern.defaultReturnValue(-1);
      int id = 0;
      int c = 0;
      for (int s = 0; s < seqs; s++) {
        int[] seq = sequences[s];
        int p = prevOff[s];
        for (int i = 0; i + n <= seq.length; i++) {
          long key = ((long) prev[p + i] << 32) | (seq[i + n - 1] & 0xFFFFFFFFL);
          int g = intern.putIfAbsent(key, id);
          if (g < 0) {
            g = id++;
          }
          cur[c++] = g;
        }
      }
      distinct[n - 1] = id;
      if (lookup) {
        interns[n - 1] = intern;
      }
    }
    return new NGramTable(maxOrder, ids, offsets, distinct, lookup ? dense : null, interns);
  }

  /**
   * The dense id of the n-gram {@code words[from .. from+n-1]} (word ids of the indexed corpus's space),
   * or -1 if the indexed sequences do not contain it. Only for a table built {@link #withLookup}.
   */
  int find(int[] words, int from, int n) {
    int w = words[from];
    int g = w >= 0 && w < dense.length ? dense[w] : -1;
    for (int k = 1; k < n && g >= 0; k++) {
      int next = words[from + k];
      g = next < 0 ? -1 : interns[k].get(((long) g << 32) | (next & 0xFFFFFFFFL));
    }
    return g;
  }

  int maxOrder() {
    return maxOrder;
  }

  /** The number of distinct n-grams of order n. */
  int distinct(int n) {
    return distinct[n - 1];
  }

  /** The number of n-gram occurrences of order n. */
  int occurrences(int n) {
    return ids[n - 1].length;
  }

  /** All occurrences of order n, sequence after sequence; shared, do not modify. */
  int[] ids(int n) {
    return ids[n - 1];
  }

  /** Where sequence s's occurrences of order n start in {@link #ids(int)}; entry s+1 is where they end. */
  int[] offsets(int n) {
    return offsets[n - 1];
  }

  /** The number of sequences. */
  int sequences() {
    return offsets[0].length - 1;
  }
}
