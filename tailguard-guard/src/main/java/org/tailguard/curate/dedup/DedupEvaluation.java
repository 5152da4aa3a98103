package org.tailguard.curate.dedup;

import java.util.Arrays;
import java.util.Locale;

/**
 * Precision and recall of near-duplicate detection against exact Jaccard ground truth, next to what the LSH
 * S-curve predicts.
 *
 * <p>A pair is a true near duplicate if the exact Jaccard index of its shingle sets is at least the threshold
 * t. Three views are measured. <em>Candidates</em>: the pairs that share a band, before verification.
 * <em>Merged</em>: the pairs merged after optional verification. <em>Documents</em>: a document is truly
 * redundant if it is not the smallest index of its connected component in the true-pair graph, and is
 * removed if it is not its cluster's representative; precision and recall compare those two sets. Predicted
 * candidate recall is the mean of P(s) = 1 − (1 − s^r)^b over the true pairs, and predicted candidate
 * precision is Σ_true P(s) / Σ_all P(s) over every pair sharing a shingle (pairs sharing none have s = 0 and
 * P = 0); each has a binomial-style standard error √Σ P(1 − P) / count, treating pairs as independent.
 *
 * @param threshold the Jaccard threshold t
 * @param truePairs the number of pairs with s ≥ t
 * @param candidates the number of candidate pairs
 * @param candidateTp candidate pairs with s ≥ t
 * @param merged the number of merged pairs
 * @param mergedTp merged pairs with s ≥ t
 * @param redundant the number of truly redundant documents
 * @param removed the number of removed documents
 * @param removedTp removed documents that are truly redundant
 * @param predictedRecall the S-curve's expected candidate recall
 * @param predictedRecallSe its standard error
 * @param predictedPrecision the S-curve's expected candidate precision
 * @param bins a per-similarity-bin comparison of the caught share with the S-curve
 */
public record DedupEvaluation(
    double threshold, int truePairs, int candidates, int candidateTp, int merged, int mergedTp, int redundant,
    int removed, int removedTp, double predictedRecall, double predictedRecallSe, double predictedPrecision,
    Bin[] bins) {

  /**
   * One similarity bin: pairs with s in [lo, hi), how many were candidates, and the mean predicted P(s).
   */
  public record Bin(double lo, double hi, int pairs, int caught, double predicted) {}

  /** Evaluates a detector's result on a labelled set. */
  public static DedupEvaluation of(NearDuplicateSet set, NearDedup.Result r, double threshold) {
    LshParams p = r.params();
    long[] cand = r.candidatePairs();
    int candTp = 0;
    int merged = 0;
    int mergedTp = 0;
    for (int k = 0; k < cand.length; k++) {
      double s = set.jaccardOf(NearDedup.Result.first(cand[k]), NearDedup.Result.second(cand[k]));
      boolean t = s >= threshold;
      candTp += t ? 1 : 0;
      if (r.merged()[k]) {
        merged++;
        mergedTp += t ? 1 : 0;
      }
    }
    int n = set.docs().size();
    UnionFind truth = new UnionFind(n);
    int truePairs = 0;
    double sumP = 0;
    double sumVar = 0;
    double sumPTrue = 0;
    double sumPAll = 0;
    for (int k = 0; k < set.pairs().length; k++) {
      double s = set.jaccard()[k];
      double pc = p.catchProbability(s);
      sumPAll += pc;
      if (s >= threshold) {
        truePairs++;
        truth.union(NearDedup.Result.first(set.pairs()[k]), NearDedup.Result.second(set.pairs()[k]));
        sumP += pc;
        sumVar += pc * (1 - pc);
        sumPTrue += pc;
      }
    }
    int redundant = 0;
    int removed = 0;
    int removedTp = 0;
    for (int i = 0; i < n; i++) {
      boolean red = truth.find(i) != i;
      boolean rem = !r.kept(i);
      redundant += red ? 1 : 0;
      removed += rem ? 1 : 0;
      removedTp += red && rem ? 1 : 0;
    }
    double predRecall = truePairs == 0 ? Double.NaN : sumP / truePairs;
    double predRecallSe = truePairs == 0 ? Double.NaN : Math.sqrt(sumVar) / truePairs;
    double predPrecision = sumPAll == 0 ? Double.NaN : sumPTrue / sumPAll;
    return new DedupEvaluation(threshold, truePairs, cand.length, candTp, merged, mergedTp, redundant, removed,
        removedTp, predRecall, predRecallSe, predPrecision, bins(set, cand, p));
  }

  private static Bin[] bins(NearDuplicateSet set, long[] cand, LshParams p) {
    double[] edges = {0.0, 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0, 1.0000001};
    int nb = edges.length - 1;
    int[] pairs = new int[nb];
    int[] caught = new int[nb];
    double[] pred = new double[nb];
    for (int k = 0; k < set.pairs().length; k++) {
      double s = set.jaccard()[k];
      int b = bin(edges, s);
      pairs[b]++;
      pred[b] += p.catchProbability(s);
      caught[b] += Arrays.binarySearch(cand, set.pairs()[k]) >= 0 ? 1 : 0;
    }
    Bin[] out = new Bin[nb];
    for (int b = 0; b < nb; b++) {
      out[b] = new Bin(edges[b], edges[b + 1], pairs[b], caught[b], pairs[b] == 0 ? Double.NaN : pred[b] / pairs[b]);
    }
    return out;
  }

  private static int bin(double[] edges, double s) {
    for (int b = edges.length - 2; b >= 0; b--) {
      if (s >= edges[b]) {
        return b;
      }
    }
    return 0;
  }

  /** Candidate precision: the share of candidate pairs that are true. */
  public double candidatePrecision() {
    return candidates == 0 ? Double.NaN : candidateTp / (double) candidates;
  }

  /** Candidate recall: the share of true pairs that became candidates. */
  public double candidateRecall() {
    return truePairs == 0 ? Double.NaN : candidateTp / (double) truePairs;
  }

  /** Merged-pair precision. */
  public double mergedPrecision() {
    return merged == 0 ? Double.NaN : mergedTp / (double) merged;
  }

  /** Merged-pair recall. */
  public double mergedRecall() {
    return truePairs == 0 ? Double.NaN : mergedTp / (double) truePairs;
  }

  /** Document-level precision of removals. */
  public double documentPrecision() {
    return removed == 0 ? Double.NaN : removedTp / (double) removed;
  }

  /** Document-level recall of removals. */
  public double documentRecall() {
    return redundant == 0 ? Double.NaN : removedTp / (double) redundant;
  }

  /** A printable report. */
  public String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "threshold %.2f: %d true pairs, %d truly redundant documents%n",
        threshold, truePairs, redundant));
    sb.append(String.format(Locale.ROOT, "%-22s %9s %9s %9s%n", "view", "count", "precision", "recall"));
    sb.append(String.format(Locale.ROOT, "%-22s %9d %9.4f %9.4f%n", "candidate pairs", candidates,
        candidatePrecision(), candidateRecall()));
    sb.append(String.format(Locale.ROOT, "%-22s %9s %9.4f %9.4f  (recall %.4f +- %.4f)%n", "  S-curve prediction",
        "", predictedPrecision, predictedRecall, predictedRecall, predictedRecallSe));
    sb.append(String.format(Locale.ROOT, "%-22s %9d %9.4f %9.4f%n", "merged pairs", merged, mergedPrecision(),
        mergedRecall()));
    sb.append(String.format(Locale.ROOT, "%-22s %9d %9.4f %9.4f%n", "removed documents", removed,
        documentPrecision(), documentRecall()));
    sb.append(String.format(Locale.ROOT, "%n%-15s %8s %8s %9s %9s%n", "jaccard bin", "pairs", "caught", "observed",
        "S-curve"));
    for (Bin b : bins) {
      if (b.pairs() == 0) {
        continue;
      }
      String range = b.lo() == 1.0 ? "1.00" : String.format(Locale.ROOT, "[%.2f,%.2f)", b.lo(), b.hi());
      sb.append(String.format(Locale.ROOT, "%-15s %8d %8d %9.4f %9.4f%n", range, b.pairs(), b.caught(),
          b.caught() / (double) b.pairs(), b.predicted()));
    }
    return sb.toString();
  }
}
