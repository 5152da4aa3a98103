package org.tailguard.text.lab;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tailguard.text.corpus.Split;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.TokenizedCorpus;
import org.tailguard.text.token.Vocabulary;

/**
 * Tokenised, encoded training and held-out splits, memoised per (corpus, held-out, min-count) because
 * tokenising SOTU takes about a second and every run of a demo or sweep needs the same splits. The values
 * are immutable.
 */
final class CorpusCache {
  private CorpusCache() {}

  /** The training split and the held-out split encoded with the training split's vocabulary. */
  record Prepared(Sentences train, Sentences heldOut) {}

  private record Key(String corpus, String heldOut, int minCount) {}

  private static final Map<Key, Prepared> CACHE = new ConcurrentHashMap<>();

  static Prepared prepare(NGramSpec spec) {
    Split train = Split.parse("model.corpus", spec.corpus());
    String heldOutName = spec.heldOut() != null ? spec.heldOut() : defaultHeldOut(train);
    Split heldOut = Split.parse("model.held_out", heldOutName);
    return CACHE.computeIfAbsent(new Key(train.name(), heldOut.name(), spec.minCount()), k -> {
      TokenizedCorpus t = TokenizedCorpus.of(train);
      Vocabulary v = t.vocabulary(k.minCount());
      return new Prepared(t.encode(v), TokenizedCorpus.of(heldOut).encode(v));
    });
  }

  /** The test split of the training split's corpus: sotu:train → sotu:test; moby-dick → moby-dick. */
  static String defaultHeldOut(Split train) {
    String id = train.corpus().id();
    return id.equals("moby-dick") ? "moby-dick" : id + ":test";
  }
}
