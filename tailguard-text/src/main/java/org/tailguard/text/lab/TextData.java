package org.tailguard.text.lab;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.models.Dataset;
import org.tailguard.models.Subsets;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/**
 * A training corpus of the text lab: sentences of word ids over the experiment's fixed vocabulary.
 *
 * <p>Its size is its number of sentences, so that a workflow's {@code samples} counts sentences; pooling
 * appends sentences ({@code accumulate}) and subsampling draws whole sentences without replacement
 * ({@code accumulate-subsample}, {@code keep-original}). The vocabulary is fixed on the real training split
 * at generation 0 (Chen and Goodman's closed vocabulary), so that generations are comparable.
 */
public final class TextData implements Dataset<TextData> {
  private final Vocabulary vocabulary;
  private final int[][] sentences;

  public TextData(Vocabulary vocabulary, int[][] sentences) {
    this.vocabulary = vocabulary;
    this.sentences = sentences;
  }

  public static TextData of(Sentences s) {
    return new TextData(s.vocabulary(), s.sentences());
  }

  /** The sentences, for the LM and the indicators. */
  public Sentences sentences() {
    return new Sentences(vocabulary, sentences);
  }

  public Vocabulary vocabulary() {
    return vocabulary;
  }

  /** Sentence {@code i}'s word ids (not a copy). */
  public int[] sentence(int i) {
    return sentences[i];
  }

  @Override
  public int size() {
    return sentences.length;
  }

  @Override
  public TextData concat(TextData other) {
    int[][] all = Arrays.copyOf(sentences, sentences.length + other.sentences.length);
    System.arraycopy(other.sentences, 0, all, sentences.length, other.sentences.length);
    return new TextData(vocabulary, all);
  }

  @Override
  public TextData subsample(int n, UniformRandomProvider rng) {
    int[] idx = Subsets.firstOfShuffle(sentences.length, n, rng);
    int[][] out = new int[n][];
    for (int i = 0; i < n; i++) {
      out[i] = sentences[idx[i]];
    }
    return new TextData(vocabulary, out);
  }

  /** Writes the sentences only: the vocabulary is the family's and is not repeated per checkpoint entry. */
  @Override
  public void write(DataOutput out) throws IOException {
    out.writeInt(sentences.length);
    for (int[] s : sentences) {
      out.writeInt(s.length);
      for (int w : s) {
        out.writeInt(w);
      }
    }
  }

  static TextData read(Vocabulary vocabulary, DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("corrupt text record: " + n + " sentences");
    }
    int[][] s = new int[n][];
    for (int i = 0; i < n; i++) {
      int len = in.readInt();
      if (len < 0) {
        throw new IOException("corrupt text record: sentence length " + len);
      }
      s[i] = new int[len];
      for (int j = 0; j < len; j++) {
        int w = in.readInt();
        if (w < 0 || w >= vocabulary.size()) {
          throw new IOException("corrupt text record: word id " + w + " outside the vocabulary");
        }
        s[i][j] = w;
      }
    }
    return new TextData(vocabulary, s);
  }
}
