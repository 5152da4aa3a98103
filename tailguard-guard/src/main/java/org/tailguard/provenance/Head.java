package org.tailguard.provenance;

import org.tailguard.spec.SpecException;

/**
 * A ledger's head: its last batch number and the SHA-256 of that batch's signed manifest, which commits to
 * every earlier entry through the manifest chain, like a Certificate Transparency signed tree head (RFC 6962
 * §3.5). Kept outside the ledger (printed, stored in a run report), it lets {@code ledger verify} detect the
 * one change that signatures alone cannot: deleting whole batches from the end. Written as
 * {@code BATCH:HEX}, such as {@code 12:9f86d081…}.
 */
public record Head(long batch, Sha256 manifestHash) {
  public Head {
    if (batch < 0) {
      throw new IllegalArgumentException("batch must be non-negative");
    }
    java.util.Objects.requireNonNull(manifestHash);
  }

  /** Parses {@code BATCH:HEX}. */
  public static Head parse(String field, String value) {
    int colon = value == null ? -1 : value.indexOf(':');
    if (colon < 1) {
      throw new SpecException(field, "must be BATCH:SHA256 as printed by 'ledger head', got '" + value + "'");
    }
    long batch;
    try {
      batch = Long.parseLong(value.substring(0, colon).strip());
    } catch (NumberFormatException e) {
      throw new SpecException(field, "must start with a batch number, got '" + value + "'");
    }
    if (batch < 0) {
      throw new SpecException(field, "batch must be non-negative, got " + batch);
    }
    return new Head(batch, Sha256.parse(field, value.substring(colon + 1)));
  }

  @Override
  public String toString() {
    return batch + ":" + manifestHash.hex();
  }
}
