package org.tailguard.watermark;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import org.tailguard.text.token.Vocabulary;

/** SynthID-Text tournament sampling (Dathathri et al. 2024); see {@link SynthIdSpec}. */
final class SynthId extends Scheme {
  /*
   * One layer of a two-candidate tournament with Bernoulli g-values: two independent draws from p, the one
   * with larger g wins, a tie picks either. P(winner = v) = p_v² + 2 p_v (Σ_{g_w < g_v} p_w + ½ Σ_{w≠v,
   * g_w = g_v} p_w) = p_v (1 + g_v − E_p[g]). Layer l's candidates are winners of layer l − 1, independent
   * draws from p_{l−1}, so m layers applied in turn give the law of the full tournament over 2^m draws.
   * Cost: O(m·k) per token for k candidates, plus an O(|V|) selection of the k most probable.
   */
  private final SynthIdSpec spec;
  private final int h;
  private final int m;
  private final long mask;

  SynthId(SynthIdSpec spec, WatermarkKey key, Vocabulary vocabulary) {
    super(key, vocabulary);
    this.spec = spec;
    this.h = spec.context();
    this.m = spec.depth();
    this.mask = m == 64 ? -1L : (1L << m) - 1;
  }

  @Override
  public SynthIdSpec spec() {
    return spec;
  }

  /** The number of g-values equal to 1 among the m layers of token v under a context seed. */
  int ones(long seed, int v) {
    return Long.bitCount(Prf.draw(seed, v) & mask);
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
      long seed = prf.seed('G', ctx, 0, h);
      int ones = ones(seed, tokens[t]);
      contributions[t] = ones;
      values[t] = (double) ones / m;
      counted[t] = seen.add(seed);
    }
    return new TokenScores(spec.name(), tokens.clone(), counted, values, contributions, new NullModel.Binomial(m, 0.5));
  }

  /**
   * The law of the tournament's winner over candidates with probabilities q (normalised in place) and
   * g-value bits: q ← q·(1 + g_l − E_q[g_l]) for l = 0 .. m − 1.
   */
  static void tournament(double[] q, long[] bits, int n, int m) {
    double z = 0;
    for (int i = 0; i < n; i++) {
      z += q[i];
    }
    double c = 0; // E_q[g_0]
    for (int i = 0; i < n; i++) {
      q[i] /= z;
      c += q[i] * (bits[i] & 1);
    }
    for (int l = 0; l < m; l++) {
      // apply layer l and accumulate E[g_{l+1}] under the result, in one pass
      double next = 0;
      double base = 1 - c;
      int l1 = l + 1;
      for (int i = 0; i < n; i++) {
        long b = bits[i];
        double x = q[i] * (base + ((b >>> l) & 1));
        q[i] = x;
        next += x * ((b >>> l1) & 1);
      }
      c = next;
    }
  }

  @Override
  Embedder embedder() {
    Prf prf = new Prf(key);
    int[] ctx = new int[h];
    LongOpenHashSet seen = new LongOpenHashSet();
    int k = spec.candidates();
    TopK top = new TopK(k);
    long[] bits = new long[k];
    double[] q = new double[k];
    return new Embedder() {
      long pending;
      boolean marked;

      @Override
      public void reset() {
        seen.clear();
      }

      @Override
      public int choose(Step s) {
        context(s.history, s.length, h, ctx);
        long seed = prf.seed('G', ctx, 0, h);
        pending = seed;
        marked = !seen.contains(seed);
        int n = top.select(s.w);
        for (int i = 0; i < n; i++) {
          q[i] = s.w[top.ids[i]];
        }
        if (marked) {
          for (int i = 0; i < n; i++) {
            bits[i] = Prf.draw(seed, top.ids[i]);
          }
          tournament(q, bits, n, m);
        }
        return s.sample(top.ids, q, n);
      }

      @Override
      public void commit(int token) {
        if (marked && token != Vocabulary.EOS) {
          seen.add(pending);
        }
      }
    };
  }

  /**
   * The k largest positive weights (ties: lower id first), in O(|V|). A positive double's bit pattern orders
   * like its value, so a histogram of the top 12 bits (sign and exponent) finds the bucket holding the k-th
   * largest; everything above it is kept, and the bucket is split again on its next 10 bits before the few
   * ids left at the boundary are sorted.
   */
  static final class TopK {
    final int[] ids;
    private final int k;
    private final int[] coarse = new int[1 << 11];
    private final int[] fine = new int[1 << 10];
    private int[] boundary = new int[256];

    TopK(int k) {
      this.k = k;
      this.ids = new int[k];
    }

    /** Fills ids[0..n) with the ids of the n = min(k, #positive) largest weights, in no particular order. */
    int select(double[] w) {
      java.util.Arrays.fill(coarse, 0);
      int positive = 0;
      for (double x : w) {
        if (x > 0) {
          coarse[(int) (Double.doubleToRawLongBits(x) >>> 52)]++;
          positive++;
        }
      }
      int n = 0;
      if (positive <= k) {
        for (int v = 0; v < w.length; v++) {
          if (w[v] > 0) {
            ids[n++] = v;
          }
        }
        return n;
      }
      int cut = coarse.length - 1;
      int above = 0;
      while (above + coarse[cut] < k) {
        above += coarse[cut--];
      }
      java.util.Arrays.fill(fine, 0);
      for (double x : w) {
        long bits = Double.doubleToRawLongBits(x);
        if (x > 0 && (int) (bits >>> 52) == cut) {
          fine[(int) (bits >>> 42) & 1023]++;
        }
      }
      int fcut = fine.length - 1;
      while (above + fine[fcut] < k) {
        above += fine[fcut--];
      }
      int need = k - above; // ids taken from the boundary bucket (cut, fcut)
      if (boundary.length < fine[fcut]) {
        boundary = new int[fine[fcut]];
      }
      int b = 0;
      for (int v = 0; v < w.length; v++) {
        double x = w[v];
        if (x > 0) {
          long bits = Double.doubleToRawLongBits(x);
          int c = (int) (bits >>> 52);
          if (c > cut || (c == cut && ((int) (bits >>> 42) & 1023) > fcut)) {
            ids[n++] = v;
          } else if (c == cut && ((int) (bits >>> 42) & 1023) == fcut) {
            boundary[b++] = v;
          }
        }
      }
      if (need < b) {
        it.unimi.dsi.fastutil.ints.IntArrays.quickSort(boundary, 0, b,
            (x, y) -> w[x] != w[y] ? Double.compare(w[y], w[x]) : Integer.compare(x, y));
      }
      System.arraycopy(boundary, 0, ids, n, need);
      return n + need;
    }
  }
}
