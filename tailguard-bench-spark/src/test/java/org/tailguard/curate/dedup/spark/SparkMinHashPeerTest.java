package org.tailguard.curate.dedup.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tailguard.curate.dedup.CorpusTexts;
import org.tailguard.curate.dedup.DedupBenchmark;
import org.tailguard.curate.dedup.DedupPeer;
import org.tailguard.curate.dedup.LshParams;
import org.tailguard.curate.dedup.MinHasher;
import org.tailguard.curate.dedup.TextNormalizer;
import org.tailguard.random.RandomStreams;

class SparkMinHashPeerTest {

  /** Spark finds an edited copy, with the same shingles, and its signatures estimate Jaccard. */
  @Test
  void search_findsNearCopyAndSignaturesAgreeOnIt() {
    List<String> docs = new ArrayList<>(CorpusTexts.synthetic(40, 120, RandomStreams.of(3)));
    String[] w = docs.get(7).split(" ");
    w[60] = "zzz"; // one substitution in 120 words: 5 of 116 shingles change
    docs.add(String.join(" ", w));
    List<String> texts = docs.stream().map(TextNormalizer.DEFAULT::normalize).toList();
    try (DedupPeer spark = new SparkMinHashPeer.SameHashes()) {
      spark.configure(5, 64, new LshParams(8, 8));
      long[] pairs = spark.search(texts, 0.7);
      assertEquals(1, pairs.length);
      assertEquals((long) 7 << 32 | 40, pairs[0]);
      long[][] sigs = spark.signatures(texts);
      int[] a = new int[64];
      int[] b = new int[64];
      for (int i = 0; i < 64; i++) {
        a[i] = (int) sigs[7][i];
        b[i] = (int) sigs[40][i];
      }
      double j = 111.0 / 121; // 111 shared of 116 + 5 changed
      assertEquals(j, MinHasher.estimate(a, b), 4 * Math.sqrt(j * (1 - j) / 64) + 0.02);
    }
  }

  /** The whole harness in quick mode, Spark peers found through the service loader. */
  @Test
  void benchmark_quickIncludesSparkRows() {
    DedupBenchmark.Options quick = new DedupBenchmark.Options(120, 60, 120, 128, 0.7, 5, 1, 1, 7L);
    DedupBenchmark.Report r = DedupBenchmark.run(quick, DedupBenchmark.defaultPeers(1));
    System.out.println(r.table());
    List<String> names = r.rows().stream().map(x -> x.peer() + "/" + x.task()).toList();
    assertTrue(names.containsAll(List.of("spark-mllib-L=k/signatures", "spark-mllib-L=k/search",
        "spark-mllib-L=b/search")), names.toString());
    for (DedupBenchmark.Row row : r.rows()) {
      if (row.peer().startsWith("spark") && row.task().equals("search")) {
        assertTrue(row.precision() >= 0.99, "Spark verifies exactly: " + row);
      }
    }
  }
}
