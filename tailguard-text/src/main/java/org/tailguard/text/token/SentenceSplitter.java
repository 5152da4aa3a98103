package org.tailguard.text.token;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.text.BreakIterator;
import java.text.StringCharacterIterator;
import java.util.Locale;
import java.util.Set;

/**
 * Sentence spans of a text, as pairs of char offsets [start, end).
 *
 * <p>DETECT: paragraphs are cut at blank lines, and each paragraph by the JDK's English sentence
 * {@code BreakIterator} (UAX #29), whose one known weakness on this prose is breaking after an abbreviation
 * followed by a capital ("Mr. Speaker", "Franklin D. Roosevelt", "the U.S. Government"). A break is
 * therefore suppressed after a title from a short list in the spirit of CLDR's English sentence-break
 * suppressions (Mr., Dr., St., Gen., …), after a single capital letter (an initial) and after "U.S.". The
 * cost is a missed boundary when a sentence really ends with one of them, which is rare in these corpora.
 */
final class SentenceSplitter {
  /** Lower-cased abbreviations, without the final period, after which a sentence does not end. */
  private static final Set<String> NO_BREAK_AFTER = Set.of("mr", "mrs", "ms", "messrs", "mmes", "dr", "prof",
      "rev", "hon", "st", "mt", "ft", "gen", "lt", "col", "capt", "maj", "sgt", "cpl", "adm", "cmdr", "gov",
      "sen", "rep", "pres", "supt", "vs", "e.g", "i.e", "cf", "viz", "u.s");

  private final SentenceMode mode;
  private final BreakIterator breaks = BreakIterator.getSentenceInstance(Locale.ENGLISH);
  private final IntArrayList spans = new IntArrayList();

  SentenceSplitter(SentenceMode mode) {
    this.mode = mode;
  }

  /** The sentence spans of a text as [start0, end0, start1, end1, …]; valid until the next call. */
  IntArrayList spans(String text) {
    spans.clear();
    int n = text.length();
    int lineStart = 0;
    int paraStart = -1; // start of the current paragraph (DETECT), -1 between paragraphs
    while (lineStart <= n) {
      int nl = text.indexOf('\n', lineStart);
      int lineEnd = nl < 0 ? n : nl;
      boolean blank = isBlank(text, lineStart, lineEnd);
      if (mode == SentenceMode.LINES) {
        if (!blank) {
          spans.add(lineStart);
          spans.add(lineEnd);
        }
      } else if (blank) {
        if (paraStart >= 0) {
          paragraph(text, paraStart, lineStart);
          paraStart = -1;
        }
      } else if (paraStart < 0) {
        paraStart = lineStart;
      }
      if (nl < 0) {
        break;
      }
      lineStart = nl + 1;
    }
    if (paraStart >= 0) {
      paragraph(text, paraStart, n);
    }
    return spans;
  }

  private void paragraph(String text, int from, int to) {
    breaks.setText(new StringCharacterIterator(text, from, to, from)); // offsets stay those of text
    int start = breaks.first();
    for (int end = breaks.next(); end != BreakIterator.DONE; end = breaks.next()) {
      if (end < to && noBreakAfter(text, start, end)) {
        continue;
      }
      spans.add(start);
      spans.add(end);
      start = end;
    }
  }

  private static boolean isBlank(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isWhitespace(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether the segment [start, end) ends with an abbreviation that should not end a sentence. */
  private static boolean noBreakAfter(String p, int start, int end) {
    int e = end;
    while (e > start && Character.isWhitespace(p.charAt(e - 1))) {
      e--;
    }
    if (e == start || p.charAt(e - 1) != '.') {
      return false;
    }
    int w = e - 1;
    while (w > start && !Character.isWhitespace(p.charAt(w - 1))) {
      w--;
    }
    while (w < e - 1 && !Character.isLetterOrDigit(p.charAt(w))) { // opening quotes and brackets
      w++;
    }
    String word = p.substring(w, e - 1);
    if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
      return true; // an initial: "Franklin D. Roosevelt"
    }
    return NO_BREAK_AFTER.contains(word.toLowerCase(Locale.ROOT));
  }
}
