package org.tailguard.text.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicatesTest {
  @Test
  void normalize_foldsCaseDropsPunctuationAndCollapsesSpace() {
    assertEquals("the cat sat", Duplicates.normalize("  The  cat, sat!\n"));
    assertEquals("dont stop", Duplicates.normalize("Don't — stop…"));
    assertEquals("", Duplicates.normalize(" . , "));
  }

  /*
   * "The cat ." / "the cat" / "The cat ." / "a dog": 3 distinct texts of 4 → exact rate 1/4; normalised,
   * the first three are all "the cat" → 2 distinct → 2/4.
   */
  @Test
  void rates_countDocumentsRepeatingAnEarlierOne() {
    Documents d = Documents.perSentence(Texts.of("The cat .", "the cat", "The cat .", "a dog"));
    assertEquals(0.25, Duplicates.exactRate(d), 0);
    assertEquals(0.5, Duplicates.normalizedRate(d), 0);
    List<String> texts = List.of("The cat.", "the cat", "The cat.", "a dog");
    assertEquals(0.25, Duplicates.exactRate(texts), 0);
    assertEquals(0.5, Duplicates.normalizedRate(texts), 0);
  }

  @Test
  void rates_readDocumentsAsTheirJoinedWords() {
    // "a b" + "c" and "a b c" are the same text
    Documents d = Documents.ofSizes(Texts.of("a b", "c", "a b c", "d"), 2, 1, 1);
    assertEquals(1.0 / 3, Duplicates.exactRate(d), 1e-15);
    assertEquals(0.0, Duplicates.exactRate(Documents.perSentence(Texts.of("a", "b"))), 0);
    assertTrue(Double.isNaN(Duplicates.exactRate(List.of())));
  }
}
