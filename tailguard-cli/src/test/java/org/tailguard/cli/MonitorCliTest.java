package org.tailguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.monitor.Monitor;
import org.tailguard.monitor.MonitorConfig;

/**
 * {@code tailguard monitor}: ingest with {@code file:line} errors and default model/version, then show,
 * warnings and compare. The store is created first without a human reference (so the test needs no reference
 * LM); the commands then use the settings stored in it.
 */
class MonitorCliTest {
  @TempDir Path dir;

  static String line(String version, String response) {
    return "{\"version\":\"" + version + "\",\"response\":\"" + response + "\"}";
  }

  @Test
  void ingestShowWarningsCompare(@TempDir Path tmp) throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    try (Monitor m = Monitor.open(data.resolve("monitor.db"),
        MonitorConfig.defaults().withReference(MonitorConfig.NONE, MonitorConfig.NONE))) {
      // created with its settings
    }
    String d = data.toString();
    CliTest.Result missing = CliTest.cli("monitor", "show", "--data-dir", tmp.resolve("empty").toString());
    assertEquals(2, missing.status());
    assertTrue(missing.err().contains("no monitor store yet"), missing.err());

    Path bad = Files.writeString(dir.resolve("bad.jsonl"), line("v0", "fine") + "\n{\"version\":\"v0\"}\n");
    CliTest.Result r = CliTest.cli("monitor", "ingest", bad.toString(), "--model", "bot", "--data-dir", d);
    assertEquals(2, r.status(), r.out());
    assertTrue(r.err().contains(bad + ":2: field \"response\": missing"), r.err());

    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 300; i++) { // v0: varied answers; v1: a handful of answers, repeated
      lines.add(line("v0", "answer number " + i + " about topic " + (i * 7 % 101) + " and detail " + (i * 13 % 97)));
      lines.add(line("v1", "answer number " + (i % 5) + " about topic " + (i % 3)));
    }
    Path good = Files.write(dir.resolve("good.jsonl"), lines);
    r = CliTest.cli("monitor", "ingest", good.toString(), "--model", "bot", "--data-dir", d);
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("stored 600 records in 1 batches (bot/v0, bot/v1)"), r.out());
    assertTrue(r.out().contains("bot: ") && r.out().contains("warnings"), r.out());

    r = CliTest.cli("monitor", "show", "--data-dir", d);
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("distinct_n") && r.out().contains("v1") && r.out().contains("! distinct-n-down"), r.out());

    r = CliTest.cli("monitor", "warnings", "bot", "--data-dir", d);
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("[distinct-n-down] bot v1: distinct_n") && r.out().contains("from v0"), r.out());

    r = CliTest.cli("monitor", "compare", "bot", "v0", "v1", "--data-dir", d);
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("drift: FLAGGED") && r.out().contains("Hellinger") && r.out().contains("repeated:"),
        r.out());

    try (Monitor writer = Monitor.open(data.resolve("monitor.db"))) { // another writer holds the store
      r = CliTest.cli("monitor", "warnings", "bot", "--data-dir", d);
      assertEquals(0, r.status(), r.err());
      assertTrue(r.out().contains("[distinct-n-down] bot v1"), "read-only: the stored warnings: " + r.out());
      CliTest.Result ingest = CliTest.cli("monitor", "ingest", good.toString(), "--model", "bot", "--data-dir", d);
      assertEquals(2, ingest.status());
      assertTrue(ingest.err().contains("already open for writing"), ingest.err());
    }

    r = CliTest.cli("monitor", "compare", "nobody", "v0", "v1", "--data-dir", d);
    assertEquals(2, r.status());
    assertTrue(r.err().contains("unknown model nobody"), r.err());
  }
}
