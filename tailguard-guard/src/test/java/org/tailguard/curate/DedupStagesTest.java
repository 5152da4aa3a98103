package org.tailguard.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dedup stages decide over keys in shard order: the first copy is kept, later copies name it. */
class DedupStagesTest {
  static final String A = "the quick brown fox jumps over the lazy dog while the cat sleeps on a warm windowsill "
      + "and the children play football in the park near the river under a clear blue sky all afternoon";
  static final String B = "a completely different text about budgets taxes roads schools hospitals and the many "
      + "plans of the government for the coming year with numbers tables and long careful explanations";

  static List<long[][]> keys(GlobalStage s, String[][] shards) {
    List<long[][]> out = new ArrayList<>();
    for (String[] sh : shards) {
      long[][] k = new long[sh.length][];
      for (int i = 0; i < sh.length; i++) {
        k[i] = s.key(Doc.of("d", sh[i], "s"));
      }
      out.add(k);
    }
    return out;
  }

  @Test
  void exact_keepsFirstInShardOrder() {
    GlobalStage s = (GlobalStage) ExactDedupStage.Config.defaults().build(new StageContext());
    String[][] shards = {{B, A}, {A.toUpperCase() + "!", B}, {"short"}};
    List<GlobalStage.Removal> r = s.decide(keys(s, shards));
    assertEquals(List.of(new GlobalStage.Removal(1, 0, "exact_duplicate", 1, 0, 1),
        new GlobalStage.Removal(1, 1, "exact_duplicate", 1, 0, 0)), r, "normalised text: case and punctuation fold");
  }

  @Test
  void near_removesEditedCopyWithItsSimilarity() {
    GlobalStage s = (GlobalStage) NearDedupStage.Config.defaults().build(new StageContext());
    String edited = A.replace("football", "tennis");
    List<GlobalStage.Removal> r = s.decide(keys(s, new String[][] {{A, B}, {edited}, {"too short"}}));
    assertEquals(1, r.size());
    GlobalStage.Removal x = r.getFirst();
    assertEquals(List.of(1, 0, 0, 0), List.of(x.shard(), x.position(), x.keptShard(), x.keptPosition()));
    assertEquals("near_duplicate", x.reason());
    // One word of 35 changed touches 5 of the 31 five-word shingles: Jaccard 26/36 = 0.72; the MinHash
    // estimate over 128 rows has standard error 0.04, so it lies within 0.72 +- 0.16 (4 SE).
    assertEquals(26.0 / 36, x.score(), 0.16);
  }
}
