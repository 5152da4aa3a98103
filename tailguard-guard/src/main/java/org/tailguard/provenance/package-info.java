/**
 * The append-only, hash-chained, signed provenance ledger: content addresses, claims, lineage, manifests.
 *
 * <p>Entry point: {@link org.tailguard.provenance.Ledger} ({@code init}, {@code openForWriting},
 * {@code openReadOnly}; {@code append}, {@code appendAll}, {@code recordDataset}; {@code latest},
 * {@code history}, {@code withContent}, {@code members}, {@code resolve}, {@code info}, {@code head};
 * {@code verify}, {@code lineage}, {@code exportCroissant}). What is recorded is a
 * {@link org.tailguard.provenance.Claim} about an entity addressed by its {@link org.tailguard.provenance.Sha256}.
 *
 * <p>Format version 1, in one SQLite file (application id {@code TGLG}, {@code user_version} 1):
 * <ul>
 *   <li>every entry and manifest is stored as its canonical JSON bytes ({@link
 *       org.tailguard.provenance.CanonicalJson}: RFC 8785 JCS on integers, strings, booleans, arrays and objects;
 *       keys sorted, no whitespace, UTF-8);</li>
 *   <li>entry {@code n} carries {@code prev} = SHA-256 of entry {@code n−1}'s bytes (entry 0, the genesis,
 *       names the ledger id and public key, with {@code prev} = 64 zeros);</li>
 *   <li>each batch's entries have an RFC 6962 Merkle root ({@link org.tailguard.provenance.MerkleTree}: leaf
 *       {@code SHA-256(0x00‖entry)}, node {@code SHA-256(0x01‖l‖r)}, an odd last node promoted, not
 *       duplicated), written with the batch number, first sequence number, count, time, ledger id, key
 *       fingerprint and the previous manifest's SHA-256 into a manifest, signed with Ed25519 or ECDSA P-256;</li>
 *   <li>a batch is one SQLite transaction, so a crash leaves whole batches only.</li>
 * </ul>
 * The exact shapes are in {@code Envelope}; {@code src/test/resources/.../independent_verify.py} re-derives the
 * chain and roots from this description alone, and OpenSSL checks the signatures.
 */
package org.tailguard.provenance;
