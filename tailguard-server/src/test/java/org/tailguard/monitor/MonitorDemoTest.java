package org.tailguard.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo data at its quick size with the default policy (the config's sample budgets and reference LM reduced for speed): the model whose versions are
 * successive generations of a text replace chain raises warnings (diversity and coverage fall as the chain
 * loses its rare words), and the control, whose versions all sample generation 0, raises none.
 */
class MonitorDemoTest {
  @TempDir Path dir;

  @Test
  void quickDemo_warnsOnCollapsing_quietOnControl() {
    // smaller sample budgets than the defaults (Self-BLEU and the drift test dominate the cost), and a reference
    // LM trained on the smaller held-out split sotu:test (the demo's models train on sotu:train)
    MonitorConfig c = MonitorConfig.defaults().withReference("sotu:test", "sotu:test").withBudgets(5000, 300, 10_000, 1000, 500).withDriftPermutations(200)
        .withDurability(MonitorConfig.Durability.NORMAL);
    try (Monitor m = Monitor.open(dir.resolve("monitor.db"), c)) {
      MonitorDemo.Result r = MonitorDemo.fill(m, MonitorDemo.Options.quick());
      assertEquals(List.of("gen-0", "gen-1", "gen-2", "gen-3", "gen-4", "gen-5"), r.versions());
      assertTrue(r.control().isEmpty(), () -> r.control().stream().map(Warning::message).collect(Collectors.joining("\n")));
      List<String> rules = r.collapsing().stream().map(Warning::rule).distinct().toList();
      assertTrue(rules.containsAll(List.of("distinct-n-down", "coverage-down")), rules.toString());
      assertTrue(r.collapsing().stream().noneMatch(w -> w.version().equals("gen-0")), "the baseline never warns");
      Warning last = r.collapsing().stream().filter(w -> w.version().equals("gen-5") && w.rule().equals("coverage-down"))
          .findFirst().orElseThrow(() -> new AssertionError("no coverage warning at gen-5: " + rules));
      assertEquals("gen-0", last.baselineVersion());
      assertFalse(last.examples().overRepresented().isEmpty() && last.examples().vanished().isEmpty(), "evidence");
      assertEquals(r.collapsing().stream().map(w -> w.version() + " " + w.rule() + " " + w.indicator()).sorted().toList(),
          m.warnings(MonitorDemo.COLLAPSING).stream().map(w -> w.version() + " " + w.rule() + " " + w.indicator()).sorted()
              .toList(), "stored as evaluated");
    }
  }
}
