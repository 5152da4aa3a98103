package org.tailguard.curate.dedup;

/**
 * Disjoint sets over 0..n−1 whose representative is always the smallest member (Tarjan, "Efficiency of a
 * good but not linear set union algorithm", JACM 1975, with path halving).
 *
 * <p>Linking the larger root under the smaller one makes each component's root its minimum index, so the
 * final partition and every representative depend only on the set of edges, never on the order in which
 * they were added or the threads that found them: keep-first semantics by construction. Union by minimum
 * gives no rank bound, but path halving keeps the amortised cost logarithmic (Tarjan and van Leeuwen 1984).
 */
public final class UnionFind {
  private final int[] parent;

  /** n singletons. */
  public UnionFind(int n) {
    parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
  }

  /** The smallest member of x's set. */
  public int find(int x) {
    int p = x;
    while (parent[p] != p) {
      parent[p] = parent[parent[p]];
      p = parent[p];
    }
    return p;
  }

  /** Merges the sets of x and y; returns false if they were already one. */
  public boolean union(int x, int y) {
    int rx = find(x);
    int ry = find(y);
    if (rx == ry) {
      return false;
    }
    if (rx < ry) {
      parent[ry] = rx;
    } else {
      parent[rx] = ry;
    }
    return true;
  }

  /** The representative (smallest member) of every element's set. */
  public int[] roots() {
    int[] r = new int[parent.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = find(i);
    }
    return r;
  }
}
