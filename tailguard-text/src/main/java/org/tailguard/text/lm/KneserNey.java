package org.tailguard.text.lm;

import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.ArrayList;
import java.util.List;
import org.tailguard.spec.SpecException;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/**
 * Trains an interpolated modified Kneser–Ney n-gram model (Chen and Goodman 1998, "An empirical study of
 * smoothing techniques for language modeling", §3.5 eq. 25–26 and §4.1.6), orders 1 to 5.
 *
 * <p>For an n-gram h w of order k:
 * <pre>
 *   p_k(w | h) = max(a(h w) − D_k(a(h w)), 0) / Σ_v a(h v)  +  γ(h) · p_{k−1}(w | h')
 *   γ(h)       = (D_k1 N1(h•) + D_k2 N2(h•) + D_k3+ N3+(h•)) / Σ_v a(h v)
 * </pre>
 * where a is the raw count at the highest order and for n-grams that start with {@code <s>} (which have
 * no left extension), and the continuation count N1+(• h w), the number of distinct words seen before
 * h w, at lower orders (KenLM's "adjusted counts"); N_r(h•) counts the successors of h with a = r; the
 * discounts D come from each order's count-of-counts of a ({@link Discounts}, with a fallback for
 * degenerate counts). A history that was never followed by anything (such as one ending in {@code </s>})
 * passes its whole mass to the shorter history. The recursion ends in the unigram level interpolated
 * with the uniform distribution over the vocabulary without {@code <s>}, as KenLM does:
 * p_1(w) = max(a(w) − D_1(a(w)), 0) / Σ_v a(v) + γ(ε) / (|V| − 1). So {@code <unk>} is an ordinary word:
 * it has counts if the corpus holds words mapped to it (by the vocabulary's min-count), and otherwise only
 * its uniform share γ(ε)/(|V| − 1), like every vocabulary word absent from the training text.
 * {@code <s>} is never predicted.
 */
public final class KneserNey {
  /** The highest supported order. */
  public static final int MAX_ORDER = 5;

  private static final int WORD_BITS = 24;
  private static final long WORD_MASK = (1L << WORD_BITS) - 1;

  private KneserNey() {}

  /**
   * Trains a model of the given order on the sentences (boundaries implicit, as {@link Sentences} holds
   * them), over their vocabulary.
   *
   * @throws SpecException naming {@code order} if it is outside [1, 5]
   * @throws IllegalArgumentException if there are no sentences, a sentence holds {@code <s>},
   *     {@code </s>} or an id outside the vocabulary, or the vocabulary exceeds 2^24 words
   */
  public static NgramLm train(Sentences corpus, int order) {
    return train(corpus, order, Unigrams.UNIFORM);
  }

  /**
   * How the recursion ends at order 1.
   */
  public enum Unigrams {
    /**
     * Chen and Goodman's and KenLM's: discounted continuation counts interpolated with the uniform
     * distribution over the vocabulary without {@code <s>}. The default.
     */
    UNIFORM,
    /**
     * IRSTLM's {@code tlm -lm=msb} (improved Kneser–Ney, 6.00): undiscounted continuation counts a(w) / T,
     * where T adds to Σ a(w) a pseudo-count of |V| − 1 for {@code <unk>} (when the corpus has no
     * {@code <unk>}) and 1 for {@code <s>}; no uniform term. For the peer cross-check only: it moves the
     * mass that the default spreads uniformly onto {@code <unk>}, and drops the 1/T of {@code <s>}.
     */
    IRSTLM
  }

  /**
   * Trains a model whose unigram level is built as {@code unigrams} says; see {@link #train(Sentences, int)}.
   */
  public static NgramLm train(Sentences corpus, int order, Unigrams unigrams) {
    if (order < 1 || order > MAX_ORDER) {
      throw new SpecException("order", "must be in [1, " + MAX_ORDER + "], got " + order);
    }
    if (corpus.size() == 0) {
      throw new IllegalArgumentException("cannot train a language model on no sentences");
    }
    int vocab = corpus.vocabulary().size();
    if (vocab > WORD_MASK) {
      throw new IllegalArgumentException("vocabulary of " + vocab + " words exceeds 2^" + WORD_BITS);
    }
    return new Builder(corpus, order, unigrams).build();
  }

  /*
   * Counting, order by order, straight from the encoded sentences and into the trie layout of NgramLm,
   * with little transient memory (issue 3: "comparable memory" to IRSTLM). A padded sentence is
   * "<s> w1 .. wm </s>"; the k-gram ending at position j (j >= k - 1) has as prefix the (k-1)-gram
   * before its last word, whose id at level k - 1 is found by walking the levels built so far (k - 2
   * binary searches, as NgramLm.find). A counting sort by prefix id puts each occurrence's last word in
   * its prefix's bucket (4 bytes per occurrence, plus 4 for its prefix id until the scatter is done);
   * sorting each bucket and run-length counting it gives the level's distinct n-grams already in trie
   * order (by prefix id, then word) with their raw counts, and the bucket boundaries become the prefix's
   * successor offsets. Both arrays are dropped before the next level. No copy of the corpus, nothing per
   * position kept across levels, no boxed or hashed keys: per level, at most 8 bytes per occurrence while
   * counting, then 8 bytes (word, count) per distinct n-gram.
   *
   * Then level by level from the bottom, each level's adjusted counts, discounts and probabilities, with
   * the arithmetic of Chen and Goodman's formulas evaluated exactly as before the rewrite (the
   * equivalence test holds the model bit-identical). The suffix of an n-gram g = h w (its last k - 1
   * words, whose probability it interpolates with and whose continuation count it raises) is found from
   * the suffix of its context h: suffix(g) = find(k - 1, suffix(h), w); only two levels' suffix arrays
   * are live at once, and none at the top level. The n-grams that start with <s> keep their raw counts;
   * they form one contiguous id range per level, the subtree of <s>.
   */
  private static final class Builder {
    private final Sentences corpus;
    private final int order;
    private final int vocab;
    private final Unigrams unigrams;
    private final int[][] count; // [k][id], k = 1..order: raw counts; released once adjusted
    private final int[][] words; // [k][id], k = 2..order
    private final int[][] offsets; // [k][h] .. [k][h + 1]: successors at level k + 1 of h; k = 1..order-1
    private int[] padded = new int[16]; // scratch: the current sentence with its boundaries

    Builder(Sentences corpus, int order, Unigrams unigrams) {
      this.corpus = corpus;
      this.order = order;
      this.unigrams = unigrams;
      this.vocab = corpus.vocabulary().size();
      this.count = new int[order + 1][];
      this.words = new int[order + 1][];
      this.offsets = new int[order][];
    }

    NgramLm build() {
      countUnigrams();
      for (int k = 2; k <= order; k++) {
        countLevel(k);
      }
      return estimate();
    }

    /** Level 1: raw counts by word id, <s> and </s> once per sentence; checks every id. */
    private void countUnigrams() {
      long total = 0;
      int[] c = new int[vocab];
      for (int[] s : corpus.sentences()) {
        total += s.length + 2L;
        for (int w : s) {
          if (w < 0 || w >= vocab || w == Vocabulary.BOS || w == Vocabulary.EOS) {
            throw new IllegalArgumentException("sentence holds id " + w + ", which is a boundary or outside"
                + " the vocabulary of " + vocab);
          }
          c[w]++;
        }
      }
      if (total > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("corpus of " + total + " positions is too large");
      }
      c[Vocabulary.BOS] += corpus.size();
      c[Vocabulary.EOS] += corpus.size();
      count[1] = c;
    }

    /** Level k >= 2: counting sort of the occurrences by prefix id, then sort and count each bucket. */
    private void countLevel(int k) {
      int contexts = size(k - 1);
      int occurrences = 0;
      for (int[] s : corpus.sentences()) {
        occurrences += Math.max(0, s.length + 2 - (k - 1));
      }
      int[] prefix = new int[occurrences]; // then, once scattered, the buckets of last words
      int[] start = new int[contexts + 1];
      int o = 0;
      for (int[] s : corpus.sentences()) {
        int n = pad(s);
        for (int j = k - 1; j < n; j++) {
          int h = prefixId(k, j);
          prefix[o++] = h;
          start[h + 1]++;
        }
      }
      for (int h = 0; h < contexts; h++) {
        start[h + 1] += start[h];
      }
      int[] bucket = new int[occurrences];
      o = 0;
      for (int[] s : corpus.sentences()) {
        int n = pad(s);
        for (int j = k - 1; j < n; j++) {
          bucket[start[prefix[o++]]++] = padded[j];
        }
      }
      prefix = null;
      for (int h = contexts; h > 0; h--) { // start[h] now ends bucket h: shift back to the starts
        start[h] = start[h - 1];
      }
      start[0] = 0;
      int distinct = 0;
      for (int h = 0; h < contexts; h++) {
        int from = start[h];
        int to = start[h + 1];
        IntArrays.quickSort(bucket, from, to);
        for (int i = from; i < to; i++) {
          if (i == from || bucket[i] != bucket[i - 1]) {
            distinct++;
          }
        }
      }
      int[] ws = new int[distinct];
      int[] cs = new int[distinct];
      int u = -1;
      for (int h = 0; h < contexts; h++) {
        int from = start[h];
        int to = start[h + 1];
        start[h] = u + 1; // becomes the offset of h's first successor
        for (int i = from; i < to; i++) {
          if (i == from || bucket[i] != bucket[i - 1]) {
            ws[++u] = bucket[i];
          }
          cs[u]++;
        }
      }
      start[contexts] = distinct;
      words[k] = ws;
      count[k] = cs;
      offsets[k - 1] = start;
    }

    /** Copies sentence s with its boundaries into {@link #padded}; returns its length. */
    private int pad(int[] s) {
      int n = s.length + 2;
      if (padded.length < n) {
        padded = new int[Math.max(n, 2 * padded.length)];
      }
      padded[0] = Vocabulary.BOS;
      System.arraycopy(s, 0, padded, 1, s.length);
      padded[n - 1] = Vocabulary.EOS;
      return n;
    }

    /** The id at level k - 1 of the k - 1 padded words before position j. */
    private int prefixId(int k, int j) {
      int first = j - k + 1;
      int id = padded[first];
      for (int i = 2; i < k; i++) {
        id = find(i, id, padded[first + i - 1]);
      }
      return id;
    }

    /** The id of (h, w) at level k >= 2, h an id at level k - 1; every n-gram looked up here exists. */
    private int find(int k, int h, int w) {
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
      throw new IllegalStateException("n-gram missing at order " + k); // cannot happen: suffixes were counted
    }

    private int size(int k) {
      return k == 1 ? vocab : words[k].length;
    }

    /** The id at level k - 1 of the last k - 1 words of g = h w at level k >= 2; sufH = suffixes of level k - 1. */
    private int suffix(int k, int h, int g, int[] sufH) {
      return k == 2 ? words[2][g] : find(k - 1, sufH[h], words[k][g]);
    }

    private NgramLm estimate() {
      double[][] probs = new double[order + 1][];
      double[][] backoffs = new double[order][];
      List<Discounts> discounts = new ArrayList<>();
      int bosFrom = Vocabulary.BOS; // the subtree of <s> at the current level
      int bosTo = Vocabulary.BOS + 1;
      int[] sufPrev = null; // suffix ids of level k - 1 (for k - 1 >= 2)
      for (int k = 1; k <= order; k++) {
        if (k >= 2) {
          bosFrom = offsets[k - 1][bosFrom];
          bosTo = offsets[k - 1][bosTo];
        }
        int[] suf = null; // suffix ids of level k, for the continuation counts and the next level
        if (k >= 2 && k < order) {
          suf = new int[size(k)];
          int[] off = offsets[k - 1];
          for (int h = 0; h + 1 < off.length; h++) {
            for (int g = off[h]; g < off[h + 1]; g++) {
              suf[g] = suffix(k, h, g, sufPrev);
            }
          }
        }
        // Adjusted counts: continuation counts below the top order, except for n-grams starting with <s>.
        int[] a;
        if (k < order) {
          a = new int[size(k)];
          int[] off = offsets[k];
          for (int h = 0; h + 1 < off.length; h++) {
            for (int g = off[h]; g < off[h + 1]; g++) {
              a[suffix(k + 1, h, g, suf)]++;
            }
          }
          System.arraycopy(count[k], bosFrom, a, bosFrom, bosTo - bosFrom);
        } else {
          a = count[k];
        }
        count[k] = null;
        if (k == 1) {
          a[Vocabulary.BOS] = 0; // <s> is never predicted
        }
        long[] n = new long[5];
        for (int x : a) {
          if (x >= 1 && x <= 4) {
            n[x]++;
          }
        }
        Discounts d = Discounts.estimate(k, n[1], n[2], n[3], n[4]);
        discounts.add(d);
        if (k == 1) {
          probs[1] = unigramProbs(a, d);
        } else {
          backoffs[k - 1] = new double[size(k - 1)];
          probs[k] = levelProbs(k, a, d, probs[k - 1], backoffs[k - 1], sufPrev);
        }
        sufPrev = suf;
      }
      return new NgramLm(corpus.vocabulary(), order, probs, words, offsets, backoffs, discounts);
    }

    /** Unigrams, interpolated with the uniform distribution over the vocabulary without <s>. */
    private double[] unigramProbs(int[] a, Discounts d1) {
      long sum1 = 0;
      long[] nr = new long[4];
      for (int x : a) {
        sum1 += x;
        if (x > 0) {
          nr[Math.min(x, 3)]++;
        }
      }
      double gamma0 = (d1.d1() * nr[1] + d1.d2() * nr[2] + d1.d3plus() * nr[3]) / sum1;
      double uniform = gamma0 / (vocab - 1);
      double[] p = new double[vocab];
      for (int w = 0; w < vocab; w++) {
        p[w] = (a[w] > 0 ? (a[w] - d1.of(a[w])) / sum1 : 0) + uniform;
      }
      if (unigrams == Unigrams.IRSTLM) {
        long unk = a[Vocabulary.UNK] > 0 ? a[Vocabulary.UNK] : vocab - 1;
        double t = sum1 - a[Vocabulary.UNK] + unk + 1.0;
        for (int w = 0; w < vocab; w++) {
          p[w] = (w == Vocabulary.UNK ? unk : a[w]) / t;
        }
      }
      p[Vocabulary.BOS] = 0;
      return p;
    }

    /** Level k >= 2: interpolation weight per context (into bo) and interpolated probability per n-gram. */
    private double[] levelProbs(int k, int[] a, Discounts d, double[] lower, double[] bo, int[] sufPrev) {
      int[] off = offsets[k - 1];
      double[] p = new double[a.length];
      for (int h = 0; h < bo.length; h++) {
        int from = off[h];
        int to = off[h + 1];
        if (from == to) {
          bo[h] = 1;
          continue;
        }
        long denominator = 0;
        long r1 = 0;
        long r2 = 0;
        long r3 = 0;
        for (int g = from; g < to; g++) {
          int x = a[g];
          denominator += x;
          if (x == 1) {
            r1++;
          } else if (x == 2) {
            r2++;
          } else {
            r3++;
          }
        }
        double gamma = (d.d1() * r1 + d.d2() * r2 + d.d3plus() * r3) / denominator;
        bo[h] = gamma;
        for (int g = from; g < to; g++) {
          p[g] = (a[g] - d.of(a[g])) / denominator + gamma * lower[suffix(k, h, g, sufPrev)];
        }
      }
      return p;
    }
  }
}
