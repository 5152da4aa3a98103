package org.tailguard.text.indicators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimeToLossTest {
  /*
   * Generation 0: a ×3, b ×2, c ×1. Generation 1 "a a b b b": c vanishes (1). Generation 2 "a a a a": b
   * vanishes (2). Generation 3 "a b": b is back. Each generation has its own vocabulary: words match by
   * spelling, and d (new in generation 1) is not tracked.
   */
  @Test
  void table_listsWordsByTheGenerationTheyVanish() {
    TimeToLoss t = TimeToLoss.start(Texts.of("a a a b", "b c"));
    t.observe(Texts.of("a a b b b d"));
    t.observe(Texts.of("a a a a"));
    t.observe(Texts.of("a b"));
    assertEquals(3, t.generations());
    assertEquals(List.of(new TimeToLoss.Row("c", 1, 1, false), new TimeToLoss.Row("b", 2, 2, true),
        new TimeToLoss.Row("a", 3, 0, false)), t.table());
    assertArrayEquals(new int[] {0, 1, 1, 0}, t.lostPerGeneration());
  }

  @Test
  void table_ordersTiesByCountThenSpelling() {
    TimeToLoss t = TimeToLoss.start(Texts.of("z y y x x x w w w w"));
    t.observe(Texts.of("w"));
    List<TimeToLoss.Row> rows = t.table();
    assertEquals(List.of("z", "y", "x", "w"), rows.stream().map(TimeToLoss.Row::word).toList());
    assertEquals(List.of(true, true, true, false), rows.stream().map(TimeToLoss.Row::lost).toList());
  }

  @Test
  void specialTokens_areNotTracked() {
    // with min count 2, "rare" is <unk> in generation 0
    TimeToLoss t = TimeToLoss.start(Texts.of(2, "a a rare"));
    t.observe(Texts.of("b"));
    assertEquals(List.of(new TimeToLoss.Row("a", 2, 1, false)), t.table());
  }
}
