package org.tailguard.text.lm;

import java.util.Arrays;
import java.util.List;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/**
 * An immutable n-gram language model in backoff form, the ARPA representation of SRILM, KenLM and IRSTLM:
 * p(w | h) = P(h w) if the n-gram h w is stored, else bo(h) · p(w | h'), with h' the history without its
 * oldest word and bo(h) = 1 when h itself is not stored (Katz 1987; the ARPA format of Paul and Baker 1992).
 *
 * <p>An interpolated modified Kneser–Ney model ({@link KneserNey}) is exactly of this form: its stored
 * probabilities are the interpolated ones and its backoff weights are the interpolation weights γ(h)
 * (Chen and Goodman 1998, §3.5), so one scorer serves trained models and models read from ARPA files
 * ({@link Arpa}). Probabilities are over the vocabulary without {@code <s>}, which is never predicted
 * (p = 0); {@code <unk>} is an ordinary word. Sentences are scored from the context {@code <s>} and
 * include the final {@code </s>}. All methods are safe to call from many threads at once.
 *
 * <p>Contexts are arrays of word ids, oldest first; a context that starts a sentence begins with
 * {@link Vocabulary#BOS}. Only the last {@code order() - 1} ids are used.
 */
public final class NgramLm {
  /*
   * Storage: a forward trie of sorted primitive arrays, one level per order (the layout of SRILM's and
   * KenLM's tries). Level 1 is dense over word ids. An n-gram of order k >= 2 has an id at level k, its
   * position in words[k]/probs[k]; the successors at level k+1 of the k-gram with id i sit in
   * [offsets[k][i], offsets[k][i+1]) sorted by word id, so finding (h, w) is a binary search in h's
   * successors. Per stored n-gram: 4 bytes of word + 8 of probability, plus 12 (backoff, offset) if it
   * can be a context. Probabilities are held as doubles, not logs, so that distributions and sampling
   * need no exp(); scoring takes one log per token.
   */
  final int order;
  final Vocabulary vocabulary;
  final double[][] probs; // [k][id], k = 1..order; probs[1] is indexed by word id
  final int[][] words; // [k][id], k = 2..order
  final int[][] offsets; // [k][id] .. [k][id + 1]: successors at level k + 1; k = 1..order-1
  final double[][] backoffs; // [k][id], k = 1..order-1
  private final List<Discounts> discounts;
  private final double[] unigramsAscending; // for rank()
  final int[] unigramOrder; // ids with p1 > 0, most probable first, ties by id: for top-k, top-p, greedy

  NgramLm(Vocabulary vocabulary, int order, double[][] probs, int[][] words, int[][] offsets,
      double[][] backoffs, List<Discounts> discounts) {
    this.vocabulary = vocabulary;
    this.order = order;
    this.probs = probs;
    this.words = words;
    this.offsets = offsets;
    this.backoffs = backoffs;
    this.discounts = List.copyOf(discounts);
    probs[1][Vocabulary.BOS] = 0;
    this.unigramsAscending = probs[1].clone();
    Arrays.sort(unigramsAscending);
    double[] p1 = probs[1];
    this.unigramOrder = java.util.stream.IntStream.range(0, p1.length).filter(w -> p1[w] > 0).boxed()
        .sorted((a, b) -> p1[a] != p1[b] ? Double.compare(p1[b], p1[a]) : Integer.compare(a, b))
        .mapToInt(Integer::intValue).toArray();
  }

  /** The highest order n: contexts of up to n - 1 words are used. */
  public int order() {
    return order;
  }

  public Vocabulary vocabulary() {
    return vocabulary;
  }

  /** The discounts per order (index 0 is order 1) of a trained model; empty for a model read from ARPA. */
  public List<Discounts> discounts() {
    return discounts;
  }

  /** The number of stored n-grams of order k (order 1: the vocabulary size, {@code <s>} included). */
  public int ngrams(int k) {
    checkOrder(k);
    return probs[k].length;
  }

  /**
   * The natural log of p(word | context).
   *
   * @param context preceding word ids, oldest first; may be empty
   * @param word the predicted id; {@code <s>} gives negative infinity
   */
  public double logProb(int[] context, int word) {
    return Math.log(prob(context, word));
  }

  /** p(word | context); see {@link #logProb}. */
  public double prob(int[] context, int word) {
    checkWord(word);
    int[] ctx = new int[order];
    contextIds(context, ctx);
    return probOfIds(ctx, word);
  }

  /** Backoff recursion from the longest context down: P(h w) of the longest stored h w times the skipped bo(h). */
  double probOfIds(int[] ctx, int word) {
    double bo = 1;
    for (int k = order; k >= 2; k--) {
      int h = ctx[k - 1];
      if (h < 0) {
        continue;
      }
      int g = find(k, h, word);
      if (g >= 0) {
        return bo * probs[k][g];
      }
      bo *= backoffs[k - 1][h];
    }
    return bo * probs[1][word];
  }

  /** The natural log of p(w1 .. wm </s> | <s>): the sentence's words, then the end of sentence. */
  public double sentenceLogProb(int[] sentence) {
    int[] ctx = startState();
    int[] next = new int[order];
    double sum = 0;
    for (int w : sentence) {
      checkWord(w);
      sum += Math.log(advance(ctx, next, w));
      int[] t = ctx;
      ctx = next;
      next = t;
    }
    return sum + Math.log(advance(ctx, next, Vocabulary.EOS));
  }

  /**
   * Perplexity on held-out sentences, counting every word and each sentence's {@code </s>} but not
   * {@code <s>} (the convention of SRILM's and KenLM's perplexity). Words outside the model's vocabulary
   * are scored as {@code <unk>}; the result also reports the figure without them, as SRILM's {@code ppl}.
   * Sentences over another vocabulary are mapped to this one word by word.
   */
  public Perplexity perplexity(Sentences heldOut) {
    int[] map = idMap(heldOut.vocabulary());
    int[] ctx = new int[order];
    int[] next = new int[order];
    double log10 = 0;
    double oovLog10 = 0;
    long tokens = 0;
    long oovs = 0;
    for (int[] s : heldOut.sentences()) {
      resetState(ctx);
      for (int i = 0; i <= s.length; i++) {
        int w = i == s.length ? Vocabulary.EOS : map == null ? s[i] : map[s[i]];
        if (i < s.length) {
          checkWord(w);
        }
        double lp = Math.log10(advance(ctx, next, w));
        int[] t = ctx;
        ctx = next;
        next = t;
        log10 += lp;
        tokens++;
        if (w == Vocabulary.UNK) {
          oovs++;
          oovLog10 += lp;
        }
      }
    }
    return new Perplexity(heldOut.size(), tokens, oovs, log10, oovLog10);
  }

  /** The probability of every id given the context (index = word id; {@code <s>} gets 0); sums to 1. */
  public double[] distribution(int[] context) {
    double[] out = new double[vocabulary.size()];
    distribution(context, out);
    return out;
  }

  /**
   * Writes p(w | context) for every id w into {@code out} (length at least the vocabulary size), in
   * O(order · |V|): the unigram distribution, then per longer stored context a scaling by its backoff
   * weight and an overwrite of its stored successors.
   */
  public void distribution(int[] context, double[] out) {
    int[] ctx = new int[order];
    contextIds(context, ctx);
    distributionOfIds(ctx, order, out);
  }

  /** The distribution given context ids, using levels up to {@code top} only. */
  void distributionOfIds(int[] ctx, int top, double[] out) {
    int v = vocabulary.size();
    System.arraycopy(probs[1], 0, out, 0, v);
    for (int k = 2; k <= top; k++) {
      int h = ctx[k - 1];
      if (h < 0) {
        continue;
      }
      double bo = backoffs[k - 1][h];
      if (bo != 1) {
        for (int w = 0; w < v; w++) {
          out[w] *= bo;
        }
      }
      int[] ws = words[k];
      double[] ps = probs[k];
      for (int g = offsets[k - 1][h], end = offsets[k - 1][h + 1]; g < end; g++) {
        out[ws[g]] = ps[g];
      }
    }
  }

  /**
   * The rank of {@code word} in the next-token distribution: 1 + the number of ids with a strictly higher
   * probability, so ties share the best rank. Probabilities within a relative 1e-9 count as tied, so that
   * rounding does not split equal values. Costs O(|S| + log |V|), S being the stored successors of the
   * context's suffixes; words outside S are ranked by binary search among the sorted unigram probabilities.
   */
  public int rank(int[] context, int word) {
    checkWord(word);
    int[] ctx = new int[order];
    contextIds(context, ctx);
    double pt = probOfIds(ctx, word);
    if (pt == 0) {
      return vocabulary.size(); // only <s> (or a zero-probability word of an imported model)
    }
    double above = pt * (1 + 1e-9);
    Successors s = Successors.local(this);
    s.fill(ctx);
    int rank = 1;
    double c = s.rest;
    double unigramAbove = c > 0 ? above / c : Double.POSITIVE_INFINITY;
    // words outside S: C·p1(w) > above  <=>  p1(w) > above / C
    int greaterUnigrams = unigramsAscending.length - upperBound(unigramsAscending, unigramAbove);
    rank += greaterUnigrams;
    for (int i = 0; i < s.size; i++) {
      int w = s.list[i];
      if (probs[1][w] > unigramAbove) {
        rank--; // counted among the unigrams, but its true probability is the stored one
      }
      if (s.val[w] > above) {
        rank++;
      }
    }
    return rank;
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

  private volatile int[][] byProb;

  /**
   * Per level k >= 2, the n-gram ids with each context's successors reordered by decreasing probability
   * (ties by word id); built on first use (4 bytes per n-gram), for {@link Descending}.
   */
  int[][] byProbability() {
    int[][] b = byProb;
    if (b == null) {
      synchronized (this) {
        b = byProb;
        if (b == null) {
          b = new int[order + 1][];
          for (int k = 2; k <= order; k++) {
            int[] perm = new int[probs[k].length];
            for (int i = 0; i < perm.length; i++) {
              perm[i] = i;
            }
            double[] ps = probs[k];
            int[] ws = words[k];
            int[] off = offsets[k - 1];
            for (int h = 0; h + 1 < off.length; h++) {
              if (off[h + 1] - off[h] > 1) {
                it.unimi.dsi.fastutil.ints.IntArrays.quickSort(perm, off[h], off[h + 1],
                    (x, y) -> ps[x] != ps[y] ? Double.compare(ps[y], ps[x]) : Integer.compare(ws[x], ws[y]));
              }
            }
            b[k] = perm;
          }
          byProb = b;
        }
      }
    }
    return b;
  }

  // ---- internals shared with Sampler, Arpa and the tests -------------------------------------------

  /** The id of (h, w) at level k, h being an id at level k - 1, or -1. Level 1 ids are word ids. */
  int find(int k, int h, int w) {
    if (k == 1) {
      return w;
    }
    int lo = offsets[k - 1][h];
    int hi = offsets[k - 1][h + 1] - 1;
    int[] ws = words[k];
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int x = ws[mid];
      if (x < w) {
        lo = mid + 1;
      } else if (x > w) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** ctx[k] := the id at level k of the context's last k words, or -1; for k = 1 .. order - 1. */
  void contextIds(int[] context, int[] ctx) {
    Arrays.fill(ctx, -1);
    int len = context.length;
    for (int k = 1; k < order && k <= len; k++) {
      int start = len - k;
      int id = context[start];
      checkId(id);
      for (int j = 1; j < k && id >= 0; j++) {
        int w = context[start + j];
        checkId(w);
        id = find(j + 1, id, w);
      }
      ctx[k] = id;
    }
  }

  /** The state at the start of a sentence: the context {@code <s>}. */
  int[] startState() {
    int[] ctx = new int[order];
    resetState(ctx);
    return ctx;
  }

  void resetState(int[] ctx) {
    Arrays.fill(ctx, -1);
    if (order > 1) {
      ctx[1] = Vocabulary.BOS;
    }
  }

  /**
   * p(w | state), writing the state after w into {@code next}. The lookups of (h_k, w) serve both the
   * score and the next state: the id of the last k words is that of (h_{k-1}, w). One binary search per
   * order, as KenLM's state-carrying queries.
   */
  double advance(int[] ctx, int[] next, int w) {
    double p = 0;
    double bo = 1;
    boolean found = false;
    for (int k = order; k >= 2; k--) {
      int h = ctx[k - 1];
      int g = h < 0 ? -1 : find(k, h, w);
      if (k < order) {
        next[k] = g;
      }
      if (!found) {
        if (g >= 0) {
          p = bo * probs[k][g];
          found = true;
        } else if (h >= 0) {
          bo *= backoffs[k - 1][h];
        }
      }
    }
    if (order > 1) {
      next[1] = w;
    }
    return found ? p : bo * probs[1][w];
  }

  /** Maps another vocabulary's ids to this one's by word, or null if they are the same. */
  int[] idMap(Vocabulary other) {
    if (other == vocabulary || other.equals(vocabulary)) {
      return null;
    }
    int[] map = new int[other.size()];
    for (int i = 0; i < map.length; i++) {
      map[i] = vocabulary.id(other.word(i));
    }
    return map;
  }

  private void checkOrder(int k) {
    if (k < 1 || k > order) {
      throw new IllegalArgumentException("order must be in [1, " + order + "], got " + k);
    }
  }

  void checkWord(int w) {
    checkId(w);
  }

  private void checkId(int w) {
    if (w < 0 || w >= probs[1].length) {
      throw new IllegalArgumentException("word id " + w + " outside the vocabulary of " + probs[1].length);
    }
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("NgramLm[order ").append(order).append(", n-grams");
    for (int k = 1; k <= order; k++) {
      b.append(k == 1 ? " " : "/").append(probs[k].length);
    }
    return b.append(']').toString();
  }
}
