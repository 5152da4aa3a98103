package org.tailguard.watermark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import org.apache.commons.rng.core.source64.SplitMix64;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.tailguard.spec.SpecException;

/**
 * The PRF's byte layout against an independent construction (the message built by hand with a
 * {@link ByteBuffer}, hashed by the JDK's SHA-256; the candidate step against Commons RNG's
 * {@link SplitMix64}), pinned values so that a change of format is noticed, and the statistical contract:
 * green with probability γ.
 */
class PrfTest {
  private static final WatermarkKey KEY = WatermarkKey.of("golden");

  /** seed(K, tag, ids) built from the Javadoc's layout: tag ‖ K ‖ n ‖ ids (big-endian int32). */
  static long referenceSeed(WatermarkKey key, char tag, int... ids) throws Exception {
    ByteBuffer b = ByteBuffer.allocate(1 + 32 + 1 + 4 * ids.length);
    b.put((byte) tag).put(key.bytes()).put((byte) ids.length);
    for (int id : ids) {
      b.putInt(id);
    }
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(b.array());
    return ByteBuffer.wrap(digest, 0, 8).getLong();
  }

  @Test
  void seed_matchesTheDocumentedByteLayout() throws Exception {
    Prf prf = new Prf(KEY);
    assertEquals(referenceSeed(KEY, 'K', 1, 2, 3, 4), prf.seed('K', 1, 2, 3, 4));
    assertEquals(referenceSeed(KEY, 'U'), prf.seed('U'));
    assertEquals(referenceSeed(KEY, 'E', -7, Integer.MAX_VALUE), prf.seed('E', -7, Integer.MAX_VALUE));
    int[] ids = {9, 8, 7, 6, 5};
    assertEquals(referenceSeed(KEY, 'G', 8, 7, 6), prf.seed('G', ids, 1, 4));
  }

  @Test
  void draw_isTheSplitMix64Stream() {
    qt().withFixedSeed(7).withExamples(200).forAll(longs().all(), integers().between(0, 5000)).check((seed, v) -> {
      SplitMix64 g = new SplitMix64(seed);
      long x = 0;
      for (int i = 0; i <= v; i++) {
        x = g.nextLong();
      }
      return x == Prf.draw(seed, v);
    });
  }

  /**
   * Format fixture: these values define watermarks already written, so a change here orphans every key.
   * They were computed independently with Python's hashlib over the documented message.
   */
  @Test
  void seed_pinnedValues() {
    Prf prf = new Prf(KEY);
    assertEquals(0x885ee74e4db4da71L, prf.seed('K', 1, 1, 1, 1));
    assertEquals(0x5c082a19832f8175L, prf.seed('U'));
  }

  @Test
  void keys_separateTagsAndKeys() {
    Prf a = new Prf(KEY);
    Prf b = new Prf(WatermarkKey.of("another"));
    assertNotEquals(a.seed('K', 5), a.seed('E', 5));
    assertNotEquals(a.seed('K', 5), b.seed('K', 5));
    assertNotEquals(a.seed('K', 5, 6), a.seed('K', 6, 5));
    assertEquals(a.seed('K', 5, 6), a.copy().seed('K', 5, 6));
  }

  @Test
  void threshold_isGammaTimes2To64() {
    assertEquals(1L << 62, Prf.threshold(0.25));
    assertEquals(Long.MIN_VALUE, Prf.threshold(0.5)); // 2^63 as an unsigned value
    assertTrue(Prf.below(0, Prf.threshold(0.25)));
    assertTrue(!Prf.below((1L << 62), Prf.threshold(0.25)));
    assertThrows(IllegalArgumentException.class, () -> Prf.threshold(1));
  }

  @Test
  void unit_staysInsideTheOpenInterval() {
    assertTrue(Prf.unit(0) > 0);
    assertTrue(Prf.unit(-1L) < 1);
    assertTrue(-Math.log1p(-Prf.unit(-1L)) < 40);
  }

  /**
   * Over 200,000 candidate ids under one seed, the green share is Binomial(n, γ): accepted within 5
   * standard deviations (a fixed seed, so deterministic; a correct PRF fails with probability 6e-7).
   */
  @Test
  void green_hasProbabilityGamma() {
    long seed = new Prf(KEY).seed('K', 3, 1, 4, 1);
    for (double gamma : new double[] {0.1, 0.25, 0.5}) {
      long t = Prf.threshold(gamma);
      int n = 200_000;
      int green = 0;
      for (int v = 0; v < n; v++) {
        green += Prf.below(Prf.draw(seed, v), t) ? 1 : 0;
      }
      BinomialDistribution b = BinomialDistribution.of(n, gamma);
      double sd = Math.sqrt(b.getVariance());
      assertEquals(b.getMean(), green, 5 * sd, "gamma " + gamma);
    }
  }

  @Test
  void key_rejectsBadInput() {
    SpecException e = assertThrows(SpecException.class, () -> WatermarkKey.parse("watermark.key", "abc"));
    assertEquals("watermark.key", e.field());
    assertThrows(SpecException.class, () -> WatermarkKey.of(""));
    WatermarkKey k = WatermarkKey.parse("k", "00".repeat(32));
    assertEquals(32, k.bytes().length);
    assertTrue(!KEY.toString().contains(java.util.HexFormat.of().formatHex(KEY.bytes())));
  }
}
