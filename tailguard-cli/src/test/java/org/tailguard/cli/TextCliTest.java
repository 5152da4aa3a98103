package org.tailguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code tailguard text losses} and {@code text bench --quick} end to end. */
class TextCliTest {
  @Test
  void losses_printsTheTimeToLossAndGenreCoverage() {
    CliTest.Result r = CliTest.cli("text", "losses", "--samples", "800", "--generations", "2", "--top", "5");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("words lost") && r.out().contains("vanished at gen"), r.out());
    assertTrue(r.out().contains("science_fiction"), "per-genre coverage for Brown: " + r.out());
  }

  @Test
  void quickBench_printsEveryRatio() {
    CliTest.Result r = CliTest.cli("text", "bench", "--quick");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("in this JVM: build"), r.out());
    assertTrue(r.out().contains("Self-BLEU"), r.out());
    assertTrue(r.out().contains("generations ×"), r.out());
  }
}
