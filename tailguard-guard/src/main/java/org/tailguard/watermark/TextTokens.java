package org.tailguard.watermark;

import java.util.ArrayList;
import java.util.List;
import org.tailguard.text.token.SentenceMode;
import org.tailguard.text.token.Vocabulary;
import org.tailguard.text.token.WordTokenizer;

/**
 * A text as the watermark sees it: the words of {@link WordTokenizer} (Lucene's UAX #29 words, lower-cased,
 * no punctuation) across sentence boundaries, and their ids in a vocabulary ({@code <unk>} for words it
 * lacks). A watermarked document's words, joined with spaces, tokenise back to the same ids.
 *
 * @param words the words in order
 * @param ids their ids
 */
public record TextTokens(String[] words, int[] ids) {
  /** Tokenises a text (sentence boundaries detected, then dropped) and encodes it. */
  public static TextTokens of(String text, Vocabulary vocabulary) {
    List<String> words = new ArrayList<>();
    for (String[] s : new WordTokenizer(SentenceMode.DETECT).sentences(text)) {
      words.addAll(List.of(s));
    }
    String[] w = words.toArray(String[]::new);
    return new TextTokens(w, vocabulary.encode(w));
  }

  /** The words of ids, for display ({@code <unk>} stays {@code <unk>}). */
  public static TextTokens of(int[] ids, Vocabulary vocabulary) {
    return new TextTokens(vocabulary.decode(ids), ids.clone());
  }
}
