package org.tailguard.detect;

import org.tailguard.text.lm.NgramLm;
import org.tailguard.text.token.Vocabulary;

/**
 * An n-gram model seen as a dense scorer: every word listed with its probability from
 * {@link NgramLm#distribution}, C = 0, in O(|V|) per token. Scoring through it must equal scoring through
 * {@link NgramScorer}'s backoff form.
 */
final class DenseScorer implements Scorer {
  private final NgramLm lm;
  private final double[] base;

  DenseScorer(NgramLm lm) {
    this.lm = lm;
    this.base = lm.distribution(new int[0]);
  }

  @Override
  public String name() {
    return "dense";
  }

  @Override
  public Vocabulary vocabulary() {
    return lm.vocabulary();
  }

  @Override
  public double[] base() {
    return base;
  }

  @Override
  public Cursor cursor() {
    return new Cursor() {
      final it.unimi.dsi.fastutil.ints.IntArrayList ctx = new it.unimi.dsi.fastutil.ints.IntArrayList(new int[] {Vocabulary.BOS});
      double[] dist = lm.distribution(ctx.toIntArray());

      @Override
      public void reset() {
        ctx.clear();
        ctx.add(Vocabulary.BOS);
        dist = lm.distribution(ctx.toIntArray());
      }

      @Override
      public double prob(int w) {
        return dist[w];
      }

      @Override
      public int rank(int w) {
        int r = 1;
        for (double p : dist) {
          r += p > dist[w] * (1 + 1e-9) ? 1 : 0;
        }
        return r;
      }

      @Override
      public int listed() {
        return dist.length;
      }

      @Override
      public int listedWord(int i) {
        return i;
      }

      @Override
      public double listedProb(int i) {
        return dist[i];
      }

      @Override
      public boolean isListed(int w) {
        return true;
      }

      @Override
      public double rest() {
        return 0;
      }

      @Override
      public void advance(int w) {
        if (w == Vocabulary.EOS) {
          reset();
          return;
        }
        ctx.add(w);
        dist = lm.distribution(ctx.toIntArray());
      }
    };
  }
}
