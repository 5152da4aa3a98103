package org.tailguard.text.indicators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tailguard.text.token.Sentences;

class RankFrequencyTest {
  /* a ×5, b ×3, c ×2 of 10 tokens: beyond rank 1, 5/10; beyond rank 2, 2/10; beyond rank 3, 0. */
  @Test
  void tailMassBeyondRank_isTheShareOfTokensOutsideTheTopK() {
    Sentences s = Texts.of("a a b c", "a b a", "c b a");
    assertArrayEquals(new long[] {5, 3, 2}, RankFrequency.rankedCounts(s));
    assertEquals(1.0, RankFrequency.tailMassBeyondRank(s, 0), 1e-15);
    assertEquals(0.5, RankFrequency.tailMassBeyondRank(s, 1), 1e-15);
    assertEquals(0.2, RankFrequency.tailMassBeyondRank(s, 2), 1e-15);
    assertEquals(0.0, RankFrequency.tailMassBeyondRank(s, 3), 0);
    assertThrows(IllegalArgumentException.class, () -> RankFrequency.tailMassBeyondRank(s, -1));
  }

  /* Counts 60/r for r = 1..6 (60, 30, 20, 15, 12, 10) lie exactly on ln f = ln(60/147) − ln r. */
  @Test
  void zipf_recoversAnExactPowerLaw() {
    Sentences s = corpusWithCounts(60, 30, 20, 15, 12, 10);
    RankFrequency.ZipfFit fit = RankFrequency.zipf(s);
    assertEquals(-1.0, fit.slope(), 1e-12);
    assertEquals(1.0, fit.exponent(), 1e-12);
    assertEquals(Math.log(60.0 / 147), fit.intercept(), 1e-12);
    assertEquals(1.0, fit.rSquared(), 1e-12);
    assertEquals(6, fit.to(), "the range is capped at the number of types");
    // counts 2^(6-r): slope ln f over ln r is not constant, but ranks 1..2 give ln(1/2)/ln 2 = −1
    RankFrequency.ZipfFit two = RankFrequency.zipf(corpusWithCounts(32, 16, 8, 4, 2, 1), 1, 2);
    assertEquals(-1.0, two.slope(), 1e-12);
  }

  @Test
  void zipf_steepensWhenTheTailThins() {
    Sentences full = corpusWithCounts(60, 30, 20, 15, 12, 10, 8, 7, 6, 6);
    Sentences thinned = corpusWithCounts(60, 30, 20, 15, 12, 10, 3, 2, 1, 1);
    assertTrue(RankFrequency.zipf(thinned).exponent() > RankFrequency.zipf(full).exponent());
    assertTrue(Double.isNaN(RankFrequency.zipf(corpusWithCounts(5)).slope()), "one rank: no line");
    assertThrows(IllegalArgumentException.class, () -> RankFrequency.zipf(full, 3, 3));
  }

  private static Sentences corpusWithCounts(int... counts) {
    List<String> sentences = new ArrayList<>();
    for (int r = 0; r < counts.length; r++) {
      sentences.add(("w" + r + " ").repeat(counts[r]));
    }
    return Texts.of(sentences.toArray(String[]::new));
  }
}
