package org.tailguard.curate.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DedupBenchmarkTest {

  /** The harness in quick mode: every built-in peer is timed and scored. */
  @Test
  void quick_timesAndScoresEveryPeer() {
    DedupBenchmark.Report r = DedupBenchmark.run(DedupBenchmark.Options.quick(), DedupBenchmark.defaultPeers(1));
    System.out.println(r.table());
    List<String> names = r.rows().stream().map(x -> x.peer() + "/" + x.task()).toList();
    assertTrue(names.containsAll(List.of("tailguard/signatures", "tailguard/search", "lucene-khash/signatures",
        "lucene-oph/signatures")), names.toString());
    for (DedupBenchmark.Row row : r.rows()) {
      assertTrue(row.seconds() > 0 && row.docs() == 300, row.toString());
    }
    DedupBenchmark.Row search = r.rows().stream().filter(x -> x.peer().equals("tailguard")
        && x.task().equals("search")).findFirst().orElseThrow();
    assertEquals(1.0, search.precision(), 0, "verified search reports only true pairs");
    assertTrue(search.recall() > 0.5, "search recall " + search.recall());
    assertTrue(r.table().contains("ours/x"));
  }
}
