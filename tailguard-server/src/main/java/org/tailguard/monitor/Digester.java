package org.tailguard.monitor;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.util.ArrayList;
import java.util.List;
import org.tailguard.text.lm.NgramLm;
import org.tailguard.text.token.SentenceMode;
import org.tailguard.text.token.Vocabulary;
import org.tailguard.text.token.WordTokenizer;

/**
 * Reads one response into a {@link VersionState}: tokenises it with the project's {@link WordTokenizer}
 * (lower case, punctuation dropped, sentences detected), feeds the sketches, counts the reference's tail and
 * out-of-vocabulary tokens, and scores it with the reference LM.
 *
 * <p>n-grams stay inside a sentence, as in the text indicators. A response's normalised form is its words
 * joined by single spaces, so two responses differing only in case, punctuation or spacing are duplicates.
 * Its perplexity is exp(−Σ ln p / (words + sentences)) over its sentences, each ending in {@code </s>}, the
 * convention of {@link NgramLm#perplexity}. Not thread-safe: one digester per thread.
 */
final class Digester {
  /** xxh3 (Collet), 64 bits: response and prompt hashes. */
  static final Hasher64 HASH = Hashing.xxh3_64();

  private final WordTokenizer tokenizer = new WordTokenizer(SentenceMode.DETECT);
  private final Reference reference;
  private final int tailRank;
  private final List<String[]> sentences = new ArrayList<>();
  private final StringBuilder normalized = new StringBuilder();

  /** What the digest of one response yields beyond the state's sketches. */
  long normalizedHash;
  String normalizedKey;

  Digester(Reference reference, int tailRank) {
    this.reference = reference;
    this.tailRank = tailRank;
  }

  /** The words of a text, by sentence. */
  List<String[]> sentences(String text) {
    return tokenizer.sentences(text);
  }

  /** Adds a response to the state; afterwards {@link #normalizedHash} and {@link #normalizedKey} describe it. */
  void add(VersionState s, String response) {
    sentences.clear();
    tokenizer.sentences(response, sentences::add);
    normalized.setLength(0);
    long words = 0;
    double negLog = 0;
    long scored = 0;
    NgramLm lm = reference.hasLm() ? reference.lm() : null;
    for (String[] sentence : sentences) {
      words += sentence.length;
      for (int i = 0; i < sentence.length; i++) {
        String w = sentence[i];
        if (!normalized.isEmpty()) {
          normalized.append(' ');
        }
        normalized.append(w);
        s.words.update(w);
        s.wordTypes.update(w);
        s.wordFilter.update(w);
        if (i >= 1) {
          String bigram = sentence[i - 1] + ' ' + w;
          s.bigrams.update(bigram);
          s.bigramTypes.update(bigram);
          if (i >= 2) {
            s.trigrams.update(sentence[i - 2] + ' ' + bigram);
          }
        }
        if (reference.hasCorpus()) {
          int rank = reference.rank(w);
          if (rank == 0) {
            s.oovTokens++;
          } else {
            s.referenceTokens++;
            if (rank > tailRank) {
              s.tailTokens++;
            }
          }
        }
      }
      if (lm != null) {
        Vocabulary v = lm.vocabulary();
        int[] sentenceIds = new int[sentence.length];
        for (int i = 0; i < sentence.length; i++) {
          sentenceIds[i] = v.id(sentence[i]);
          if (sentenceIds[i] == Vocabulary.UNK) {
            s.lmUnknown++;
          }
        }
        negLog -= lm.sentenceLogProb(sentenceIds);
        scored += sentence.length + 1;
      }
    }
    s.records++;
    s.tokens += words;
    s.sentences += sentences.size();
    if (words == 0) {
      s.emptyResponses++;
    }
    s.lengths.update(words);
    if (scored > 0) {
      s.lmTokens += scored;
      s.lmNegLogMicros += Math.round(negLog * 1e6);
      s.perplexities.update(Math.exp(negLog / scored));
    }
    String norm = normalized.toString();
    normalizedHash = HASH.hashCharsToLong(norm);
    normalizedKey = VersionState.responseKey(norm, normalizedHash);
    s.responses.update(normalizedKey);
    s.distinctResponses.update(normalizedHash);
  }
}
