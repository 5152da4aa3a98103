package org.tailguard.provenance;

import java.util.Locale;
import org.tailguard.spec.SpecException;

/**
 * The signature schemes a ledger can sign its batch manifests with, both from the JDK's own providers:
 * Ed25519 (RFC 8032, deterministic signatures, the default) and ECDSA over NIST P-256 with SHA-256 (FIPS
 * 186-5; C2PA's ES256).
 */
public enum KeyAlgorithm {
  ED25519("Ed25519", "Ed25519", "Ed25519"),
  ECDSA_P256("ECDSA-P256", "EC", "SHA256withECDSA");

  private final String json;
  private final String keyAlgorithm;
  private final String signatureAlgorithm;

  KeyAlgorithm(String json, String keyAlgorithm, String signatureAlgorithm) {
    this.json = json;
    this.keyAlgorithm = keyAlgorithm;
    this.signatureAlgorithm = signatureAlgorithm;
  }

  /** The name written into the genesis entry and manifests: {@code Ed25519} or {@code ECDSA-P256}. */
  public String json() {
    return json;
  }

  /** The JCA {@code KeyPairGenerator}/{@code KeyFactory} algorithm. */
  String keyAlgorithm() {
    return keyAlgorithm;
  }

  /** The JCA {@code Signature} algorithm. */
  String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /** Parses {@code Ed25519} or {@code ECDSA-P256} (any case; {@code ecdsa}, {@code p256} and {@code es256} too). */
  public static KeyAlgorithm parse(String field, String value) {
    String v = value == null ? "" : value.toLowerCase(Locale.ROOT).replace("_", "-");
    return switch (v) {
      case "ed25519" -> ED25519;
      case "ecdsa-p256", "ecdsa", "p256", "p-256", "es256" -> ECDSA_P256;
      default -> throw new SpecException(field, "must be Ed25519 or ECDSA-P256, got '" + value + "'");
    };
  }
}
