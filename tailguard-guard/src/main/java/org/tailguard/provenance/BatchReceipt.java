package org.tailguard.provenance;

/**
 * What one appended batch became: its number, the sequence numbers it covers, its RFC 6962 Merkle root and
 * the SHA-256 of its signed manifest (a {@link Head} to keep elsewhere, if this is the last batch).
 */
public record BatchReceipt(long batch, long firstSeq, int count, Sha256 merkleRoot, Sha256 manifestHash) {
  /** The head of the ledger right after this batch. */
  public Head head() {
    return new Head(batch, manifestHash);
  }
}
