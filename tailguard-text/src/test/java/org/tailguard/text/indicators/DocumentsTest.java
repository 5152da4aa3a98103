package org.tailguard.text.indicators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tailguard.text.token.Sentences;

class DocumentsTest {
  @Test
  void tokens_concatenateEachDocumentsSentences() {
    Sentences s = Texts.of("a b", "c", "d e");
    Documents d = Documents.ofSizes(s, 2, 0, 1);
    assertEquals(3, d.size());
    assertArrayEquals(new int[] {s.sentences()[0][0], s.sentences()[0][1], s.sentences()[1][0]}, d.tokens(0));
    assertArrayEquals(new int[0], d.tokens(1));
    assertArrayEquals(s.sentences()[2], d.tokens()[2]);
  }

  @Test
  void badBoundaries_areRejectedWithTheField() {
    Sentences s = Texts.of("a", "b");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Documents.ofSizes(s, 1));
    assertEquals("starts: must run from 0 to the number of sentences, 2, got 0..1", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Documents(s, new int[] {0, 2, 1, 2}));
    assertThrows(IllegalArgumentException.class, () -> Documents.ofSizes(s, 3, -1));
  }
}
