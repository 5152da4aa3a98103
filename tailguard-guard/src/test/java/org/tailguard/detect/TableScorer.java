package org.tailguard.detect;

import java.util.Map;
import org.tailguard.text.token.Vocabulary;

/**
 * A hand-built bigram scorer that lists its whole next-token distribution at every position (C = 0), as a
 * neural language model would: the test double for "a neural LM plugs in unchanged". Rows are indexed by
 * the previous id ({@code <s>} at a sentence start); ranks count strictly more probable ids.
 */
final class TableScorer implements Scorer {
  private final String name;
  private final Vocabulary vocabulary;
  private final Map<Integer, double[]> rows;
  private final double[] base;

  TableScorer(String name, Vocabulary vocabulary, Map<Integer, double[]> rows) {
    this.name = name;
    this.vocabulary = vocabulary;
    this.rows = rows;
    this.base = new double[vocabulary.size()];
    java.util.Arrays.fill(base, 1.0 / vocabulary.size());
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
    return new Cursor() {
      int prev = Vocabulary.BOS;

      double[] row() {
        return rows.get(prev);
      }

      @Override
      public void reset() {
        prev = Vocabulary.BOS;
      }

      @Override
      public double prob(int w) {
        return row()[w];
      }

      @Override
      public int rank(int w) {
        int r = 1;
        for (double p : row()) {
          r += p > row()[w] ? 1 : 0;
        }
        return r;
      }

      @Override
      public int listed() {
        return vocabulary.size();
      }

      @Override
      public int listedWord(int i) {
        return i;
      }

      @Override
      public double listedProb(int i) {
        return row()[i];
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
        prev = w == Vocabulary.EOS ? Vocabulary.BOS : w;
      }
    };
  }
}
