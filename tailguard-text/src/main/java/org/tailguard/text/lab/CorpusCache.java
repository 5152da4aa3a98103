package org.tailguard.text.lab;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tailguard.spec.SpecException;
import org.tailguard.text.corpus.Split;
import org.tailguard.text.lm.KneserNey;
import org.tailguard.text.lm.NgramLm;
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

  /**
   * The training split and the held-out split encoded with the training split's vocabulary, and the
   * observer: a trigram trained on another corpus, with the map from training ids to its ids.
   */
  record Prepared(Sentences train, Sentences heldOut, NgramLm observer, int[] toObserver) {}

  private record Key(String corpus, String heldOut, int minCount, String observer) {}

  private static final Map<String, NgramLm> OBSERVERS = new ConcurrentHashMap<>();

  private static final Map<Key, Prepared> CACHE = new ConcurrentHashMap<>();

  static Prepared prepare(NGramSpec spec) {
    Split train = Split.parse("model.corpus", spec.corpus());
    String heldOutName = spec.heldOut() != null ? spec.heldOut() : defaultHeldOut(train);
    Split heldOut = Split.parse("model.held_out", heldOutName);
    Split observer = Split.parse("model.observer", spec.observer() != null ? spec.observer() : defaultObserver(train));
    if (observer.corpus() == train.corpus()) {
      throw new SpecException("model.observer", "must be another corpus than model.corpus (" + train.name()
          + "), so that it judges the text from outside; got " + observer.name());
    }
    return CACHE.computeIfAbsent(new Key(train.name(), heldOut.name(), spec.minCount(), observer.name()), k -> {
      TokenizedCorpus t = TokenizedCorpus.of(train);
      Vocabulary v = t.vocabulary(k.minCount());
      NgramLm obs = OBSERVERS.computeIfAbsent(observer.name(), o -> {
        TokenizedCorpus oc = TokenizedCorpus.of(observer);
        return KneserNey.train(oc.encode(oc.vocabulary(1)), 3);
      });
      Vocabulary ov = obs.vocabulary();
      int[] map = new int[v.size()];
      for (int id = 0; id < map.length; id++) {
        map[id] = ov.id(v.word(id));
      }
      return new Prepared(t.encode(v), TokenizedCorpus.of(heldOut).encode(v), obs, map);
    });
  }

  /** Brown judges SOTU runs; SOTU judges the rest. */
  static String defaultObserver(Split train) {
    return train.corpus().id().equals("sotu") ? "brown:train" : "sotu:train";
  }

  /** The test split of the training split's corpus: sotu:train → sotu:test; moby-dick → moby-dick. */
  static String defaultHeldOut(Split train) {
    String id = train.corpus().id();
    return id.equals("moby-dick") ? "moby-dick" : id + ":test";
  }
}
