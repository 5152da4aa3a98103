package org.tailguard.curate.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tailguard.spec.SpecException;

class ShinglingTest {
  private static final Shingling W5 = Shingling.DEFAULT;

  @Test
  void set_hasOneShinglePerWindow() {
    assertEquals(3, W5.set("a b c d e f g").length); // 7 words -> 3 five-grams
    assertEquals(1, W5.set("a b c").length);         // fewer than n words: one shingle of all of them
    assertEquals(0, W5.set("").length);
    assertEquals(0, W5.set("   ").length);
  }

  @Test
  void set_repeatedWindowsCountOnce() {
    // windows: abcde bcdea cdeab deabc eabcd abcde -> 5 distinct
    assertEquals(5, W5.set("a b c d e a b c d e").length);
  }

  @Test
  void jaccard_ofKnownOverlap() {
    // {abcde, bcdef, cdefg} vs {abcde, bcdef, cdefh}: 2 shared of 4.
    assertEquals(0.5, Jaccard.of(W5.set("a b c d e f g"), W5.set("a b c d e f h")), 0);
    assertEquals(1.0, Jaccard.of(W5.set("x y z w v"), W5.set("x  y z\tw v")), 0);
    assertEquals(0.0, Jaccard.of(W5.set(""), W5.set("")), 0);
  }

  @Test
  void set_orderMatters() {
    assertEquals(0.0, Jaccard.of(W5.set("a b c d e"), W5.set("e d c b a")), 0);
  }

  @Test
  void charShingles_slideOverCharacters() {
    Shingling c3 = new Shingling(Shingling.Unit.CHAR, 3);
    assertEquals(3, c3.set("abcde").length);
    assertArrayEquals(c3.set("abcab"), c3.set("abcab"));
    assertEquals(3, c3.set("abcab").length); // abc bca cab
  }

  @Test
  void size_mustBePositive() {
    SpecException e = assertThrows(SpecException.class, () -> new Shingling(Shingling.Unit.WORD, 0));
    assertEquals("dedup.shingle.size", e.field());
  }
}
