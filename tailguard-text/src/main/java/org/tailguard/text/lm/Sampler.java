package org.tailguard.text.lm;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/**
 * Generates text from an {@link NgramLm} with a {@link Decoding}: ancestral sampling of whole sentences
 * (from {@code <s>} until {@code </s>} or a length cap), and continuations of a prompt.
 *
 * <p>Sampling is exact for the decoded distribution: at temperature T a token has weight p^(1/T);
 * top-k keeps the k most probable tokens, top-p the smallest most-probable set whose tempered mass
 * reaches p (Holtzman et al. 2020), both renormalised; ties are broken by lower id. Greedy and beam
 * decoding are deterministic ({@link BeamSearch}). All randomness comes from the given
 * {@link UniformRandomProvider}, so a seed fixes the text. A sampler holds scratch buffers: use one per
 * thread; the model itself may be shared.
 */
public final class Sampler {
  /*
   * Cost per token: O(|S|) for S, the stored successors of the context's suffixes (Successors); every
   * other word has probability C·p1(w). Plain and tempered sampling draw outside S by rejection from a
   * precomputed cumulative table of p1^(1/T), so never touch the whole vocabulary; truncated decodings
   * walk the distribution in decreasing order by merging a heap over S with the unigram order, so they
   * stop after the kept tokens.
   */
  private final NgramLm lm;
  private final Decoding decoding;
  private final Decoding.Method method;
  private final double invT;
  private final double[] u; // (p1(w) / max p1)^(1/T)
  private final double[] cumulative; // prefix sums of u over ids
  private final double[] cumulativeP1; // prefix sums of p1 over ids, for untempered draws
  private final double logP1Max;
  private final Successors s = new Successors();
  private final Descending descending;
  private int[] kept = new int[0];
  private double[] weights = new double[0];

  public Sampler(NgramLm lm, Decoding decoding) {
    this.lm = lm;
    this.decoding = decoding;
    this.method = decoding.kind();
    this.invT = 1 / decoding.t();
    s.use(lm);
    this.descending = new Descending(lm);
    double[] p1 = lm.probs[1];
    double max = 0;
    for (double x : p1) {
      max = Math.max(max, x);
    }
    logP1Max = Math.log(max);
    u = new double[p1.length];
    cumulative = new double[p1.length];
    cumulativeP1 = new double[p1.length];
    double sum = 0;
    double sumP1 = 0;
    for (int w = 0; w < p1.length; w++) {
      sumP1 += p1[w];
      cumulativeP1[w] = sumP1;
      u[w] = p1[w] > 0 ? Math.exp((Math.log(p1[w]) - logP1Max) * invT) : 0;
      sum += u[w];
      cumulative[w] = sum;
    }
  }

  public Decoding decoding() {
    return decoding;
  }

  /**
   * One sentence: words drawn from {@code <s>} until {@code </s>} (not included) or {@code maxLength}
   * words. With beam decoding, the best sentence of at most {@code maxLength} words.
   */
  public int[] sentence(UniformRandomProvider rng, int maxLength) {
    if (method == Decoding.Method.BEAM) {
      return BeamSearch.search(lm, new int[] {Vocabulary.BOS}, decoding.width(), maxLength + 1).words();
    }
    int[] ctx = lm.startState();
    int[] next = new int[lm.order];
    IntArrayList out = new IntArrayList();
    while (out.size() < maxLength) {
      int w = next(ctx, rng);
      if (w == Vocabulary.EOS) {
        break;
      }
      out.add(w);
      lm.advance(ctx, next, w);
      int[] t = ctx;
      ctx = next;
      next = t;
    }
    return out.toIntArray();
  }

  /**
   * One sentence whose words are restricted to {@code allowed}: each token is drawn from the decoded
   * distribution conditioned on the allowed words and {@code </s>}, by rejection. The text lab uses it so
   * that a model trained on a corpus writes only that corpus's words: Kneser–Ney's uniform floor gives every
   * vocabulary word some mass for scoring, but a model never trained on a word has no business writing it.
   * After {@value #MAX_REJECTIONS} rejections in a row the sentence ends.
   */
  public int[] sentence(UniformRandomProvider rng, int maxLength, java.util.function.IntPredicate allowed) {
    if (method == Decoding.Method.BEAM) {
      return sentence(rng, maxLength);
    }
    int[] ctx = lm.startState();
    int[] next = new int[lm.order];
    IntArrayList out = new IntArrayList();
    while (out.size() < maxLength) {
      int w = next(ctx, rng);
      for (int tries = 1; w != Vocabulary.EOS && !allowed.test(w); tries++) {
        w = tries == MAX_REJECTIONS ? Vocabulary.EOS : next(ctx, rng);
      }
      if (w == Vocabulary.EOS) {
        break;
      }
      out.add(w);
      lm.advance(ctx, next, w);
      int[] t = ctx;
      ctx = next;
      next = t;
    }
    return out.toIntArray();
  }

  /** The most rejections in a row before {@link #sentence(UniformRandomProvider, int, java.util.function.IntPredicate)} ends a sentence. */
  public static final int MAX_REJECTIONS = 10_000;

  /** {@code count} sentences of at most {@code maxLength} words, over the model's vocabulary. */
  public Sentences sentences(int count, int maxLength, UniformRandomProvider rng) {
    int[][] out = new int[count][];
    for (int i = 0; i < count; i++) {
      out[i] = sentence(rng, maxLength);
    }
    return new Sentences(lm.vocabulary, out);
  }

  /**
   * The next {@code length} tokens after a prompt (word ids, oldest first; start it with {@code <s>} to
   * begin a sentence). A drawn {@code </s>} is kept and followed by {@code <s>} in the context, so a
   * continuation may span sentences, as a fixed-length block of text does. With beam decoding, the
   * best continuation ({@link BeamSearch}), which ends early at {@code </s>}.
   */
  public int[] continuation(int[] prompt, int length, UniformRandomProvider rng) {
    if (method == Decoding.Method.BEAM) {
      return BeamSearch.search(lm, prompt, decoding.width(), length).words();
    }
    int[] ctx = new int[lm.order];
    int[] next = new int[lm.order];
    lm.contextIds(prompt, ctx);
    int[] out = new int[length];
    for (int i = 0; i < length; i++) {
      int w = next(ctx, rng);
      out[i] = w;
      if (w == Vocabulary.EOS) {
        lm.resetState(ctx);
        continue;
      }
      lm.advance(ctx, next, w);
      int[] t = ctx;
      ctx = next;
      next = t;
    }
    return out;
  }

  /** The next token after the context ids {@code ctx} (a state of {@link NgramLm}). */
  int next(int[] ctx, UniformRandomProvider rng) {
    return switch (method) {
      case SAMPLE -> invT == 1 ? sampleLevel(ctx, lm.order, rng) : sampleTempered(ctx, rng);
      case GREEDY, BEAM -> {
        descending.start(ctx);
        yield descending.next();
      }
      case TOP_K -> sampleTruncated(ctx, rng, decoding.k(), 2);
      case TOP_P -> sampleTruncated(ctx, rng, Integer.MAX_VALUE, decoding.p());
    };
  }

  /**
   * Exact ancestral sampling from p(· | h) at level k without building S: draw among h's stored
   * successors with their stored probabilities; with the remaining mass (the backoff mass), draw from
   * level k - 1 and reject words stored after h. Successors sit in id order, which is frequency order for
   * vocabularies built by Vocabulary.build, so the scan usually stops early.
   */
  private int sampleLevel(int[] ctx, int k, UniformRandomProvider rng) {
    if (k == 1) {
      double total = cumulativeP1[cumulativeP1.length - 1];
      int w = upperBound(cumulativeP1, rng.nextDouble() * total);
      return Math.min(w, cumulativeP1.length - 1);
    }
    int h = ctx[k - 1];
    if (h < 0) {
      return sampleLevel(ctx, k - 1, rng);
    }
    int[] ws = lm.words[k];
    double[] ps = lm.probs[k];
    int from = lm.offsets[k - 1][h];
    int to = lm.offsets[k - 1][h + 1];
    double x = rng.nextDouble();
    for (int g = from; g < to; g++) {
      x -= ps[g];
      if (x < 0) {
        return ws[g];
      }
    }
    for (int attempt = 0; attempt < 1000; attempt++) {
      int w = sampleLevel(ctx, k - 1, rng);
      if (lm.find(k, h, w) < 0) {
        return w;
      }
    }
    // The successors hold nearly all of the lower level's mass: draw from the rest explicitly, O(|V|).
    double[] lower = new double[lm.vocabulary.size()];
    lm.distributionOfIds(ctx, k - 1, lower);
    double rest = 0;
    for (int w = 0; w < lower.length; w++) {
      if (lower[w] > 0 && lm.find(k, h, w) < 0) {
        rest += lower[w];
      }
    }
    double y = rng.nextDouble() * rest;
    int last = ws[to - 1];
    for (int w = 0; w < lower.length; w++) {
      if (lower[w] > 0 && lm.find(k, h, w) < 0) {
        last = w;
        y -= lower[w];
        if (y < 0) {
          return w;
        }
      }
    }
    return last;
  }

  // ---- weights in one frame: q(w) = (p(w) / e^ref)^(1/T) ------------------------------------------

  private double ref; // log of the largest probability
  private double restFactor; // q(w) = restFactor · u[w] for w outside S

  private void frame() {
    double logC = s.rest > 0 ? Math.log(s.rest) : Double.NEGATIVE_INFINITY;
    ref = logC + logP1Max;
    for (int i = 0; i < s.size; i++) {
      ref = Math.max(ref, Math.log(s.val[s.list[i]]));
    }
    restFactor = s.rest > 0 ? Math.exp((logC + logP1Max - ref) * invT) : 0;
  }

  private double q(double p) {
    return p > 0 ? Math.exp((Math.log(p) - ref) * invT) : 0;
  }

  /** The total weight outside S, and the sum of u over S (for the acceptance rate). */
  private double uInS;

  private double restWeight() {
    double in = 0;
    for (int i = 0; i < s.size; i++) {
      in += u[s.list[i]];
    }
    uInS = in;
    double total = cumulative[cumulative.length - 1];
    double out = total - in;
    return out > 1e-12 * total ? restFactor * out : 0;
  }

  /**
   * Sampling at temperature T != 1. For T &lt; 1, by rejection: draw w from p and accept it with
   * probability (p(w) / p_max)^(1/T − 1), which leaves w with probability ∝ p(w)^(1/T); after 64 rejections
   * (a flat distribution) it falls back to the exact O(|S|) draw, so the mixture stays exact. For T &gt; 1,
   * the O(|S|) draw: weights p^(1/T) over S, then the rest.
   */
  private int sampleTempered(int[] ctx, UniformRandomProvider rng) {
    if (invT > 1) {
      descending.start(ctx);
      descending.next();
      double logMax = Math.log(descending.prob());
      for (int attempt = 0; attempt < 64; attempt++) {
        int w = sampleLevel(ctx, lm.order, rng);
        double accept = Math.exp((Math.log(lm.probOfIds(ctx, w)) - logMax) * (invT - 1));
        if (rng.nextDouble() < accept) {
          return w;
        }
      }
    }
    s.fill(ctx);
    frame();
    double inS = 0;
    for (int i = 0; i < s.size; i++) {
      inS += q(s.val[s.list[i]]);
    }
    double rest = restWeight();
    double x = rng.nextDouble() * (inS + rest);
    int last = -1;
    for (int i = 0; i < s.size; i++) {
      int w = s.list[i];
      x -= q(s.val[w]);
      last = w;
      if (x < 0) {
        return w;
      }
    }
    if (rest == 0) {
      return last; // rounding put x at the very end of S
    }
    return sampleOutside(rng);
  }

  /** A word outside S with probability ∝ u: by rejection when S holds little of u's mass, else by a scan. */
  private int sampleOutside(UniformRandomProvider rng) {
    double total = cumulative[cumulative.length - 1];
    if (uInS < 0.9 * total) {
      while (true) { // acceptance at least 10%
        double y = rng.nextDouble() * total;
        int w = upperBound(cumulative, y);
        if (w < u.length && u[w] > 0 && !s.contains(w)) {
          return w;
        }
      }
    }
    double y = rng.nextDouble() * (total - uInS);
    int last = -1;
    for (int w = 0; w < u.length; w++) {
      if (u[w] > 0 && !s.contains(w)) {
        y -= u[w];
        last = w;
        if (y < 0) {
          return w;
        }
      }
    }
    return last;
  }

  private static int upperBound(double[] sorted, double x) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Top-k (mass 2, never reached) or top-p (k unbounded): walk the distribution in decreasing order,
   * keep tokens until k are kept or their tempered mass reaches {@code mass} of the total, renormalise,
   * draw. At temperature 1 the total is 1; otherwise it needs one O(|S|) pass ({@link #frame}).
   */
  private int sampleTruncated(int[] ctx, UniformRandomProvider rng, int k, double mass) {
    double z = 1;
    boolean tempered = invT != 1;
    if (tempered) {
      s.fill(ctx);
      frame();
      if (mass <= 1) {
        z = 0;
        for (int i = 0; i < s.size; i++) {
          z += q(s.val[s.list[i]]);
        }
        z += restWeight();
      }
    }
    descending.start(ctx);
    int n = 0;
    double sum = 0;
    double first = 0;
    while (n < k && sum < mass * z) {
      int w = descending.next();
      if (w < 0) {
        break;
      }
      double p = descending.prob();
      if (n == 0) {
        first = p;
      }
      double qw = !tempered ? p : mass <= 1 ? q(p) : Math.exp((Math.log(p) - Math.log(first)) * invT);
      if (n == kept.length) {
        kept = java.util.Arrays.copyOf(kept, Math.max(16, 2 * n));
        weights = java.util.Arrays.copyOf(weights, kept.length);
      }
      kept[n] = w;
      weights[n++] = qw;
      sum += qw;
    }
    double x = rng.nextDouble() * sum;
    for (int i = 0; i < n; i++) {
      x -= weights[i];
      if (x < 0) {
        return kept[i];
      }
    }
    return kept[n - 1];
  }
}
