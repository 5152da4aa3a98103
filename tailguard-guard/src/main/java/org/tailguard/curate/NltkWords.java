package org.tailguard.curate;

import java.util.ArrayList;
import java.util.List;

/**
 * Words and punctuation as datatrove's filters see them through NLTK's {@code word_tokenize}, approximated:
 * the text is split on whitespace, then punctuation at the edges of each chunk is split off one character at a
 * time ({@code "end."} → {@code end}, {@code .}), except that {@code ...} stays one token. Unlike the
 * Treebank tokenizer, contractions are not split ({@code don't} stays one word) and inner punctuation stays
 * ({@code U.S}); the Gopher rules count words and their lengths, which these differences barely move.
 */
final class NltkWords {
  /** Python's {@code string.punctuation}: the 32 ASCII punctuation characters. */
  static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  private NltkWords() {}

  static boolean isPunctuation(String w) {
    return w.length() == 1 && PUNCTUATION.indexOf(w.charAt(0)) >= 0;
  }

  private static boolean punct(char c) {
    return PUNCTUATION.indexOf(c) >= 0 || Character.getType(c) == Character.INITIAL_QUOTE_PUNCTUATION
        || Character.getType(c) == Character.FINAL_QUOTE_PUNCTUATION;
  }

  static List<String> tokenize(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      int j = i;
      while (j < n && !Character.isWhitespace(text.charAt(j))) {
        j++;
      }
      if (j > i) {
        chunk(text, i, j, out);
      }
      i = j;
    }
    return out;
  }

  private static void chunk(String t, int from, int to, List<String> out) {
    int a = from;
    int b = to;
    while (a < b && punct(t.charAt(a))) {
      out.add(String.valueOf(t.charAt(a)));
      a++;
    }
    List<String> tail = new ArrayList<>();
    while (b > a && punct(t.charAt(b - 1))) {
      if (b - 3 >= a && t.startsWith("...", b - 3)) {
        tail.add("...");
        b -= 3;
      } else {
        tail.add(String.valueOf(t.charAt(b - 1)));
        b--;
      }
    }
    if (b > a) {
      out.add(t.substring(a, b));
    }
    for (int k = tail.size() - 1; k >= 0; k--) {
      out.add(tail.get(k));
    }
  }
}
