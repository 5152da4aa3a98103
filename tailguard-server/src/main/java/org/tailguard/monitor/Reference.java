package org.tailguard.monitor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tailguard.text.corpus.Split;
import org.tailguard.text.lm.KneserNey;
import org.tailguard.text.lm.NgramLm;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.TokenizedCorpus;
import org.tailguard.text.token.Vocabulary;

/**
 * The human reference of a monitor: a bundled corpus split (its word types, ranked by frequency, for
 * coverage and tail mass) and a Kneser–Ney trigram trained on another split (for per-response perplexity,
 * the fidelity measure of Shumailov et al., Nature 2024, Fig. 1, and the perplexity tiers of CCNet).
 *
 * <p>Both are built once per process and split name (tokenising and training take a few seconds) and are
 * immutable, so all threads share them. Either part may be absent ({@link MonitorConfig#NONE}).
 */
final class Reference {
  /** The reference LM's order: a trigram, as the text lab's observer. */
  static final int LM_ORDER = 3;

  private static final Map<String, Sentences> CORPORA = new ConcurrentHashMap<>();
  private static final Map<String, NgramLm> LMS = new ConcurrentHashMap<>();

  private final Sentences corpus; // null without a reference corpus; ids in decreasing count order
  private final NgramLm lm; // null without a reference LM
  private final String corpusName;
  private final String lmName;

  private Reference(String corpusName, Sentences corpus, String lmName, NgramLm lm) {
    this.corpusName = corpusName;
    this.corpus = corpus;
    this.lmName = lmName;
    this.lm = lm;
  }

  /** The reference of a config, built or taken from the process-wide cache. */
  static Reference of(MonitorConfig config) {
    Sentences c = config.hasReferenceCorpus() ? CORPORA.computeIfAbsent(config.referenceCorpus(), name -> {
      TokenizedCorpus t = TokenizedCorpus.of(Split.parse("monitor.reference_corpus", name));
      return t.encode(t.vocabulary(1));
    }) : null;
    NgramLm m = config.hasReferenceLm() ? LMS.computeIfAbsent(config.referenceLm(), name -> {
      TokenizedCorpus t = TokenizedCorpus.of(Split.parse("monitor.reference_lm", name));
      return KneserNey.train(t.encode(t.vocabulary(1)), LM_ORDER);
    }) : null;
    return new Reference(config.referenceCorpus(), c, config.referenceLm(), m);
  }

  /** A reference from given parts, for tests. */
  static Reference of(Sentences corpus, NgramLm lm) {
    return new Reference("test", corpus, "test", lm);
  }

  boolean hasCorpus() {
    return corpus != null;
  }

  boolean hasLm() {
    return lm != null;
  }

  /** The reference corpus, encoded over its own vocabulary (ids 3.. in decreasing count order). */
  Sentences corpus() {
    return corpus;
  }

  NgramLm lm() {
    return lm;
  }

  String corpusName() {
    return corpusName;
  }

  String lmName() {
    return lmName;
  }

  /**
   * The 1-based frequency rank of a word in the reference corpus, or 0 if the corpus lacks it.
   * {@link Vocabulary#build} numbers words by decreasing count from id 3, so rank = id − 2.
   */
  int rank(String word) {
    int id = corpus.vocabulary().id(word);
    return id == Vocabulary.UNK ? 0 : id - 2;
  }
}
