package org.tailguard.text.indicators;

import java.util.Arrays;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/**
 * A corpus cut into documents: document d is sentences {@code starts[d] .. starts[d+1]-1} of a
 * {@link Sentences}.
 *
 * <p>Document-level indicators (self-repetition, homogenization, duplicate rates) read a document as the
 * concatenation of its sentences' words, as Shaib et al.'s {@code diversity} package reads a document
 * string split on whitespace (arXiv 2403.00553). A model's outputs are usually one document each; a
 * corpus without document structure is {@link #perSentence(Sentences) one document per sentence}.
 *
 * @param sentences the sentences, in document order
 * @param starts the first sentence of each document, then {@code sentences.size()}; non-decreasing,
 *     starting at 0 (empty documents are allowed)
 */
public record Documents(Sentences sentences, int[] starts) {
  public Documents {
    if (starts.length == 0 || starts[0] != 0 || starts[starts.length - 1] != sentences.size()) {
      throw new IllegalArgumentException("starts: must run from 0 to the number of sentences, "
          + sentences.size() + ", got " + (starts.length == 0 ? "[]" : starts[0] + ".." + starts[starts.length - 1]));
    }
    for (int d = 1; d < starts.length; d++) {
      if (starts[d] < starts[d - 1]) {
        throw new IllegalArgumentException("starts: must be non-decreasing, got " + starts[d - 1] + " then "
            + starts[d] + " at document " + d);
      }
    }
  }

  /** Each sentence is a document. */
  public static Documents perSentence(Sentences sentences) {
    int[] starts = new int[sentences.size() + 1];
    Arrays.setAll(starts, i -> i);
    return new Documents(sentences, starts);
  }

  /**
   * Consecutive documents of the given numbers of sentences.
   *
   * @throws IllegalArgumentException if a size is negative or the sizes do not add up to the sentences
   */
  public static Documents ofSizes(Sentences sentences, int... sizes) {
    int[] starts = new int[sizes.length + 1];
    for (int d = 0; d < sizes.length; d++) {
      if (sizes[d] < 0) {
        throw new IllegalArgumentException("sizes[" + d + "]: must be at least 0, got " + sizes[d]);
      }
      starts[d + 1] = starts[d] + sizes[d];
    }
    return new Documents(sentences, starts);
  }

  /** The number of documents. */
  public int size() {
    return starts.length - 1;
  }

  public Vocabulary vocabulary() {
    return sentences.vocabulary();
  }

  /** Document d's words, its sentences concatenated, in a new array. */
  public int[] tokens(int d) {
    int[][] s = sentences.sentences();
    int n = 0;
    for (int i = starts[d]; i < starts[d + 1]; i++) {
      n += s[i].length;
    }
    int[] out = new int[n];
    int k = 0;
    for (int i = starts[d]; i < starts[d + 1]; i++) {
      System.arraycopy(s[i], 0, out, k, s[i].length);
      k += s[i].length;
    }
    return out;
  }

  /** Every document's words; read-only (a document of one sentence shares that sentence's array). */
  public int[][] tokens() {
    int[][] out = new int[size()][];
    int[][] s = sentences.sentences();
    for (int d = 0; d < out.length; d++) {
      out[d] = starts[d + 1] - starts[d] == 1 ? s[starts[d]] : tokens(d);
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Documents d && sentences.equals(d.sentences) && Arrays.equals(starts, d.starts);
  }

  @Override
  public int hashCode() {
    return 31 * sentences.hashCode() + Arrays.hashCode(starts);
  }

  @Override
  public String toString() {
    return "Documents[" + size() + " documents, " + sentences + "]";
  }
}
