package org.tailguard.curate;

/** Whitespace word counting and cutting, the token unit of budgets and of C4's word rules. */
final class Words {
  private Words() {}

  /** The number of maximal runs of non-whitespace characters (as {@code wc -w} and Python's {@code split()}). */
  static int count(String s) {
    int n = 0;
    boolean in = false;
    for (int i = 0; i < s.length(); i++) {
      boolean ws = Character.isWhitespace(s.charAt(i));
      if (!ws && !in) {
        n++;
      }
      in = !ws;
    }
    return n;
  }

  /** The prefix of {@code s} holding its first {@code words} words, without trailing whitespace. */
  static String prefix(String s, int words) {
    int n = 0;
    boolean in = false;
    for (int i = 0; i < s.length(); i++) {
      boolean ws = Character.isWhitespace(s.charAt(i));
      if (ws && in && n == words) {
        return s.substring(0, i);
      }
      if (!ws && !in) {
        n++;
      }
      in = !ws;
    }
    return s.stripTrailing();
  }
}
