package org.tailguard.curate;

import java.util.List;

/** The global order of a global stage's keys: shard by shard, position by position. */
final class GlobalIndex {
  private GlobalIndex() {}

  static int size(List<long[][]> keys) {
    long n = 0;
    for (long[][] s : keys) {
      n += s.length;
    }
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("more than 2^31 documents reach one global stage");
    }
    return (int) n;
  }

  static int[] shards(List<long[][]> keys) {
    int[] out = new int[size(keys)];
    int g = 0;
    for (int s = 0; s < keys.size(); s++) {
      for (int i = 0; i < keys.get(s).length; i++) {
        out[g++] = s;
      }
    }
    return out;
  }

  static int[] positions(List<long[][]> keys) {
    int[] out = new int[size(keys)];
    int g = 0;
    for (long[][] s : keys) {
      for (int i = 0; i < s.length; i++) {
        out[g++] = i;
      }
    }
    return out;
  }

  static long[][] flatten(List<long[][]> keys) {
    long[][] out = new long[size(keys)][];
    int g = 0;
    for (long[][] s : keys) {
      for (long[] k : s) {
        out[g++] = k;
      }
    }
    return out;
  }
}
