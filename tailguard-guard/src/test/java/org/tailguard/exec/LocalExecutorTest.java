package org.tailguard.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.curate.C4Quality;
import org.tailguard.curate.ExactDedupStage;
import org.tailguard.curate.FineWebQuality;
import org.tailguard.curate.GopherQuality;
import org.tailguard.curate.GopherRepetition;
import org.tailguard.curate.NearDedupStage;
import org.tailguard.curate.StageStats;

/** The embedded executor: stats add up across stages and shards; outputs do not depend on the thread count. */
class LocalExecutorTest {
  @TempDir
  Path tmp;

  static Pipeline pipeline() {
    return Pipeline.of("test", GopherQuality.Config.defaults(), ExactDedupStage.Config.defaults(),
        GopherRepetition.Config.defaults(), NearDedupStage.Config.defaults(), FineWebQuality.Config.defaults(),
        C4Quality.Config.defaults());
  }

  @Test
  void stats_addUpAcrossStagesAndShards() throws Exception {
    List<Shard> shards = Fixtures.shards(tmp.resolve("in"), "sotu:train", 4, 300, ".jsonl.gz");
    RunSummary s = new LocalExecutor(tmp.resolve("out"), 2).run(pipeline(), shards);
    long previous = s.documentsIn();
    for (StageStats st : s.stages()) {
      st.check();
      assertEquals(previous, st.get("total"), st.stage() + " sees what the stage before kept");
      previous = st.get("kept");
    }
    assertEquals(previous, s.documentsOut());
    assertTrue(s.stage("exact_dedup").get("dropped_exact_duplicate") > 0);
    assertTrue(s.stage("near_dedup").get("dropped_near_duplicate") > 0);
    assertTrue(s.stage("gopher_quality").get("dropped_gopher_short_doc") > 0);
    System.out.println(Summaries.toJson(s).toPrettyString());
  }

  @Test
  void outputs_sameOnOneAndTwoThreads() throws Exception {
    List<Shard> shards = Fixtures.shards(tmp.resolve("in"), "sotu:train", 5, 200, ".jsonl");
    new LocalExecutor(tmp.resolve("one"), 1).run(pipeline(), shards);
    new LocalExecutor(tmp.resolve("two"), 2).run(pipeline(), shards);
    Map<String, String> one = Fixtures.digest(tmp.resolve("one"));
    assertTrue(one.size() > 20);
    assertEquals(one, Fixtures.digest(tmp.resolve("two")));
  }
}
