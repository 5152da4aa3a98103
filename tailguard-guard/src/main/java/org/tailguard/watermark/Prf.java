package org.tailguard.watermark;

import java.security.DigestException;
import java.security.MessageDigest;

/**
 * Tailguard's keyed pseudo-random function for watermarks: SHA-256 (FIPS 180-4) keyed by prefixing the
 * secret, followed by SplitMix64 (Steele, Lea and Flood, OOPSLA 2014) per candidate token.
 *
 * <p>Definition, with all integers big-endian:
 * <pre>
 *   seed(K, tag, c_1..c_n) = the first 8 bytes of SHA-256( tag ‖ K ‖ n ‖ c_1 ‖ … ‖ c_n )
 *       tag: 1 ASCII byte naming the use ('K' KGW context, 'M' min-hash token, 'S' self-hash pair,
 *            'U' Unigram, 'E' EXP, 'G' SynthID), so that one key gives independent values per use;
 *       K: the 32 key bytes; n: 1 byte, 0..255; c_i: token ids as 4-byte two's-complement ints.
 *   PRF(K, tag, c, v) = draw(seed(K, tag, c), v) = the (v+1)-th output of SplitMix64 started at the seed:
 *       z = seed + (v + 1)·0x9E3779B97F4A7C15;  z = (z ⊕ z≫30)·0xBF58476D1CE4E5B9;
 *       z = (z ⊕ z≫27)·0x94D049BB133111EB;      PRF = z ⊕ z≫31          (mod 2^64, ≫ unsigned)
 * </pre>
 * This mirrors Kirchenbauer et al.'s design, which seeds a generator from a hash of the context and then
 * draws the green list from it ({@code torch.manual_seed}, {@code torch.randperm}); here SHA-256 replaces
 * their integer hash and SplitMix64 their Mersenne Twister. A context of four ids makes a 50-byte message,
 * one SHA-256 block, hashed once per context and cached while all candidates are drawn (about 0.1 µs per
 * context, 1–2 ns per candidate; see {@link WatermarkBenchmark}). The key's secrecy rests on SHA-256; the
 * per-candidate step is a bijective mixer, so values for one context reveal at most that context's seed.
 * Green lists, uniforms and g-values therefore cannot be bit-compatible with PyTorch's generators
 * (which also differ between CPU and CUDA), and no such compatibility is claimed.
 *
 * <p>An instance holds a digest and a buffer: it is not thread-safe; use {@link #copy()} per thread.
 */
public final class Prf {
  /** The SplitMix64 increment, the golden ratio times 2^64. */
  static final long GOLDEN = 0x9E3779B97F4A7C15L;
  /** The most ids one seed can hash (the count is one byte). */
  public static final int MAX_IDS = 255;

  private final byte[] key;
  private final MessageDigest md = WatermarkKey.sha256();
  private final byte[] buf = new byte[1 + WatermarkKey.LENGTH + 1 + 4 * MAX_IDS];
  private final byte[] out = new byte[32];

  public Prf(WatermarkKey key) {
    this.key = key.bytes();
    System.arraycopy(this.key, 0, buf, 1, WatermarkKey.LENGTH);
  }

  /** A PRF with the same key and its own buffers, for another thread. */
  public Prf copy() {
    return new Prf(new WatermarkKey(key));
  }

  /**
   * seed(K, tag, ids[from..to)), the ids being those of the half-open range.
   *
   * @throws IllegalArgumentException if the range holds more than {@value #MAX_IDS} ids
   */
  public long seed(char tag, int[] ids, int from, int to) {
    int n = to - from;
    if (n < 0 || n > MAX_IDS) {
      throw new IllegalArgumentException("a seed hashes 0.." + MAX_IDS + " ids, got " + n);
    }
    buf[0] = (byte) tag;
    int p = 1 + WatermarkKey.LENGTH;
    buf[p++] = (byte) n;
    for (int i = from; i < to; i++) {
      int v = ids[i];
      buf[p++] = (byte) (v >>> 24);
      buf[p++] = (byte) (v >>> 16);
      buf[p++] = (byte) (v >>> 8);
      buf[p++] = (byte) v;
    }
    md.update(buf, 0, p);
    try {
      md.digest(out, 0, 32);
    } catch (DigestException e) {
      throw new IllegalStateException("a 32-byte buffer holds a SHA-256 digest", e);
    }
    long s = 0;
    for (int i = 0; i < 8; i++) {
      s = (s << 8) | (out[i] & 0xFF);
    }
    return s;
  }

  /** seed(K, tag, ids): all of {@code ids}. */
  public long seed(char tag, int... ids) {
    return seed(tag, ids, 0, ids.length);
  }

  /** The (v+1)-th SplitMix64 output from {@code seed}: PRF(K, tag, c, v) for seed = seed(K, tag, c). */
  public static long draw(long seed, int v) {
    long z = seed + (v + 1L) * GOLDEN;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The threshold t with P(value &lt; t, unsigned) = ⌊γ·2^64⌋ / 2^64 for a uniform 64-bit value. */
  public static long threshold(double gamma) {
    if (!(gamma > 0 && gamma < 1)) {
      throw new IllegalArgumentException("gamma must be in (0, 1), got " + gamma);
    }
    // γ·2^64 as an unsigned long: the top 53 bits are exact, the rest zero
    return (long) (gamma * 0x1p63) << 1;
  }

  /** Whether a 64-bit value, read as unsigned, falls below a {@link #threshold}: a green token. */
  public static boolean below(long value, long threshold) {
    return Long.compareUnsigned(value, threshold) < 0;
  }

  /**
   * A uniform in the open interval (0, 1) from the top 52 bits: ((value ≫ 12) + ½)·2^-52, exact in a double,
   * so that r and 1 − r are at least 2^-53.
   */
  public static double unit(long value) {
    return ((value >>> 12) + 0.5) * 0x1p-52;
  }
}
