package org.tailguard.provenance;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree hash of a batch's entries, as Certificate Transparency defines it (RFC 6962 §2.1): a leaf
 * is {@code SHA-256(0x00 ‖ entry bytes)}, an inner node {@code SHA-256(0x01 ‖ left ‖ right)}, and the empty
 * tree {@code SHA-256()}. The distinct prefixes keep a leaf from ever being read as a node (second-preimage
 * resistance).
 *
 * <p><b>Odd-node rule.</b> RFC 6962 splits n > 1 leaves at k, the largest power of two below n:
 * {@code MTH(D[0:n]) = SHA-256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n]))}. Computed level by level, that means an
 * unpaired last node is promoted unchanged to the next level; it is <em>not</em> paired with a copy of itself
 * (Bitcoin's rule, which lets two different leaf lists share a root, CVE-2012-2459). So the root of three
 * leaves a, b, c is {@code H(0x01 ‖ H(0x01 ‖ a ‖ b) ‖ c)}.
 */
public final class MerkleTree {
  private MerkleTree() {}

  /** The leaf hash of one entry's bytes. */
  public static byte[] leafHash(byte[] entry) {
    MessageDigest md = Sha256.digest();
    md.update((byte) 0x00);
    return md.digest(entry);
  }

  /** The hash of an inner node. */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest md = Sha256.digest();
    md.update((byte) 0x01);
    md.update(left);
    return md.digest(right);
  }

  /** The root over leaf hashes (each from {@link #leafHash}), in order. */
  public static Sha256 root(List<byte[]> leafHashes) {
    if (leafHashes.isEmpty()) {
      return Sha256.EMPTY;
    }
    List<byte[]> level = new ArrayList<>(leafHashes);
    while (level.size() > 1) {
      List<byte[]> next = new ArrayList<>((level.size() + 1) / 2);
      for (int i = 0; i + 1 < level.size(); i += 2) {
        next.add(nodeHash(level.get(i), level.get(i + 1)));
      }
      if (level.size() % 2 == 1) {
        next.add(level.getLast()); // promoted, not duplicated
      }
      level = next;
    }
    return Sha256.ofDigest(level.getFirst());
  }

  /** The root over the entries' bytes themselves. */
  public static Sha256 rootOfEntries(List<byte[]> entries) {
    List<byte[]> leaves = new ArrayList<>(entries.size());
    for (byte[] e : entries) {
      leaves.add(leafHash(e));
    }
    return root(leaves);
  }
}
