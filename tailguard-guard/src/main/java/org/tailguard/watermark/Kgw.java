package org.tailguard.watermark;

import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import org.tailguard.text.token.Vocabulary;

/** KGW (Kirchenbauer et al. 2023); see {@link KgwSpec} for the formulas. */
final class Kgw extends Scheme {
  /*
   * Green test of token v at a position whose previous tokens are c (padded with <s>):
   *   ORDERED:   seed = seed(K,'K', c_{t-h..t-1});           green iff draw(seed, v) < γ·2^64
   *   MIN_HASH:  seed = min_i seed(K,'M', c_i)               (unsigned), same test
   *   SELF_HASH: seed = min over a in (c_{t-h+1..t-1}, v) of draw(seed(K,'S', a), v), same test
   * Repeats: a tuple is (seed, v); for ORDERED that is the repository's n-gram, and for the min-hashes it
   * also merges tuples whose seeds coincide, which n-gram counting would treat as independent coins.
   * Embedding: rejection from p, accepting green always and red with probability e^-δ, which leaves
   * p'(v) ∝ p(v)·e^{δ[v green]} exactly and needs the green test only for drawn tokens (at most e^δ draws
   * on average); after 64 rejections the exact O(|V|) draw takes over, so the law stays exact.
   */
  private final KgwSpec spec;
  private final long threshold;
  private final double redAccept;
  private final int h;

  Kgw(KgwSpec spec, WatermarkKey key, Vocabulary vocabulary) {
    super(key, vocabulary);
    this.spec = spec;
    this.threshold = Prf.threshold(spec.gamma());
    this.redAccept = Math.exp(-spec.delta());
    this.h = spec.context();
  }

  @Override
  public KgwSpec spec() {
    return spec;
  }

  /** Seeds and green tests with one PRF and a cache of per-token seeds for the min-hashes. */
  private final class Greens {
    final Prf prf = new Prf(key);
    final Int2LongOpenHashMap tokenSeeds = new Int2LongOpenHashMap();
    final int[] ctx = new int[h];

    long tokenSeed(char tag, int a) {
      long s = tokenSeeds.getOrDefault(a, 0L);
      if (s == 0 && !tokenSeeds.containsKey(a)) {
        s = prf.seed(tag, a);
        tokenSeeds.put(a, s);
      }
      return s;
    }

    /** The seed of position {@code end} (the token after seq[0..end)) for candidate v. */
    long seed(int[] seq, int end, int v) {
      switch (spec.hash()) {
        case ORDERED -> {
          context(seq, end, h, ctx);
          return prf.seed('K', ctx, 0, h);
        }
        case MIN_HASH -> {
          context(seq, end, h, ctx);
          long m = -1L; // unsigned maximum
          for (int i = 0; i < h; i++) {
            long s = tokenSeed('M', ctx[i]);
            if (Long.compareUnsigned(s, m) < 0) {
              m = s;
            }
          }
          return m;
        }
        case SELF_HASH -> {
          context(seq, end, h - 1, ctx);
          long m = Prf.draw(tokenSeed('S', v), v);
          for (int i = 0; i < h - 1; i++) {
            long s = Prf.draw(tokenSeed('S', ctx[i]), v);
            if (Long.compareUnsigned(s, m) < 0) {
              m = s;
            }
          }
          return m;
        }
        default -> throw new IllegalStateException();
      }
    }

    boolean green(long seed, int v) {
      return Prf.below(Prf.draw(seed, v), threshold);
    }
  }

  @Override
  public TokenScores score(int[] tokens) {
    checkTokens(tokens);
    int n = tokens.length;
    boolean[] counted = new boolean[n];
    double[] values = new double[n];
    Greens g = new Greens();
    LongOpenHashSet seen = new LongOpenHashSet();
    for (int t = 0; t < n; t++) {
      int v = tokens[t];
      long seed = g.seed(tokens, t, v);
      values[t] = g.green(seed, v) ? 1 : 0;
      counted[t] = !spec.ignoreRepeated() || seen.add(tuple(seed, v));
    }
    return new TokenScores(spec.name(), tokens.clone(), counted, values, values.clone(),
        new NullModel.Binomial(1, spec.gamma()));
  }

  /**
   * Per position, the seed of its green list, for the context-only hashes (ORDERED, MIN_HASH): the
   * radioactivity test's filter on contexts seen in watermarked training text.
   *
   * @throws IllegalStateException for the self-hash, whose seed depends on the token
   */
  long[] contextSeeds(int[] tokens) {
    if (spec.hash() == ContextHash.SELF_HASH) {
      throw new IllegalStateException("self-hash seeds depend on the token");
    }
    Greens g = new Greens();
    long[] out = new long[tokens.length];
    for (int t = 0; t < tokens.length; t++) {
      out[t] = g.seed(tokens, t, 0);
    }
    return out;
  }

  @Override
  Embedder embedder() {
    Greens g = new Greens();
    boolean self = spec.hash() == ContextHash.SELF_HASH;
    return new Embedder() {
      @Override
      public void reset() {}

      @Override
      public int choose(Step s) {
        long seed = self ? 0 : g.seed(s.history, s.length, 0);
        for (int attempt = 0; attempt < 64; attempt++) {
          int v = s.sample();
          boolean green = g.green(self ? g.seed(s.history, s.length, v) : seed, v);
          if (green || s.rng.nextDouble() < redAccept) {
            return v;
          }
        }
        return exact(s, g, self, seed);
      }
    };
  }

  /** The O(|V|) draw from p(v)·e^{δ[v green]}. */
  private int exact(Step s, Greens g, boolean self, long seed) {
    double boost = Math.exp(spec.delta());
    double total = 0;
    double[] q = new double[s.w.length];
    for (int v = 0; v < q.length; v++) {
      if (s.w[v] > 0) {
        q[v] = s.w[v] * (g.green(self ? g.seed(s.history, s.length, v) : seed, v) ? boost : 1);
        total += q[v];
      }
    }
    double x = s.rng.nextDouble() * total;
    int last = 0;
    for (int v = 0; v < q.length; v++) {
      if (q[v] > 0) {
        last = v;
        x -= q[v];
        if (x < 0) {
          return v;
        }
      }
    }
    return last;
  }
}
