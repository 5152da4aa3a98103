package org.tailguard.watermark;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import org.tailguard.text.token.Vocabulary;

/** EXP / Gumbel exponential-minimum sampling (Aaronson 2023; Kuditipudi et al. 2024); see {@link ExpSpec}. */
final class Exp extends Scheme {
  /*
   * Embedding picks argmin_v E_v / p_v with E_v = −ln r_v (an exponential race; equivalent to
   * argmax r_v^{1/p_v}). All candidates with p_v > 0 compete, but few need a logarithm: since
   * −ln r ≥ 1 − r, a candidate with 1 − r_v ≥ t*·p_v cannot beat the best time t* so far. Ids come in
   * frequency order, so t* is small after the first few frequent words and the scan costs one SplitMix64
   * draw and one comparison per candidate.
   */
  private final ExpSpec spec;
  private final int h;

  Exp(ExpSpec spec, WatermarkKey key, Vocabulary vocabulary) {
    super(key, vocabulary);
    this.spec = spec;
    this.h = spec.context();
  }

  @Override
  public ExpSpec spec() {
    return spec;
  }

  @Override
  public TokenScores score(int[] tokens) {
    checkTokens(tokens);
    int n = tokens.length;
    boolean[] counted = new boolean[n];
    double[] values = new double[n];
    double[] contributions = new double[n];
    Prf prf = new Prf(key);
    int[] ctx = new int[h];
    LongOpenHashSet seen = new LongOpenHashSet();
    for (int t = 0; t < n; t++) {
      context(tokens, t, h, ctx);
      long seed = prf.seed('E', ctx, 0, h);
      double r = Prf.unit(Prf.draw(seed, tokens[t]));
      values[t] = r;
      contributions[t] = -Math.log1p(-r);
      counted[t] = seen.add(seed);
    }
    return new TokenScores(spec.name(), tokens.clone(), counted, values, contributions, new NullModel.Exponential());
  }

  @Override
  Embedder embedder() {
    Prf prf = new Prf(key);
    int[] ctx = new int[h];
    LongOpenHashSet seen = new LongOpenHashSet();
    return new Embedder() {
      long pending;
      boolean marked;

      @Override
      public void reset() {
        seen.clear();
      }

      @Override
      public int leadIn() {
        return h;
      }

      @Override
      public int choose(Step s) {
        context(s.history, s.length, h, ctx);
        long seed = prf.seed('E', ctx, 0, h);
        pending = seed;
        marked = !seen.contains(seed);
        if (!marked) {
          return s.sample();
        }
        double[] w = s.w;
        int best = -1;
        double bestT = Double.POSITIVE_INFINITY;
        for (int v = 0; v < w.length; v++) {
          double p = w[v];
          if (p <= 0) {
            continue;
          }
          double r = Prf.unit(Prf.draw(seed, v));
          if (1 - r >= bestT * p) {
            continue;
          }
          double t = -Math.log(r) / p;
          if (t < bestT) {
            bestT = t;
            best = v;
          }
        }
        return best;
      }

      @Override
      public void commit(int token) {
        if (marked && token != Vocabulary.EOS) {
          seen.add(pending);
        }
      }
    };
  }
}
