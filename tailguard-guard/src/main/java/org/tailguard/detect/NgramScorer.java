package org.tailguard.detect;

import java.util.Objects;
import org.tailguard.text.lm.NgramCursor;
import org.tailguard.text.lm.NgramLm;
import org.tailguard.text.token.Vocabulary;

/**
 * A {@link Scorer} backed by a Kneser–Ney (or any ARPA backoff) n-gram model, {@link NgramLm}: the listed
 * words at a position are the stored successors of the context's suffixes and the base distribution is the
 * unigram distribution (Katz 1987 backoff form; see {@link NgramCursor}).
 *
 * <p>A scorer may present the model over another vocabulary with the same words in another id order (two
 * models read back from ARPA files each order their ids by their own unigram probabilities), so that an
 * observer and a performer share one vocabulary, as Binoculars and Fast-DetectGPT require.
 */
public final class NgramScorer implements Scorer {
  private final String name;
  private final NgramLm lm;
  private final Vocabulary vocabulary;
  private final double[] base;
  private final int[] toModel; // null when the ids are the model's own
  private final int[] toOuter;

  /** The model over its own vocabulary. */
  public NgramScorer(String name, NgramLm lm) {
    this.name = Objects.requireNonNull(name, "name");
    this.lm = Objects.requireNonNull(lm, "lm");
    this.vocabulary = lm.vocabulary();
    this.base = lm.distribution(new int[0]);
    this.toModel = null;
    this.toOuter = null;
  }

  /**
   * The model over {@code vocabulary}, which must hold exactly the model's words.
   *
   * @throws IllegalArgumentException if the word sets differ
   */
  public NgramScorer(String name, NgramLm lm, Vocabulary vocabulary) {
    this.name = Objects.requireNonNull(name, "name");
    this.lm = Objects.requireNonNull(lm, "lm");
    this.vocabulary = vocabulary;
    Vocabulary own = lm.vocabulary();
    if (own.equals(vocabulary)) {
      this.base = lm.distribution(new int[0]);
      this.toModel = null;
      this.toOuter = null;
      return;
    }
    if (own.size() != vocabulary.size()) {
      throw new IllegalArgumentException(name + ": the model has " + own.size() + " words, the vocabulary "
          + vocabulary.size());
    }
    toModel = new int[vocabulary.size()];
    toOuter = new int[own.size()];
    for (int i = 0; i < toModel.length; i++) {
      String w = vocabulary.word(i);
      if (!own.contains(w) && i != Vocabulary.UNK) {
        throw new IllegalArgumentException(name + ": the model lacks the word '" + w + "'");
      }
      toModel[i] = own.id(w);
      toOuter[toModel[i]] = i;
    }
    double[] p1 = lm.distribution(new int[0]);
    base = new double[p1.length];
    for (int i = 0; i < base.length; i++) {
      base[i] = p1[toModel[i]];
    }
  }

  public NgramLm model() {
    return lm;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  @Override
  public double[] base() {
    return base;
  }

  @Override
  public Cursor cursor() {
    NgramCursor c = new NgramCursor(lm);
    return toModel == null ? new Own(c) : new Mapped(c, toModel, toOuter);
  }

  @Override
  public String toString() {
    return name + ": " + lm;
  }

  private record Own(NgramCursor c) implements Cursor {
    @Override
    public void reset() {
      c.reset();
    }

    @Override
    public double logProb(int w) {
      return c.logProb(w);
    }

    @Override
    public int matchOrder(int w) {
      return c.matchOrder(w);
    }

    @Override
    public double listedLogProb(int i) {
      return c.storedLogProb(i);
    }

    @Override
    public double logRest() {
      return c.logBackoff();
    }

    @Override
    public double prob(int w) {
      return c.prob(w);
    }

    @Override
    public int rank(int w) {
      return c.rank(w);
    }

    @Override
    public int listed() {
      return c.stored();
    }

    @Override
    public int listedWord(int i) {
      return c.storedWord(i);
    }

    @Override
    public double listedProb(int i) {
      return c.storedProb(i);
    }

    @Override
    public boolean isListed(int w) {
      return c.isStored(w);
    }

    @Override
    public double rest() {
      return c.backoff();
    }

    @Override
    public void advance(int w) {
      c.advance(w);
    }
  }

  private record Mapped(NgramCursor c, int[] toModel, int[] toOuter) implements Cursor {
    @Override
    public void reset() {
      c.reset();
    }

    @Override
    public double logProb(int w) {
      return c.logProb(toModel[w]);
    }

    @Override
    public int matchOrder(int w) {
      return c.matchOrder(toModel[w]);
    }

    @Override
    public double listedLogProb(int i) {
      return c.storedLogProb(i);
    }

    @Override
    public double logRest() {
      return c.logBackoff();
    }

    @Override
    public double prob(int w) {
      return c.prob(toModel[w]);
    }

    @Override
    public int rank(int w) {
      return c.rank(toModel[w]);
    }

    @Override
    public int listed() {
      return c.stored();
    }

    @Override
    public int listedWord(int i) {
      return toOuter[c.storedWord(i)];
    }

    @Override
    public double listedProb(int i) {
      return c.storedProb(i);
    }

    @Override
    public boolean isListed(int w) {
      return c.isStored(toModel[w]);
    }

    @Override
    public double rest() {
      return c.backoff();
    }

    @Override
    public void advance(int w) {
      c.advance(toModel[w]);
    }
  }
}
