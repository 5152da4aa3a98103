package org.tailguard.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tailguard dedup} end to end: the chosen (bands, rows), the S-curve, clusters, kept documents and
 * removals; {@code dedup eval}'s precision and recall; bad input exits 2 with one line naming the file and
 * line and leaves the previous outputs byte for byte.
 */
class DedupCliTest {
  @Test
  void dedup_printsBandsSCurveAndClusters_andEvalReportsPrecisionRecall(@TempDir Path dir) throws Exception {
    Path in = CurateCliTest.docs(dir.resolve("in.jsonl"), "d", 0, 50);
    Path out = dir.resolve("o");
    CliTest.Result r = CliTest.cli("dedup", in.toString(), "--threshold", "0.8", "--shingle", "5", "--perm", "128",
        "--out", out.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("chosen b="), r.out());
    assertTrue(r.out().contains("S-curve for b="), r.out());
    assertTrue(r.out().contains("10 duplicate clusters (largest 2 documents); 40 documents kept, 10 removed"), r.out());
    assertEquals(40, CurateCliTest.count(out.resolve("kept.jsonl.zst")));
    String x = new String(new com.github.luben.zstd.ZstdInputStream(
        Files.newInputStream(out.resolve("removed.jsonl.zst"))).readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(x.contains("\"duplicate_of\":\"d3\"") && x.contains("\"reason\":\"near_duplicate\""), x);
    CliTest.Result exact = CliTest.cli("dedup", in.toString(), "--exact", "--out", dir.resolve("e").toString());
    assertEquals(0, exact.status(), exact.err());
    assertTrue(exact.out().contains("40 documents kept, 10 removed"), exact.out());
    CliTest.Result badT = CliTest.cli("dedup", in.toString(), "--threshold", "1.5", "--out", out.toString());
    assertEquals(2, badT.status());
    assertEquals("tailguard: --threshold: must be in (0, 1), got 1.5", badT.err().strip());

    CliTest.Result eval = CliTest.cli("dedup", "eval", "--originals", "300", "--copies", "200", "--threads", "2");
    assertEquals(0, eval.status(), eval.err());
    assertTrue(eval.out().contains("candidate pairs") && eval.out().contains("removed documents"), eval.out());
    assertTrue(eval.out().lines().anyMatch(l -> l.matches("merged pairs\\s+\\d+\\s+1\\.0000\\s+0\\.\\d+")),
        "verified merges are all true pairs: " + eval.out());
  }

  @Test
  void badDocuments_exitTwoNamingFileAndLine_andKeepEarlierOutputs(@TempDir Path dir) throws Exception {
    Path h = CurateCliTest.docs(dir.resolve("h.jsonl"), "h", 0, 40);
    Path out = dir.resolve("dd");
    CliTest.Result ok = CliTest.cli("dedup", h.toString(), "--out", out.toString(), "--threads", "1");
    assertEquals(0, ok.status(), ok.err());
    byte[] kept = Files.readAllBytes(out.resolve("kept.jsonl.zst"));
    byte[] removed = Files.readAllBytes(out.resolve("removed.jsonl.zst"));
    for (Map.Entry<String, byte[]> e : CurateCliTest.badFiles().entrySet()) {
      Path f = Files.write(dir.resolve(e.getKey()), e.getValue());
      CliTest.Result r = CliTest.cli("dedup", h.toString(), f.toString(), "--out", out.toString());
      assertEquals(2, r.status(), e.getKey() + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().startsWith("tailguard: " + f + CurateCliTest.WHERE.get(e.getKey())), r.err());
      assertArrayEquals(kept, Files.readAllBytes(out.resolve("kept.jsonl.zst")), e.getKey());
      assertArrayEquals(removed, Files.readAllBytes(out.resolve("removed.jsonl.zst")), e.getKey());
    }
    CliTest.Result none = CliTest.cli("dedup", "--out", out.toString());
    assertEquals(2, none.status());
    assertEquals(1, none.err().strip().lines().count(), none.err());
  }
}
