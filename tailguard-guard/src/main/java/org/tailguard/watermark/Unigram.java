package org.tailguard.watermark;

import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import org.tailguard.text.token.Vocabulary;

/** Unigram-Watermark (Zhao et al. 2024); see {@link UnigramSpec}. */
final class Unigram extends Scheme {
  private final UnigramSpec spec;
  private final boolean[] green;
  private final double redAccept;

  Unigram(UnigramSpec spec, WatermarkKey key, Vocabulary vocabulary) {
    super(key, vocabulary);
    this.spec = spec;
    this.redAccept = Math.exp(-spec.delta());
    long seed = new Prf(key).seed('U');
    long threshold = Prf.threshold(spec.gamma());
    this.green = new boolean[vocabulary.size()];
    for (int v = 0; v < green.length; v++) {
      green[v] = Prf.below(Prf.draw(seed, v), threshold);
    }
  }

  @Override
  public UnigramSpec spec() {
    return spec;
  }

  /** Whether token v is on the green list. */
  boolean green(int v) {
    return green[v];
  }

  @Override
  public TokenScores score(int[] tokens) {
    checkTokens(tokens);
    int n = tokens.length;
    boolean[] counted = new boolean[n];
    double[] values = new double[n];
    IntOpenHashSet seen = new IntOpenHashSet();
    for (int t = 0; t < n; t++) {
      int v = tokens[t];
      values[t] = green[v] ? 1 : 0;
      counted[t] = !spec.ignoreRepeated() || seen.add(v);
    }
    return new TokenScores(spec.name(), tokens.clone(), counted, values, values.clone(),
        new NullModel.Binomial(1, spec.gamma()));
  }

  @Override
  Embedder embedder() {
    return new Embedder() {
      @Override
      public void reset() {}

      @Override
      public int choose(Step s) {
        for (int attempt = 0; attempt < 64; attempt++) {
          int v = s.sample();
          if (green[v] || s.rng.nextDouble() < redAccept) {
            return v;
          }
        }
        double boost = Math.exp(spec.delta());
        double[] q = new double[s.w.length];
        int[] ids = new int[s.w.length];
        for (int v = 0; v < q.length; v++) {
          ids[v] = v;
          q[v] = s.w[v] * (green[v] ? boost : 1);
        }
        return s.sample(ids, q, q.length);
      }
    };
  }
}
