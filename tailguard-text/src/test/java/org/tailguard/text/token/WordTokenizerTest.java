package org.tailguard.text.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tokenizer's documented choices, each on a small hand-checked input. */
class WordTokenizerTest {
  private static List<List<String>> sentences(SentenceMode mode, String text) {
    return new WordTokenizer(mode).sentences(text).stream().map(List::of).toList();
  }

  private static List<String> words(String text) {
    return List.of(new WordTokenizer(SentenceMode.DETECT).words(text));
  }

  @Test
  void words_areLowerCasedWithoutPunctuation() {
    assertEquals(List.of("the", "fulton", "county", "grand", "jury", "said", "friday"),
        words("The Fulton County \"Grand Jury\" said (Friday)!"));
  }

  @Test
  void apostrophes_stayInsideWordsAndTypographicOnesAreNormalised() {
    assertEquals(List.of("don't", "stop", "it's", "the", "nation's", "o'clock", "don't"),
        words("Don't stop: it’s the nation’s o'clock, DONʼT."));
  }

  @Test
  void hyphensAndDashes_split() {
    assertEquals(List.of("hard", "fought", "e", "mail", "never", "mind", "how"),
        words("hard-fought e-mail; never mind—how"));
  }

  @Test
  void numbers_stayWholeWithInnerSeparators() {
    assertEquals(List.of("a", "loan", "of", "3,000,000", "florins", "3.5", "in", "1990", "u.s"),
        words("a loan of 3,000,000 florins, 3.5% in 1990 (U.S.)"));
  }

  @Test
  void brownQuotesAndSpacedPunctuation_vanish() {
    assertEquals(List.of(List.of("produced", "no", "evidence", "that", "any", "irregularities", "took", "place")),
        sentences(SentenceMode.LINES, "produced `` no evidence '' that any irregularities took place ."));
  }

  @Test
  void detect_endsSentencesAtTerminalPunctuation() {
    assertEquals(List.of(List.of("we", "meet"), List.of("is", "it", "so"), List.of("yes"), List.of("quoted"), List.of("next")),
        sentences(SentenceMode.DETECT, "We meet. Is it so? Yes! \"Quoted.\" Next"));
  }

  @Test
  void detect_doesNotEndSentencesAfterTitlesInitialsAndUs() {
    assertEquals(List.of(
            List.of("mr", "speaker", "mr", "vice", "president", "and", "dr", "smith", "spoke"),
            List.of("franklin", "d", "roosevelt", "and", "the", "u.s", "government", "agreed"),
            List.of("then", "gen", "grant", "left")),
        sentences(SentenceMode.DETECT, "Mr. Speaker, Mr. Vice President, and Dr. Smith spoke. Franklin D. Roosevelt and"
            + " the U.S. Government agreed. Then Gen. Grant left."));
  }

  @Test
  void detect_breaksAtBlankLinesButNotAtSingleNewlines() {
    assertEquals(List.of(List.of("a", "heading"), List.of("wrapped", "line", "goes", "on"), List.of("done")),
        sentences(SentenceMode.DETECT, "A heading\n\nwrapped line\ngoes on. Done.\n  \n"));
  }

  @Test
  void lines_trustsEachLineAsASentenceAndDropsWordlessOnes() {
    assertEquals(List.of(List.of("one", "line", "mr"), List.of("smith", "two")),
        sentences(SentenceMode.LINES, "One line . Mr .\n\n -- ; \nSmith two\n"));
  }

  @Test
  void emptyText_hasNoSentences() {
    assertEquals(List.of(), sentences(SentenceMode.DETECT, ""));
    assertEquals(List.of(), sentences(SentenceMode.DETECT, " — ... \n\n"));
  }

  @Test
  void tokenizer_isReusableAndInternsWords() {
    WordTokenizer t = new WordTokenizer(SentenceMode.DETECT);
    String[] a = t.words("The cat. The hat.");
    String[] b = t.words("the end");
    assertArrayEquals(new String[] {"the", "cat", "the", "hat"}, a);
    assertArrayEquals(new String[] {"the", "end"}, b);
    assertSame(a[0], b[0]);
    assertSame(a[0], a[2]);
  }
}
