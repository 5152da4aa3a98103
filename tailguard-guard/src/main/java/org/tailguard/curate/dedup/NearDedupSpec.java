package org.tailguard.curate.dedup;

import org.tailguard.spec.Check;
import org.tailguard.spec.SpecException;

/**
 * Settings of MinHash-LSH near-duplicate detection (Broder 1997; the datatrove and text-dedup designs).
 *
 * <p>Defaults, with their sources: word 5-gram shingles (datatrove {@code n_grams = 5}; text-dedup's sample
 * configuration); k = 128 permutations (datatrove uses 14 × 8 = 112, text-dedup's sample 240, NeMo Curator
 * 20 × 13 = 260; 128 keeps the estimate's standard error at √(J(1−J)/128) ≤ 0.044 at half the cost of 256);
 * Jaccard threshold 0.7 (text-dedup's sample; datatrove's 14 × 8 bands sit at (1/14)^(1/8) ≈ 0.72; NeMo
 * Curator uses 0.8); (b, r) chosen by {@link LshParams#optimal} with text-dedup's weights 0.5 / 0.5 when not
 * given; exact Jaccard verification of candidate pairs on (text-dedup's {@code check_false_positive} and
 * NeMo Curator's {@code false_positive_check}; off in datatrove), because unverified LSH is what text-dedup's
 * users report as false positives (issues #70, #21).
 *
 * @param normalizer the text normalisation before shingling
 * @param shingling the shingle unit and size
 * @param numPerm the signature length k
 * @param threshold the target Jaccard threshold t in (0, 1)
 * @param lsh the banding; null chooses it by {@link LshParams#optimal(double, int)}
 * @param verify whether candidate pairs must have an exact shingle Jaccard of at least t to be merged
 * @param seed the seed of the hash functions (same seed ⇒ same signatures)
 * @param maxBucket buckets with more documents than this link each member to the bucket's first document
 *     only, instead of every pair, so that a huge bucket costs O(m) rather than O(m²)
 */
public record NearDedupSpec(
    TextNormalizer normalizer, Shingling shingling, int numPerm, double threshold, LshParams lsh, boolean verify,
    long seed, int maxBucket) {

  /** The defaults listed above, with seed 42. */
  public static final NearDedupSpec DEFAULT =
      new NearDedupSpec(TextNormalizer.DEFAULT, Shingling.DEFAULT, 128, 0.7, null, true, 42L, 256);

  public NearDedupSpec {
    Check.required("dedup.normalizer", normalizer);
    Check.required("dedup.shingle", shingling);
    Check.atLeast("dedup.numPerm", numPerm, 1);
    Check.inHalfOpen("dedup.threshold", threshold, 0, 1);
    if (threshold >= 1) {
      throw new SpecException("dedup.threshold", "must be below 1, got " + threshold);
    }
    Check.atLeast("dedup.maxBucket", maxBucket, 2);
    if (lsh == null) {
      lsh = LshParams.optimal(threshold, numPerm);
    } else if (lsh.used() > numPerm) {
      throw new SpecException("dedup.bands", "bands x rows = " + lsh.bands() + " x " + lsh.rows() + " = "
          + lsh.used() + " exceeds numPerm = " + numPerm);
    }
  }

  /** A copy with another threshold, re-choosing (b, r) automatically. */
  public NearDedupSpec withThreshold(double t) {
    return new NearDedupSpec(normalizer, shingling, numPerm, t, null, verify, seed, maxBucket);
  }

  /** A copy with verification switched on or off. */
  public NearDedupSpec withVerify(boolean v) {
    return new NearDedupSpec(normalizer, shingling, numPerm, threshold, lsh, v, seed, maxBucket);
  }

  /** A copy with another signature length, re-choosing (b, r) automatically. */
  public NearDedupSpec withNumPerm(int k) {
    return new NearDedupSpec(normalizer, shingling, k, threshold, null, verify, seed, maxBucket);
  }

  /** A copy with the given banding. */
  public NearDedupSpec withLsh(LshParams p) {
    return new NearDedupSpec(normalizer, shingling, numPerm, threshold, p, verify, seed, maxBucket);
  }
}
