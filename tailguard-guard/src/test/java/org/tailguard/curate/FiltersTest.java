package org.tailguard.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tailguard.spec.SpecException;

/**
 * Each filter's defaults are datatrove's, and its decisions on hand-written documents follow datatrove's
 * definitions (expected ratios are computed here from those definitions).
 */
class FiltersTest {
  static final StageContext CTX = new StageContext();

  /** Ordinary prose: 72 words, 8 stop words, mean length about 4.4, lines end with periods. */
  static final String PROSE = """
      The committee met on Monday to review the budget and the plans for the new library.
      Members agreed that the reading rooms should stay open late during the winter months.
      They asked the city to fund more books for children and to repair the old roof.
      A vote on the proposal will be held next week after the public has had time to comment.
      Local residents have long wanted a quiet place to study, and the library fits that need.""";

  static Verdict apply(StageConfig c, String text) {
    return ((DocStage) c.build(CTX)).apply(Doc.of("d", text, "test"));
  }

  static String reason(Verdict v) {
    return v instanceof Verdict.Drop d ? d.reason() : "kept";
  }

  @Test
  void gopherQuality_defaultsAreDatatroves() {
    GopherQuality.Config c = GopherQuality.Config.defaults();
    assertEquals(List.of(50, 100_000), List.of(c.minDocWords(), c.maxDocWords()));
    assertEquals(List.of(3.0, 10.0, 0.1, 0.9, 0.3, 0.8), List.of(c.minAvgWordLength(), c.maxAvgWordLength(),
        c.maxSymbolWordRatio(), c.maxBulletLinesRatio(), c.maxEllipsisLinesRatio(), c.maxNonAlphaWordsRatio()));
    assertEquals(2, c.minStopWords());
    assertEquals(List.of("the", "be", "to", "of", "and", "that", "have", "with"), c.stopWords());
  }

  @Test
  void gopherQuality_decisions() {
    GopherQuality.Config c = GopherQuality.Config.defaults();
    assertEquals("kept", reason(apply(c, PROSE)));
    assertEquals("gopher_short_doc", reason(apply(c, "The cat sat on the mat.")));
    assertEquals("gopher_long_doc", reason(apply(c, "the cat ".repeat(50_001))));
    assertEquals("gopher_above_avg_threshold", reason(apply(c, "the antidisestablishmentarianism ".repeat(30))));
    assertEquals("gopher_below_avg_threshold", reason(apply(c, "the a of an to be ".repeat(10))));
    // 7 '#' over 72 words: 0.097 is allowed, 8 more make 15/72 = 0.21 > 0.1.
    assertEquals("kept", reason(apply(c, PROSE + " #".repeat(7))));
    assertEquals("gopher_too_many_hashes", reason(apply(c, PROSE + " #".repeat(15))));
    assertEquals("gopher_too_many_ellipsis", reason(apply(c, PROSE + " ...".repeat(15))));
    String bullets = String.join("\n", Collections.nCopies(10, "\u2022 the library should have more books and rooms"));
    assertEquals("gopher_too_many_bullets", reason(apply(c, bullets)));
    String ellipses = PROSE.lines().map(l -> l.replace(".", "...")).limit(4).reduce((a, b) -> a + "\n" + b)
        .orElseThrow() + "\n" + PROSE.lines().skip(4).findFirst().orElseThrow();
    // 4 of 5 lines end with an ellipsis (0.8 > 0.3) while 4 ellipses / 72 words stay under 0.1.
    assertEquals("gopher_too_many_end_ellipsis", reason(apply(c, ellipses)));
    assertEquals("gopher_below_alpha_threshold", reason(apply(c, PROSE + " 1234 5678".repeat(30))));
    assertEquals("gopher_enough_stop_words", reason(apply(c, "Cats chase mice quickly across kitchen floors ".repeat(10))));
    GopherQuality.Config noShort = new GopherQuality.Config(null, null, null, null, null, null, null, null, null, null,
        null, List.of("gopher_short_doc"));
    assertEquals("kept", reason(apply(noShort, "The cat sat on the mat with the dog.")));
    assertThrows(SpecException.class, () -> new GopherQuality.Config(null, null, null, null, null, null, null, null,
        null, null, null, List.of("no_such_rule")));
  }

  @Test
  void gopherRepetition_defaultsAndDecisions() {
    GopherRepetition.Config c = GopherRepetition.Config.defaults();
    assertEquals(List.of(0.3, 0.3, 0.2, 0.2), List.of(c.dupLineFrac(), c.dupParaFrac(), c.dupLineCharFrac(),
        c.dupParaCharFrac()));
    assertEquals(Map.of(2, 0.2, 3, 0.18, 4, 0.16), c.topNGrams());
    assertEquals(Map.of(5, 0.15, 6, 0.14, 7, 0.13, 8, 0.12, 9, 0.11, 10, 0.10), c.dupNGrams());
    assertEquals("kept", reason(apply(c, PROSE)));
    String p = "We will build the bridge.";
    String paras = String.join("\n\n", p, p, p, "Then we rest.");
    Verdict v = apply(c, paras);
    assertEquals("dup_para_frac", reason(v));
    assertEquals(2.0 / 4, v.score(), 1e-12, "2 of 4 paragraphs are repeats");
    String lines = PROSE + "\n" + PROSE.lines().limit(3).reduce((a, b) -> a + "\n" + b).orElseThrow();
    v = apply(c, lines);
    assertEquals("dup_line_frac", reason(v));
    assertEquals(3.0 / 8, v.score(), 1e-12);
    // Lines are split on runs of newlines (datatrove's re "\n+"): blank lines between paragraphs are not lines.
    String spaced = String.join("\n\n", PROSE.lines().toList());
    assertEquals("kept", reason(apply(c, spaced)), "blank separators are not duplicate lines");
    // The top 2-gram "the cat" x20 covers 7 * 20 / length of the text.
    String cats = "the cat " .repeat(20) + PROSE;
    v = apply(c, cats);
    assertEquals("top_2_gram", reason(v));
    assertEquals(7.0 * 20 / cats.length(), v.score(), 1e-12);
  }

  @Test
  void gopherRepetition_nGramHelpersMatchDatatrove() {
    List<String> w = List.of("a", "b", "a", "b", "a", "b", "c");
    // Top 2-gram "a b" (3 times, first at 0; "b a" twice): len("a b") * 3 = 9.
    assertEquals(9, GopherRepetition.topDuplicate(w, 2));
    // find_all_duplicate with n = 2: ab (new), ba (new), ab (repeat: +2 chars "ab", skip 2), ab (repeat, +2), c ends.
    assertEquals(4, GopherRepetition.allDuplicate(w, 2));
  }

  @Test
  void c4_defaultsAndLineFiltering() {
    C4Quality.Config c = C4Quality.Config.defaults();
    assertEquals(List.of(5, 3, 1000), List.of(c.minNumSentences(), c.minWordsPerLine(), c.maxWordLength()));
    String text = PROSE + "\nClick here\nEnable javascript to see the comments below.\n"
        + "Read our privacy policy for details.\nThe roof will be fixed in spring [1].";
    Verdict v = apply(c, text);
    Verdict.Keep k = assertInstanceOf(Verdict.Keep.class, v);
    assertEquals(PROSE + "\nThe roof will be fixed in spring .", k.doc().text());
    Attribute removed = k.attributes().getFirst();
    assertEquals(3, removed.spans().size());
    assertEquals(List.of(1.0, 3.0, 4.0), removed.spans().stream().map(Attribute.Span::score).toList(),
        "no terminal punctuation, javascript, policy");
    assertEquals("Click here", text.substring(removed.spans().get(0).start(), removed.spans().get(0).end()));
    assertEquals("too_few_sentences", reason(apply(c, "One sentence here.\nTwo sentences here.")));
    assertEquals("lorem_ipsum", reason(apply(c, PROSE + "\nLorem ipsum dolor sit amet.")));
    assertEquals("curly_bracket", reason(apply(c, PROSE + "\nfunction x() { return 1; }.")));
  }

  @Test
  void fineweb_defaultsAndDecisions() {
    FineWebQuality.Config c = FineWebQuality.Config.defaults();
    assertEquals(List.of(0.12, 0.67, 0.01, 0.3), List.of(c.linePunctThr(), c.shortLineThr(), c.charDuplicatesRatio(),
        c.newLineRatio()));
    assertEquals(30, c.shortLineLength());
    assertEquals("kept", reason(apply(c, PROSE)));
    assertEquals("line_punct_ratio", reason(apply(c, PROSE.replace(".", ""))));
    assertEquals("short_line_ratio", reason(apply(c, "Short line one.\nShort line two.\nShort three.\n" + PROSE.lines()
        .findFirst().orElseThrow())));
    String dup = PROSE + "\n" + PROSE.lines().findFirst().orElseThrow();
    assertEquals("char_dup_ratio", reason(apply(c, dup)));
    String list = String.join(".\n", List.of("Apples", "Pears", "Plums", "Figs", "Dates", "Limes", "Kiwis", "Melons",
        "Grapes", "Cherries", "Lemons", "Mangos", "Peaches", "Oranges")) + ".\nWe sell all of these fruits at the market on the square every week.";
    assertEquals("short_line_ratio", reason(apply(c, list)));
    FineWebQuality.Config noShort = new FineWebQuality.Config(null, null, null, null, null, null, null,
        List.of("short_line_ratio"));
    assertEquals("list_ratio", reason(apply(noShort, list)), "14 newlines over 43 tokens (punctuation counts, as in word_tokenize): 0.33 > 0.3");
  }
}
