package org.tailguard.text.token;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.tailguard.text.corpus.Document;
import org.tailguard.text.corpus.Split;

/**
 * A corpus split tokenised into sentences of words: the step from documents to {@link Sentences}.
 *
 * <p>The usual pipeline builds the vocabulary on a training split and applies it to a test split, so that
 * words unseen in training (or seen fewer than the min-count) map to {@code <unk>} and perplexities are
 * comparable across runs (Chen and Goodman 1998, §2):
 * <pre>{@code
 * TokenizedCorpus train = TokenizedCorpus.of(Split.parse("sotu:train"));
 * Vocabulary v = train.vocabulary(2);
 * Sentences trainIds = train.encode(v);
 * Sentences testIds = TokenizedCorpus.of(Split.parse("sotu:test")).encode(v);
 * }</pre>
 * Sentences are held as interned words (one string per distinct word), about 4 bytes per token plus
 * the arrays: SOTU's 1.8 M words take some tens of MB.
 *
 * @param documents the number of documents read
 * @param sentences the sentences in document order, each its words in order (never empty)
 */
public record TokenizedCorpus(int documents, List<String[]> sentences) {
  public TokenizedCorpus {
    sentences = Collections.unmodifiableList(sentences);
  }

  /** Tokenises a split of a bundled corpus, trusting its lines as sentences when it is one sentence per line. */
  public static TokenizedCorpus of(Split split) {
    try (Stream<Document> docs = split.documents()) {
      return of(docs, split.corpus().sentencePerLine() ? SentenceMode.LINES : SentenceMode.DETECT);
    }
  }

  /** Tokenises documents (the caller closes the stream). */
  public static TokenizedCorpus of(Stream<Document> docs, SentenceMode mode) {
    WordTokenizer tokenizer = new WordTokenizer(mode);
    List<String[]> out = new ArrayList<>();
    int[] n = {0};
    docs.forEachOrdered(d -> {
      n[0]++;
      tokenizer.sentences(d.text(), out::add);
    });
    return new TokenizedCorpus(n[0], out);
  }

  /** The number of word tokens (sentence boundaries excluded). */
  public long tokens() {
    long t = 0;
    for (String[] s : sentences) {
      t += s.length;
    }
    return t;
  }

  /** The vocabulary of the words seen at least {@code minCount} times here (see {@link Vocabulary#build}). */
  public Vocabulary vocabulary(int minCount) {
    return Vocabulary.build(sentences, minCount);
  }

  /** The sentences as ids of {@code vocabulary}; words it lacks become {@code <unk>}. */
  public Sentences encode(Vocabulary vocabulary) {
    int[][] ids = new int[sentences.size()][];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = vocabulary.encode(sentences.get(i));
    }
    return new Sentences(vocabulary, ids);
  }

  /** The number of tokens that {@code vocabulary} maps to {@code <unk>} (out-of-vocabulary tokens). */
  public long unknownTokens(Vocabulary vocabulary) {
    long u = 0;
    for (String[] s : sentences) {
      for (String w : s) {
        if (!vocabulary.contains(w)) {
          u++;
        }
      }
    }
    return u;
  }
}
