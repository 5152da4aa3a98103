package org.tailguard.watermark;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.spec.SpecException;

/**
 * The secret of a watermark: 32 bytes that key the {@link Prf}. Whoever holds it can embed and detect the
 * watermark, and could also forge or scrub it, so it is a secret like a signing key.
 *
 * <p>Kirchenbauer et al.'s repository uses the public integer key 15485863 (the millionth prime) and
 * warns against reusing it; Tailguard has no default key: a key comes from a passphrase
 * ({@link #of(String)}: SHA-256 of its UTF-8 bytes, FIPS 180-4), from 64 hex digits ({@link #parse}), or
 * from a seeded stream ({@link #random}) for experiments. {@link #toString()} shows a fingerprint, never
 * the key.
 *
 * @param bytes the 32 key bytes (copied in and out)
 */
public record WatermarkKey(byte[] bytes) {
  /** The key length in bytes. */
  public static final int LENGTH = 32;

  public WatermarkKey {
    if (bytes == null || bytes.length != LENGTH) {
      throw new SpecException("watermark.key", "must be " + LENGTH + " bytes, got "
          + (bytes == null ? "none" : bytes.length));
    }
    bytes = bytes.clone();
  }

  /** The key of a passphrase: SHA-256 of its UTF-8 bytes. */
  public static WatermarkKey of(String passphrase) {
    if (passphrase == null || passphrase.isEmpty()) {
      throw new SpecException("watermark.key", "the passphrase must not be empty");
    }
    return new WatermarkKey(sha256().digest(passphrase.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * A key given as 64 hex digits (either case).
   *
   * @throws SpecException naming {@code field} if the value is not 64 hex digits
   */
  public static WatermarkKey parse(String field, String hex) {
    String h = hex == null ? "" : hex.strip();
    if (h.length() != 2 * LENGTH || !h.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new SpecException(field, "must be 64 hex digits, got " + h.length() + " characters");
    }
    return new WatermarkKey(HexFormat.of().parseHex(h.toLowerCase(java.util.Locale.ROOT)));
  }

  /** A key drawn from a seeded stream: for experiments that need many independent keys. */
  public static WatermarkKey random(UniformRandomProvider rng) {
    byte[] b = new byte[LENGTH];
    rng.nextBytes(b);
    return new WatermarkKey(b);
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The first 8 hex digits of SHA-256 of the key: names a key in reports without revealing it. */
  public String fingerprint() {
    return HexFormat.of().formatHex(sha256().digest(bytes), 0, 4);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WatermarkKey k && MessageDigest.isEqual(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "WatermarkKey[" + fingerprint() + "]";
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
