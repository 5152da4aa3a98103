package org.tailguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main job at its quick size: every published claim in the reproduction table holds, and the
 * landing page, the comparison reports and the run reports are written. The runs are seeded, so the table is
 * the same on every machine and thread count.
 */
class DemoTest {
  @Test
  void quickDemo_reproducesEveryClaimAndWritesTheReports(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    CliTest.Result r = CliTest.cli("demo", "--quick", "--progress", "none", "--data-dir", data.toString());
    assertEquals(0, r.status(), r.err());
    Matcher m = Pattern.compile("(\\d+) of (\\d+) claims reproduced").matcher(r.out());
    assertTrue(m.find(), r.out());
    assertEquals(m.group(2), m.group(1), r.out());
    assertTrue(Integer.parseInt(m.group(2)) >= 19, r.out());
    assertTrue(r.out().contains("Vocabulary Diversity") && r.out().contains("Quality Score"), "the seed table");
    String index = Files.readString(data.resolve("demo/index.html"));
    assertTrue(index.contains("published claims reproduced"), index);
    for (String group : new String[] {"gaussian", "regression", "gmm", "categorical", "text"}) {
      assertTrue(Files.exists(data.resolve("demo").resolve(group).resolve("index.html")), group);
      assertTrue(index.contains("href=\"" + group + "/index.html\""), group);
    }
    // the monitor: warnings on the collapsing model, none on the control, each row agreeing with its expectation
    assertTrue(Files.exists(data.resolve("monitor.db")));
    String collapsing = r.out().lines().filter(l -> l.startsWith("demo-collapsing")).findFirst().orElseThrow();
    String control = r.out().lines().filter(l -> l.startsWith("demo-control")).findFirst().orElseThrow();
    assertTrue(collapsing.contains("distinct-n-down") && collapsing.trim().endsWith("yes"), collapsing);
    assertTrue(control.matches(".*\\s0\\s+-\\s+yes\\s*"), control);
    try (var runs = Files.list(data.resolve("runs"))) {
      assertEquals(13, runs.filter(p -> Files.exists(p.resolve("report/index.html"))).count());
    }
  }
}
