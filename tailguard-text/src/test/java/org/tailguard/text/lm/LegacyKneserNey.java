package org.tailguard.text.lm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/**
 * The Kneser–Ney builder as it was before the low-memory rewrite of {@link KneserNey} (commit deadbf4), kept
 * verbatim in the tests as the reference that the new builder must reproduce bit for bit
 * ({@link KneserNeyEquivalenceTest}): a padded copy of the corpus, per-position ids of every order, and
 * binary searches into each order's unique keys.
 */
final class LegacyKneserNey {
  private static final int WORD_BITS = 24;
  private static final long WORD_MASK = (1L << WORD_BITS) - 1;

  private LegacyKneserNey() {}

  static NgramLm train(Sentences corpus, int order, KneserNey.Unigrams unigrams) {
    return new Builder(corpus, order, unigrams).build();
  }

  /*
   * Counting: the corpus is laid out as one array of padded sentences "<s> w1 .. wm </s>". Level k's
   * n-gram ending at position j (if the sentence has k words up to j) is keyed by the pair (id of the
   * (k-1)-gram ending at j-1, word at j), packed in a long; sorting the keys and run-length counting them
   * gives the level's n-grams already in trie order (by prefix id, then word), so the ids of one level are
   * the prefixes of the next. The id of the (k-1)-gram ending at j is the n-gram's suffix, which gives
   * the continuation counts: each distinct k-gram adds one to its suffix's count.
   */
  private static final class Builder {
    private final Sentences corpus;
    private final int order;
    private final int vocab;
    private final KneserNey.Unigrams unigrams;

    Builder(Sentences corpus, int order, KneserNey.Unigrams unigrams) {
      this.corpus = corpus;
      this.order = order;
      this.unigrams = unigrams;
      this.vocab = corpus.vocabulary().size();
    }

    NgramLm build() {
      long total = 0;
      for (int[] s : corpus.sentences()) {
        total += s.length + 2L;
      }
      if (total > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("corpus of " + total + " positions is too large");
      }
      int positions = (int) total;
      int[] seq = new int[positions];
      byte[] depth = new byte[positions]; // min(position in the padded sentence, order - 1)
      int j = 0;
      for (int[] s : corpus.sentences()) {
        seq[j] = Vocabulary.BOS;
        depth[j++] = 0;
        for (int i = 0; i < s.length; i++) {
          int w = s[i];
          if (w < 0 || w >= vocab || w == Vocabulary.BOS || w == Vocabulary.EOS) {
            throw new IllegalArgumentException("sentence holds id " + w + ", which is a boundary or outside"
                + " the vocabulary of " + vocab);
          }
          seq[j] = w;
          depth[j++] = (byte) Math.min(i + 1, order - 1);
        }
        seq[j] = Vocabulary.EOS;
        depth[j++] = (byte) Math.min(s.length + 1, order - 1);
      }

      // Per level k = 1..order: raw counts, prefix and suffix ids, starts-with-<s> flags, and words.
      int[][] count = new int[order + 1][];
      int[][] prefix = new int[order + 1][];
      int[][] suffix = new int[order + 1][];
      boolean[][] bos = new boolean[order + 1][];
      int[][] words = new int[order + 1][];
      int[][] cont = new int[order + 1][];

      count[1] = new int[vocab];
      for (int w : seq) {
        count[1][w]++;
      }
      bos[1] = new boolean[vocab];
      bos[1][Vocabulary.BOS] = true;
      int[] prevIds = seq; // id of the (k-1)-gram ending at each position
      for (int k = 2; k <= order; k++) {
        int m = 0;
        for (int p = 0; p < positions; p++) {
          if (depth[p] >= k - 1) {
            m++;
          }
        }
        long[] keys = new long[m];
        m = 0;
        for (int p = 0; p < positions; p++) {
          if (depth[p] >= k - 1) {
            keys[m++] = ((long) prevIds[p - 1] << WORD_BITS) | seq[p];
          }
        }
        Arrays.sort(keys);
        int unique = 0;
        for (int i = 0; i < m; i++) {
          if (i == 0 || keys[i] != keys[i - 1]) {
            keys[unique++] = keys[i];
          } else {
            continue;
          }
        }
        long[] ukeys = Arrays.copyOf(keys, unique);
        keys = null;
        int[] c = new int[unique];
        int[] pre = new int[unique];
        int[] ws = new int[unique];
        for (int u = 0; u < unique; u++) {
          pre[u] = (int) (ukeys[u] >>> WORD_BITS);
          ws[u] = (int) (ukeys[u] & WORD_MASK);
        }
        int[] curIds = new int[positions];
        int[] suf = new int[unique];
        for (int p = 0; p < positions; p++) {
          if (depth[p] >= k - 1) {
            long key = ((long) prevIds[p - 1] << WORD_BITS) | seq[p];
            int u = Arrays.binarySearch(ukeys, key);
            curIds[p] = u;
            c[u]++;
            suf[u] = prevIds[p];
          } else {
            curIds[p] = -1;
          }
        }
        boolean[] b = new boolean[unique];
        for (int u = 0; u < unique; u++) {
          b[u] = bos[k - 1][pre[u]];
        }
        count[k] = c;
        prefix[k] = pre;
        suffix[k] = suf;
        bos[k] = b;
        words[k] = ws;
        prevIds = curIds;
      }

      // Adjusted counts: continuation counts below the top order, except for n-grams starting with <s>.
      for (int k = 1; k < order; k++) {
        int[] cc = new int[count[k].length];
        for (int s : suffix[k + 1]) {
          cc[s]++;
        }
        cont[k] = cc;
      }
      int[][] adjusted = new int[order + 1][];
      for (int k = 1; k <= order; k++) {
        if (k == order) {
          adjusted[k] = count[k];
        } else {
          int[] a = cont[k];
          for (int u = 0; u < a.length; u++) {
            if (bos[k][u]) {
              a[u] = count[k][u];
            }
          }
          adjusted[k] = a;
        }
      }
      adjusted[1][Vocabulary.BOS] = 0; // <s> is never predicted

      List<Discounts> discounts = new ArrayList<>();
      for (int k = 1; k <= order; k++) {
        long[] n = new long[5];
        for (int a : adjusted[k]) {
          if (a >= 1 && a <= 4) {
            n[a]++;
          }
        }
        discounts.add(Discounts.estimate(k, n[1], n[2], n[3], n[4]));
      }

      // Unigrams, interpolated with the uniform distribution over the vocabulary without <s>.
      double[][] probs = new double[order + 1][];
      Discounts d1 = discounts.get(0);
      long sum1 = 0;
      long[] nr = new long[4];
      for (int a : adjusted[1]) {
        sum1 += a;
        if (a > 0) {
          nr[Math.min(a, 3)]++;
        }
      }
      double gamma0 = (d1.d1() * nr[1] + d1.d2() * nr[2] + d1.d3plus() * nr[3]) / sum1;
      double uniform = gamma0 / (vocab - 1);
      probs[1] = new double[vocab];
      for (int w = 0; w < vocab; w++) {
        int a = adjusted[1][w];
        probs[1][w] = (a > 0 ? (a - d1.of(a)) / sum1 : 0) + uniform;
      }
      if (unigrams == KneserNey.Unigrams.IRSTLM) {
        int[] a = adjusted[1];
        long unk = a[Vocabulary.UNK] > 0 ? a[Vocabulary.UNK] : vocab - 1;
        double t = sum1 - a[Vocabulary.UNK] + unk + 1.0;
        for (int w = 0; w < vocab; w++) {
          probs[1][w] = (w == Vocabulary.UNK ? unk : a[w]) / t;
        }
      }
      probs[1][Vocabulary.BOS] = 0;

      // Higher orders: offsets and interpolation weights per context, then interpolated probabilities.
      int[][] offsets = new int[order][];
      double[][] backoffs = new double[order][];
      for (int k = 2; k <= order; k++) {
        Discounts d = discounts.get(k - 1);
        int contexts = probs[k - 1].length;
        int[] pre = prefix[k];
        int[] a = adjusted[k];
        int[] off = new int[contexts + 1];
        for (int p : pre) {
          off[p + 1]++;
        }
        for (int h = 0; h < contexts; h++) {
          off[h + 1] += off[h];
        }
        double[] bo = new double[contexts];
        double[] p = new double[a.length];
        double[] lower = probs[k - 1];
        int[] suf = suffix[k];
        for (int h = 0; h < contexts; h++) {
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
            p[g] = (a[g] - d.of(a[g])) / denominator + gamma * lower[suf[g]];
          }
        }
        offsets[k - 1] = off;
        backoffs[k - 1] = bo;
        probs[k] = p;
      }
      return new NgramLm(corpus.vocabulary(), order, probs, words, offsets, backoffs, discounts);
    }
  }
}
