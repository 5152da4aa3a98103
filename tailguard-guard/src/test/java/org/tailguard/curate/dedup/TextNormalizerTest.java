package org.tailguard.curate.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {
  private static final TextNormalizer N = TextNormalizer.DEFAULT;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "Hello,   World!|hello world",
      "'\t a \n\n b  '|a b",
      "ﬁle ﬂow|file flow",                 // NFKC folds ligatures
      "ＡＢＣ　ｄｅｆ|abc def",              // full-width letters and ideographic space
      "Straße|strasse",                      // full case folding: ß = ss
      "STRASSE|strasse",
      "Café naïve Ångström|cafe naive angstrom",
      "don't can't|dont cant",               // apostrophes deleted, as datatrove does
      "ago—never well-known 1990–2000|ago never well known 0 0",  // dashes split words
      "in 1776 and 2024, $3.50|in 0 and 0 0",  // punctuation goes first, then digit runs -> 0, as in datatrove
      "``no evidence''|no evidence",         // Brown's quote marks
      "a\u00ADb\u200Bc|abc",                 // soft hyphen and zero-width space (format chars) removed
      "ΣΊΣΥΦΟΣ|σισυφοσ"                       // Greek: case folded, tonos stripped
  })
  void normalize_foldsToCanonicalForm(String in, String out) {
    assertEquals(out, N.normalize(in));
  }

  @Test
  void normalize_isIdempotent() {
    String s = "Call me Ishmael. Some years ago—never mind how long precisely—having little or no money…";
    assertEquals(N.normalize(s), N.normalize(N.normalize(s)));
  }

  @Test
  void none_leavesTextUntouched() {
    String s = "  Keep  THIS, exactly!  ";
    assertSame(s, TextNormalizer.NONE.normalize(s));
  }

  @Test
  void switches_eachStepCanBeTurnedOff() {
    TextNormalizer keepDigits = new TextNormalizer(true, true, true, true, false, true);
    assertEquals("in 1776", keepDigits.normalize("In 1776."));
    TextNormalizer keepPunct = new TextNormalizer(true, true, true, false, true, true);
    assertEquals("hello, world!", keepPunct.normalize("Hello,  World!"));
    TextNormalizer keepCase = new TextNormalizer(true, false, true, true, true, true);
    assertNotEquals(keepCase.normalize("ABC"), keepCase.normalize("abc"));
  }
}
