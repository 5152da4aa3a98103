package org.tailguard.provenance;

import java.time.Instant;

/**
 * A claim as the ledger holds it: its sequence number (its position in the hash chain), its batch (the unit
 * that is Merkle-hashed and signed), the time it was appended and the SHA-256 of its entry's canonical bytes.
 */
public record RecordedClaim(long seq, long batch, Instant time, Sha256 entryHash, Claim claim) {}
