package org.tailguard.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.tailguard.spec.SpecException;

/**
 * A content address: the SHA-256 digest (FIPS 180-4) of a document's or a file's bytes, as 64 lowercase hex
 * digits, the form C2PA's hard bindings ({@code c2pa.hash.data}) and Croissant's {@code sha256} property use.
 *
 * <p>A document's address is the digest of its text encoded as UTF-8 ({@link #ofText}); a file's is the
 * digest of its bytes as stored, compressed or not ({@link #ofFile}). Equal content always gets the same
 * address, so the ledger can look an entity up by what it is rather than by what it is called.
 */
public record Sha256(String hex) implements Comparable<Sha256> {
  private static final HexFormat HEX = HexFormat.of();
  /** The address of no bytes at all, also the RFC 6962 hash of an empty tree. */
  public static final Sha256 EMPTY = of(new byte[0]);
  /** 64 zeros: the "previous hash" of the first ledger entry and the first batch manifest. */
  public static final Sha256 ZERO = new Sha256("0".repeat(64));

  public Sha256 {
    if (hex == null || hex.length() != 64 || !isLowerHex(hex)) {
      throw new IllegalArgumentException("not a SHA-256 hex digest: " + hex);
    }
  }

  /** The digest of some bytes. */
  public static Sha256 of(byte[] bytes) {
    return ofDigest(digest().digest(bytes));
  }

  /** The digest of a text encoded as UTF-8: a document's content address. */
  public static Sha256 ofText(CharSequence text) {
    return of(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The digest of a file's bytes, read in 64 KiB blocks so that any size fits in memory.
   *
   * @throws LedgerException naming the file if it is missing, a directory or unreadable
   */
  public static Sha256 ofFile(Path file) {
    if (Files.isDirectory(file)) {
      throw new LedgerException(file + ": is a directory, not a file");
    }
    MessageDigest md = digest();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        md.update(buf, 0, n);
      }
    } catch (NoSuchFileException e) {
      throw new LedgerException(file + ": no such file");
    } catch (IOException e) {
      throw new LedgerException(file + ": cannot read: " + e.getMessage(), e);
    }
    return ofDigest(md.digest());
  }

  /** Wraps a 32-byte digest. */
  public static Sha256 ofDigest(byte[] digest) {
    if (digest.length != 32) {
      throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, got " + digest.length);
    }
    return new Sha256(HEX.formatHex(digest));
  }

  /**
   * Parses user input: 64 hex digits, either case.
   *
   * @throws SpecException naming the field if the value is not a SHA-256 digest
   */
  public static Sha256 parse(String field, String value) {
    String v = value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT);
    if (v.length() != 64 || !isLowerHex(v)) {
      throw new SpecException(field, "must be a SHA-256 digest (64 hex digits), got '" + value + "'");
    }
    return new Sha256(v);
  }

  /** The 32 digest bytes. */
  public byte[] bytes() {
    return HEX.parseHex(hex);
  }

  /** The first 12 hex digits, for messages and graph labels. */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  @Override
  public int compareTo(Sha256 o) {
    return hex.compareTo(o.hex);
  }

  @Override
  public String toString() {
    return hex;
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static boolean isLowerHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
