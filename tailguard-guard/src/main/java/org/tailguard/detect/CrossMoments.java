package org.tailguard.detect;

/**
 * The first two moments of log q(v) under p(v) over a whole vocabulary, for two next-token distributions in
 * backoff form: m1 = Σ_v p(v) log q(v) and m2 = Σ_v p(v) (log q(v))².
 *
 * <p>These are Fast-DetectGPT's μ_t and σ_t² + μ_t² (Bao et al. 2024, the analytic sampling discrepancy)
 * and, with p the performer and q the observer, minus the per-token cross-perplexity term of Binoculars
 * (Hans et al. 2024). With p(v) = P_p(v) on the listed set L_p and C_p · b_p(v) elsewhere (likewise q),
 * every word outside U = L_p ∪ L_q contributes C_p b_p(v) (log C_q + log b_q(v))^k, so
 * <pre>
 *   m1 = Σ_{v∈U} p(v) log q(v) + C_p [log C_q (A0 − U0) + (A1 − U1)]
 *   m2 = Σ_{v∈U} p(v) log² q(v) + C_p [log² C_q (A0 − U0) + 2 log C_q (A1 − U1) + (A2 − U2)]
 * </pre>
 * with A_k = Σ_v b_p(v) log^k b_q(v) precomputed once per pair of scorers and U_k the same sums over U:
 * O(|L_p| + |L_q|) per position. Terms with p(v) = 0 count as 0. Immutable and thread-safe.
 */
final class CrossMoments {
  private final double[] baseP;
  private final double[] logBaseQ;
  private final double a0;
  private final double a1;
  private final double a2;

  /** For distributions p of scorer {@code p} and log-probabilities of scorer {@code q}. */
  CrossMoments(Scorer p, Scorer q) {
    if (p.vocabulary().size() != q.vocabulary().size()) {
      throw new IllegalArgumentException("scorers " + p.name() + " and " + q.name() + " have vocabularies of "
          + p.vocabulary().size() + " and " + q.vocabulary().size() + " ids");
    }
    this.baseP = p.base();
    double[] bq = q.base();
    this.logBaseQ = new double[bq.length];
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    for (int v = 0; v < bq.length; v++) {
      logBaseQ[v] = Math.log(bq[v]);
      double b = baseP[v];
      if (b > 0) {
        double l = logBaseQ[v];
        s0 += b;
        s1 += b * l;
        s2 += b * l * l;
      }
    }
    this.a0 = s0;
    this.a1 = s1;
    this.a2 = s2;
  }

  /**
   * Writes m1 and m2 at the cursors' current positions into {@code out[0]} and {@code out[1]}.
   *
   * @param p the cursor whose distribution weighs
   * @param q the cursor whose log-probabilities are averaged
   */
  void at(Scorer.Cursor p, Scorer.Cursor q, double[] out) {
    int np = p.listed();
    int nq = q.listed(); // fills q's listed set first, so that q.prob is O(1)
    double cp = p.rest();
    double cq = q.rest();
    boolean tail = cp > 0 && cq > 0;
    double m1 = 0;
    double m2 = 0;
    double u0 = 0;
    double u1 = 0;
    double u2 = 0;
    for (int i = 0; i < np; i++) {
      int v = p.listedWord(i);
      double pv = p.listedProb(i);
      if (pv > 0) {
        double l = q.logProb(v);
        m1 += pv * l;
        m2 += pv * l * l;
      }
      double b = baseP[v];
      if (tail && b > 0) {
        double l = logBaseQ[v];
        u0 += b;
        u1 += b * l;
        u2 += b * l * l;
      }
    }
    if (p != q) {
      for (int i = 0; i < nq; i++) {
        int v = q.listedWord(i);
        if (p.isListed(v)) {
          continue;
        }
        double b = baseP[v];
        double pv = cp * b;
        if (pv > 0) {
          double l = q.listedLogProb(i);
          m1 += pv * l;
          m2 += pv * l * l;
        }
        if (tail && b > 0) {
          double l = logBaseQ[v];
          u0 += b;
          u1 += b * l;
          u2 += b * l * l;
        }
      }
    }
    if (tail) {
      double lc = q.logRest();
      double r0 = a0 - u0;
      double r1 = a1 - u1;
      double r2 = a2 - u2;
      m1 += cp * (lc * r0 + r1);
      m2 += cp * (lc * lc * r0 + 2 * lc * r1 + r2);
    }
    out[0] = m1;
    out[1] = m2;
  }
}
