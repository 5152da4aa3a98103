package org.tailguard.text.indicators;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Homogenization: the mean ROUGE-L F-measure over ordered pairs of distinct documents; 1 when every
 * document is the same text.
 *
 * <p>Shaib et al., {@code homogenization_score} with the default {@code 'rougel'} measure (arXiv
 * 2403.00553, after Padmakumar and He, arXiv 2309.05196): H = 1/(N(N − 1)) Σ_{i ≠ j} F(d_i, d_j). ROUGE-L
 * (Lin, "ROUGE", ACL workshop 2004) of token sequences a and b with longest common subsequence ℓ has
 * precision ℓ/|b|, recall ℓ/|a| and F = 2PR/(P + R) = 2ℓ/(|a| + |b|); F is symmetric, so the ordered-pair
 * mean equals the mean over unordered pairs, which is what is computed. As in the package, identical
 * texts score 1 (this matters only for two empty documents, whose ROUGE-L would be 0), and a text against
 * an empty one scores 0. Tokens are the corpus's word ids; the {@code rouge_score} package would first
 * lower-case and split on non-alphanumerics, which a tokenizer can do upstream. The package's loop also
 * drops the last document's row and divides by an exhausted generator; the formula above is its stated
 * intent.
 */
public final class Homogenization {
  private Homogenization() {}

  /** ROUGE-L F of two token sequences: 2·LCS/(|a| + |b|); 1 if both are empty, 0 if one is. */
  public static double rougeL(int[] a, int[] b) {
    if (a.length == 0 || b.length == 0) {
      return a.length == b.length ? 1 : 0;
    }
    return 2.0 * Lcs.length(a, b) / (a.length + b.length);
  }

  /**
   * The exact homogenization score over all N(N − 1) ordered pairs.
   *
   * @throws IllegalArgumentException if there are fewer than 2 documents
   */
  public static double exact(Documents documents) {
    int[][] docs = checked(documents);
    Lcs lcs = new Lcs(Lexical.maxId(docs) + 1);
    double sum = 0;
    for (int i = 0; i < docs.length - 1; i++) {
      lcs.load(docs[i]);
      double row = 0; // summed per row first: fewer rounding steps than one long running sum
      for (int j = i + 1; j < docs.length; j++) {
        row += f(lcs, docs[i], docs[j]);
      }
      sum += row;
    }
    long pairs = (long) docs.length * (docs.length - 1) / 2;
    return sum / pairs;
  }

  /**
   * The homogenization score estimated from {@code pairs} ordered pairs (i, j), i ≠ j, drawn uniformly with
   * replacement; the standard error is the sample standard deviation / √pairs.
   *
   * @param pairs how many pairs to draw, at least 2
   * @param rng the only source of randomness
   * @throws IllegalArgumentException if there are fewer than 2 documents
   */
  public static Estimate sampled(Documents documents, int pairs, UniformRandomProvider rng) {
    if (pairs < 2) {
      throw new IllegalArgumentException("pairs: must be at least 2, got " + pairs);
    }
    int[][] docs = checked(documents);
    Lcs lcs = new Lcs(Lexical.maxId(docs) + 1);
    double[] v = new double[pairs];
    for (int k = 0; k < pairs; k++) {
      int i = rng.nextInt(docs.length);
      int j = rng.nextInt(docs.length - 1);
      if (j >= i) {
        j++;
      }
      lcs.load(docs[i]);
      v[k] = f(lcs, docs[i], docs[j]);
    }
    double m = SelfBleu.mean(v);
    double ss = 0;
    for (double x : v) {
      ss += (x - m) * (x - m);
    }
    double se = Math.sqrt(ss / (pairs - 1) / pairs);
    return new Estimate(m, se, pairs, (long) docs.length * (docs.length - 1));
  }

  private static double f(Lcs loaded, int[] a, int[] b) {
    if (a.length == 0 || b.length == 0) {
      return a.length == b.length ? 1 : 0;
    }
    return 2.0 * loaded.against(b) / (a.length + b.length);
  }

  private static int[][] checked(Documents documents) {
    if (documents.size() < 2) {
      throw new IllegalArgumentException("documents: homogenization needs at least 2 documents, got "
          + documents.size());
    }
    return documents.tokens();
  }
}
