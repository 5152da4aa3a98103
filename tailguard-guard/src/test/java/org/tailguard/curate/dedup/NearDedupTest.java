package org.tailguard.curate.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tailguard.random.RandomStreams;

class NearDedupTest {
  private static NearDuplicateSet set;

  /** A small labelled set: bundled corpus chunks if on the classpath, else synthetic Zipf text. */
  @BeforeAll
  static void build() {
    List<String> pool = CorpusTexts.bundledChunks(120);
    if (pool.size() < 600) {
      pool = CorpusTexts.synthetic(600, 120, RandomStreams.of(11));
    }
    set = NearDuplicateSet.build(pool, 600, 400, new NearDedup(NearDedupSpec.DEFAULT), RandomStreams.of(12));
  }

  @Test
  void run_sameClustersAndRepresentativesOnAnyThreadCount() {
    NearDedup d = new NearDedup(NearDedupSpec.DEFAULT);
    NearDedup.Result one = d.run(set.docs(), 1);
    for (int threads : new int[] {2, 3, 8}) {
      NearDedup.Result many = d.run(set.docs(), threads);
      assertArrayEquals(one.candidatePairs(), many.candidatePairs(), threads + " threads");
      assertArrayEquals(one.merged(), many.merged(), threads + " threads");
      assertArrayEquals(one.representative(), many.representative(), threads + " threads");
    }
    assertTrue(one.removed() > 0, "the set has near duplicates to remove");
  }

  @Test
  void run_keepsTheFirstDocumentOfEachCluster() {
    NearDedup.Result r = new NearDedup(NearDedupSpec.DEFAULT).run(set.docs(), 2);
    for (int i = 0; i < r.representative().length; i++) {
      int rep = r.representative()[i];
      assertTrue(rep <= i);
      assertEquals(rep, r.representative()[rep], "a representative represents itself");
    }
  }

  @Test
  void run_verificationMergesOnlyPairsAtOrAboveThreshold() {
    NearDedup.Result r = new NearDedup(NearDedupSpec.DEFAULT).run(set.docs(), 1);
    for (int k = 0; k < r.candidatePairs().length; k++) {
      int i = NearDedup.Result.first(r.candidatePairs()[k]);
      int j = NearDedup.Result.second(r.candidatePairs()[k]);
      assertEquals(set.jaccardOf(i, j), r.jaccard()[k], 1e-15);
      assertEquals(r.jaccard()[k] >= 0.7, r.merged()[k]);
    }
  }

  @Test
  void run_exactCopiesAreAlwaysFound() {
    List<String> docs = new ArrayList<>(set.docs().subList(0, 50));
    docs.add(docs.get(3).toUpperCase());
    docs.add("  " + docs.get(10) + "  ");
    NearDedup.Result r = new NearDedup(NearDedupSpec.DEFAULT).run(docs, 1);
    assertEquals(r.representative()[3], r.representative()[50]);
    assertEquals(r.representative()[10], r.representative()[51]);
  }

  /** Union-find over random edges added in random orders: the partition and its minima do not change. */
  @Test
  void unionFind_orderIndependentWithMinimumRoots() {
    qt().withFixedSeed(5L).withExamples(100).forAll(integers().between(2, 60), integers().between(0, 120))
        .check((n, m) -> {
          UniformRandomProvider rng = RandomStreams.of(n * 1000L + m);
          int[][] edges = new int[m][];
          for (int e = 0; e < m; e++) {
            edges[e] = new int[] {rng.nextInt(n), rng.nextInt(n)};
          }
          UnionFind a = new UnionFind(n);
          for (int[] e : edges) {
            a.union(e[0], e[1]);
          }
          int[] order = PermutationSampler.natural(m);
          PermutationSampler.shuffle(rng, order);
          UnionFind b = new UnionFind(n);
          for (int k : order) {
            b.union(edges[k][1], edges[k][0]);
          }
          int[] ra = a.roots();
          int[] rb = b.roots();
          for (int i = 0; i < n; i++) {
            if (ra[i] != rb[i] || ra[i] > i || ra[ra[i]] != ra[i]) {
              return false;
            }
          }
          return true;
        });
  }
}
