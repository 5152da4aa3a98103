package org.tailguard.text.indicators;

import java.util.Arrays;

/**
 * The self-repetition score: how much each document's n-grams recur in other documents.
 *
 * <p>Salkar et al., "Self-Repetition in Abstractive Neural Summarizers" (AACL 2022), in the form of Shaib
 * et al.'s {@code self_repetition_score} (arXiv 2403.00553, {@code diversity} package): with U_d the set of
 * distinct n-grams of document d (n = 4) and df(g) the number of documents containing g,
 * <pre>  SRS = (1/N) Σ_d ln(1 + Σ_{g ∈ U_d} (df(g) − 1)),</pre>
 * the natural logarithm, every document counted (one without n-grams contributes ln 1 = 0). A document's
 * n-grams run across its sentence boundaries, as the package splits the whole document on whitespace.
 * 0 when no n-gram is shared; higher is more repetitive across documents.
 */
public final class SelfRepetition {
  /** The package's n-gram order. */
  public static final int ORDER = 4;

  private SelfRepetition() {}

  /** The self-repetition score with 4-grams; NaN if there are no documents. */
  public static double score(Documents documents) {
    return score(documents, ORDER);
  }

  /**
   * The self-repetition score with n-grams of order n.
   *
   * @param n the order, at least 1
   * @return the score, at least 0, or NaN if there are no documents
   */
  public static double score(Documents documents, int n) {
    int[][] docs = documents.tokens();
    NGramTable t = NGramTable.of(docs, Lexical.checkOrder(n));
    int[] ids = t.ids(n);
    int[] off = t.offsets(n);
    int[] df = new int[t.distinct(n)];
    int[] last = new int[t.distinct(n)]; // the last document (+1) that counted g
    for (int d = 0; d < docs.length; d++) {
      for (int p = off[d]; p < off[d + 1]; p++) {
        int g = ids[p];
        if (last[g] != d + 1) {
          last[g] = d + 1;
          df[g]++;
        }
      }
    }
    Arrays.fill(last, 0);
    double total = 0;
    for (int d = 0; d < docs.length; d++) {
      long others = 0;
      for (int p = off[d]; p < off[d + 1]; p++) {
        int g = ids[p];
        if (last[g] != d + 1) {
          last[g] = d + 1;
          others += df[g] - 1;
        }
      }
      total += Math.log(1 + others);
    }
    return docs.length == 0 ? Double.NaN : total / docs.length;
  }
}
