package org.tailguard.text.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tailguard.text.corpus.Document;
import org.tailguard.text.corpus.Split;

/** From documents to sentences of ids: a vocabulary built on a training split with a min-count, applied to a test split. */
class TokenizedCorpusTest {
  private static TokenizedCorpus of(String... texts) {
    return TokenizedCorpus.of(Stream.of(texts).map(t -> new Document("d", t, Map.of())), SentenceMode.DETECT);
  }

  @Test
  void vocabulary_keepsWordsSeenAtLeastMinCountTimes() {
    TokenizedCorpus train = of("A a a b. B c!", "c? D");
    assertEquals(2, train.documents());
    assertEquals(4, train.sentences().size());
    assertEquals(8, train.tokens());
    // counts: a 3, b 2, c 2, d 1; ids after <unk> <s> </s> by count, ties alphabetical
    Vocabulary v2 = train.vocabulary(2);
    assertEquals(List.of("<unk>", "<s>", "</s>", "a", "b", "c"), List.of(v2.decode(new int[] {0, 1, 2, 3, 4, 5})));
    assertEquals(6, v2.size());
    assertEquals(7, train.vocabulary(1).size());
    assertEquals(4, train.vocabulary(3).size());
    assertEquals(3, train.vocabulary(4).size());
  }

  @Test
  void encode_mapsUnseenAndRareWordsToUnk() {
    Vocabulary v = of("a a a b b c").vocabulary(2);
    TokenizedCorpus test = of("A c d. B");
    Sentences ids = test.encode(v);
    assertArrayEquals(new int[][] {{3, Vocabulary.UNK, Vocabulary.UNK}, {4}}, ids.sentences());
    assertEquals(v, ids.vocabulary());
    assertEquals(2, test.unknownTokens(v));
    assertArrayEquals(new String[] {"a", "<unk>", "<unk>"}, ids.words(0));
  }

  /**
   * On the real splits: a test word gets {@code <unk>} exactly when its training count (recounted here with a
   * plain map) is below the min-count.
   */
  @Test
  void sotuTestUnderSotuTrainVocabulary_unkExactlyForRareTrainingWords() {
    TokenizedCorpus train = TokenizedCorpus.of(Split.parse("sotu:train"));
    TokenizedCorpus test = TokenizedCorpus.of(Split.parse("sotu:test"));
    Map<String, Integer> counts = new HashMap<>();
    for (String[] s : train.sentences()) {
      for (String w : s) {
        counts.merge(w, 1, Integer::sum);
      }
    }
    int minCount = 2;
    Vocabulary v = train.vocabulary(minCount);
    assertEquals(3 + counts.values().stream().filter(c -> c >= minCount).count(), v.size());
    Sentences ids = test.encode(v);
    long unk = 0;
    for (int i = 0; i < ids.size(); i++) {
      String[] words = test.sentences().get(i);
      for (int j = 0; j < words.length; j++) {
        boolean rare = counts.getOrDefault(words[j], 0) < minCount;
        assertEquals(rare, ids.sentences()[i][j] == Vocabulary.UNK, words[j]);
        unk += rare ? 1 : 0;
      }
    }
    assertEquals(unk, test.unknownTokens(v));
    assertTrue(unk > 0 && unk < test.tokens() / 20, unk + " unknown of " + test.tokens()); // plausible: a few percent
    assertFalse(v.contains("applause") && counts.getOrDefault("applause", 0) < minCount);
  }
}
