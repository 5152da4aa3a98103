package org.tailguard.detect.attack;

import java.util.ArrayList;
import java.util.List;

/** Splitting a text at single spaces and joining it back, as RAID's and MarkLLM's attacks do. */
final class Words {
  private Words() {}

  static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.split(" ", -1)) {
      out.add(w);
    }
    return out;
  }

  /** k distinct indices of [0, n) in increasing order, uniformly at random (partial Fisher–Yates). */
  static int[] choose(int n, int k, org.apache.commons.rng.UniformRandomProvider rng) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    k = Math.min(k, n);
    for (int i = 0; i < k; i++) {
      int j = i + rng.nextInt(n - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    int[] out = java.util.Arrays.copyOf(idx, k);
    java.util.Arrays.sort(out);
    return out;
  }

  static void checkRatio(String name, double r) {
    if (!(r >= 0 && r <= 1)) {
      throw new org.tailguard.spec.SpecException(name + ".ratio", "must be in [0, 1], got " + r);
    }
  }
}
