package org.tailguard.text.indicators;

import org.tailguard.text.token.Vocabulary;

/** Id translation between two vocabularies by spelling: the ids a corpus's words have in another's. */
final class WordMap {
  private WordMap() {}

  /** map[id in from] = the same word's id in {@code to}, or -1 if {@code to} lacks it. */
  static int[] between(Vocabulary from, Vocabulary to) {
    int[] map = new int[from.size()];
    if (from == to || from.equals(to)) {
      for (int w = 0; w < map.length; w++) {
        map[w] = w;
      }
      return map;
    }
    for (int w = 0; w < map.length; w++) {
      String word = from.word(w);
      map[w] = to.contains(word) ? to.id(word) : -1;
    }
    return map;
  }
}
