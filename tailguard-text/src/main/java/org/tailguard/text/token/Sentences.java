package org.tailguard.text.token;

import java.util.Arrays;

/**
 * A tokenised corpus: sentences as arrays of word ids over one {@link Vocabulary}.
 *
 * <p>The sentence-boundary tokens {@code <s>} and {@code </s>} are implicit: a sentence holds only its
 * words. This is the shape the n-gram LM trains on and samples, and the shape the text indicators read.
 * Immutable by contract: the arrays are not copied, so producers must not keep writing to them.
 *
 * @param vocabulary the ids' vocabulary
 * @param sentences each sentence's word ids
 */
public record Sentences(Vocabulary vocabulary, int[][] sentences) {
  /** The number of sentences. */
  public int size() {
    return sentences.length;
  }

  /** The number of word tokens (boundaries excluded). */
  public long tokens() {
    long n = 0;
    for (int[] s : sentences) {
      n += s.length;
    }
    return n;
  }

  /** Sentence {@code i} as words. */
  public String[] words(int i) {
    return vocabulary.decode(sentences[i]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sentences s && vocabulary.equals(s.vocabulary) && Arrays.deepEquals(sentences, s.sentences);
  }

  @Override
  public int hashCode() {
    return 31 * vocabulary.hashCode() + Arrays.deepHashCode(sentences);
  }

  @Override
  public String toString() {
    return "Sentences[" + sentences.length + " sentences, " + tokens() + " tokens, vocabulary " + vocabulary.size() + "]";
  }
}
