package org.tailguard.provenance;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A ledger's identity and size as read from its genesis entry and tables (not verified: see
 * {@link Ledger#verify}): its id, signature algorithm, public-key fingerprint, creation time, number of
 * entries (the genesis entry included) and batches, and its {@link Head}.
 */
public record LedgerInfo(Path file, String ledgerId, KeyAlgorithm algorithm, Sha256 keyFingerprint, Instant created,
    long entries, long batches, Head head) {}
