package org.tailguard.curate.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tailguard.random.RandomStreams;

/**
 * Precision and recall on a labelled near-duplicate set, against floors derived from the S-curve.
 *
 * <p>Floors. Candidate recall is predicted by the mean of P(s) = 1 − (1 − s^r)^b over the true pairs, with a
 * standard error σ that treats pairs as independent. They are not: all pairs share one set of hash functions,
 * and the copies of one source share its shingles, so the measured recall may stray further; the floor is the
 * prediction minus 4σ minus an allowance of 0.03 for that dependence (on the bundled corpora, 2000 chunks and
 * 1500 copies, seeds 1 to 5: recall gaps −0.010 to +0.003 with σ ≈ 0.008, precision gaps −0.018 to +0.009).
 * Candidate precision without verification gets the same allowance below its prediction. With verification, merged pairs are true by construction (precision 1) and
 * so are removed documents (each is linked to a smaller index through verified pairs only).
 */
class DedupEvaluationTest {
  private static final double ALLOWANCE = 0.03;
  private static NearDuplicateSet set;
  private static boolean corpora;

  @BeforeAll
  static void build() {
    List<String> pool = CorpusTexts.bundledChunks(200);
    corpora = pool.size() >= 2000;
    if (!corpora) {
      pool = CorpusTexts.synthetic(2000, 200, RandomStreams.of(21));
    }
    set = NearDuplicateSet.build(pool, 2000, 1500, new NearDedup(NearDedupSpec.DEFAULT), RandomStreams.of(22));
  }

  @Test
  void unverified_precisionAndRecallMatchTheSCurve() {
    NearDedup d = new NearDedup(NearDedupSpec.DEFAULT.withVerify(false));
    DedupEvaluation e = DedupEvaluation.of(set, d.run(set.docs(), 2), 0.7);
    System.out.println((corpora ? "bundled corpora; " : "synthetic text; ") + set.describe(0.7));
    System.out.println(e.table());
    assertTrue(e.truePairs() > 300, "enough true pairs to measure: " + e.truePairs());
    double recallFloor = e.predictedRecall() - 4 * e.predictedRecallSe() - ALLOWANCE;
    assertTrue(e.candidateRecall() >= recallFloor, e.candidateRecall() + " < floor " + recallFloor);
    assertTrue(e.candidatePrecision() >= e.predictedPrecision() - ALLOWANCE,
        e.candidatePrecision() + " < " + (e.predictedPrecision() - ALLOWANCE));
    assertTrue(e.documentRecall() >= recallFloor, e.documentRecall() + " < floor " + recallFloor);
  }

  @Test
  void verified_mergesOnlyTruePairsAndKeepsRecall() {
    NearDedup d = new NearDedup(NearDedupSpec.DEFAULT);
    DedupEvaluation e = DedupEvaluation.of(set, d.run(set.docs(), 2), 0.7);
    System.out.println(e.table());
    assertEquals(1.0, e.mergedPrecision(), 0);
    assertEquals(1.0, e.documentPrecision(), 0);
    assertEquals(e.candidateRecall(), e.mergedRecall(), 0, "verification drops no true pair");
    double recallFloor = e.predictedRecall() - 4 * e.predictedRecallSe() - ALLOWANCE;
    assertTrue(e.documentRecall() >= recallFloor, e.documentRecall() + " < floor " + recallFloor);
  }

  @Test
  void labels_editedCopiesPointAtTheirSources() {
    int copies = 0;
    for (int i = 0; i < set.docs().size(); i++) {
      NearDuplicateSet.Label l = set.labels().get(i);
      if (l.edit() == NearDuplicateSet.Edit.NONE) {
        assertEquals(i, l.source());
      } else {
        copies++;
        assertEquals(NearDuplicateSet.Edit.NONE, set.labels().get(l.source()).edit());
        if (l.edit() == NearDuplicateSet.Edit.COSMETIC) {
          assertEquals(1.0, set.jaccardOf(i, l.source()), 0, "cosmetic edits vanish under normalisation");
        }
      }
    }
    assertEquals(1500, copies);
  }
}
