package org.tailguard.detect;

import org.tailguard.text.token.Vocabulary;

/**
 * A language model seen by a detector: each token's log-probability and rank, and the full next-token
 * distribution at every position, read left to right in one pass.
 *
 * <p>Zero-shot detectors need no more than this (GLTR: ranks, Gehrmann et al. 2019; Binoculars: two
 * models' distributions, Hans et al. 2024; Fast-DetectGPT: the moments of log p under a sampling model's
 * distribution, Bao et al. 2024). A token sequence is a flat array of ids over {@link #vocabulary()} in
 * which {@link Vocabulary#EOS} ends a sentence; the first token and every token after an {@code </s>} are
 * predicted from the start-of-sentence context. A scorer is thread-safe; its {@link Cursor}s are not.
 *
 * <p>The distribution is exposed in backoff form: p(w) = P(w) for the listed words w and p(w) = C ·
 * base(w) for every other word, with {@link #base()} fixed per scorer. An n-gram model lists the stored
 * successors of the context and backs off to its unigram distribution ({@link NgramScorer}), so sums over
 * the vocabulary cost O(listed); a neural model lists every word with C = 0, and every detector works
 * unchanged, in O(|V|) per token.
 */
public interface Scorer {
  /** A short name for reports, such as {@code observer} or {@code kn4}. */
  String name();

  /** The ids' vocabulary; two scorers compared token by token must share it. */
  Vocabulary vocabulary();

  /** The base distribution of the backoff form, indexed by id; the caller must not modify it. */
  double[] base();

  /** A new reading position at the start of a text. */
  Cursor cursor();

  /** A reading position: the next-token distribution after the tokens read so far. One per thread. */
  interface Cursor {
    /** Returns to the start of a text. */
    void reset();

    /** p(w | tokens read so far). */
    double prob(int w);

    /** log p(w | tokens read so far). */
    default double logProb(int w) {
      return Math.log(prob(w));
    }

    /** 1 + the number of ids more probable than {@code w} here. */
    int rank(int w);

    /** The number of explicitly listed words of the current distribution. */
    int listed();

    /** The i-th listed word. */
    int listedWord(int i);

    /** The probability of the i-th listed word. */
    double listedProb(int i);

    /** The log-probability of the i-th listed word. */
    default double listedLogProb(int i) {
      return Math.log(listedProb(i));
    }

    /** Whether {@code w} is listed. */
    boolean isListed(int w);

    /** C: an unlisted word w has probability C · base(w); 0 when every word is listed. */
    double rest();

    /** log C. */
    default double logRest() {
      return Math.log(rest());
    }

    /**
     * The length of the longest stored n-gram (context words plus {@code w}) that predicts {@code w}, for
     * a backoff model; 0 for models without one (a neural model).
     */
    default int matchOrder(int w) {
      return 0;
    }

    /** Reads {@code w}: the distribution moves to the next position. */
    void advance(int w);
  }
}
