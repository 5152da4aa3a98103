package org.tailguard.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch root is RFC 6962's Merkle tree hash. */
class MerkleTreeTest {
  /**
   * The Certificate Transparency reference vectors (google/certificate-transparency, merkle tree tests, also
   * used by Trillian): eight leaf inputs and the tree head for each prefix of 1–8 leaves.
   */
  private static final List<String> LEAVES = List.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
      "606162636465666768696a6b6c6d6e6f");
  private static final List<String> ROOTS = List.of(
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  @Test
  void root_matchesTheCertificateTransparencyVectors() {
    List<byte[]> entries = new ArrayList<>();
    for (int n = 1; n <= 8; n++) {
      entries.add(HexFormat.of().parseHex(LEAVES.get(n - 1)));
      assertEquals(ROOTS.get(n - 1), MerkleTree.rootOfEntries(entries).hex(), n + " leaves");
    }
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        MerkleTree.root(List.of()).hex());
  }

  /** The level-by-level computation with promotion equals RFC 6962's recursive split at a power of two. */
  @Test
  void root_equalsTheRecursiveDefinition() {
    qt().withFixedSeed(6962L).withExamples(120).forAll(integers().between(1, 300)).checkAssert(n -> {
      List<byte[]> leaves = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        leaves.add(MerkleTree.leafHash(new byte[] {(byte) i, (byte) (i >> 8)}));
      }
      assertEquals(HexFormat.of().formatHex(recursive(leaves)), MerkleTree.root(leaves).hex());
    });
  }

  /** Duplicating the last leaf (Bitcoin's odd-node rule) gives a different root: the rule matters. */
  @Test
  void oddLeaf_isPromotedNotDuplicated() {
    List<byte[]> three = List.of(new byte[] {1}, new byte[] {2}, new byte[] {3});
    List<byte[]> four = List.of(new byte[] {1}, new byte[] {2}, new byte[] {3}, new byte[] {3});
    assertNotEquals(MerkleTree.rootOfEntries(three), MerkleTree.rootOfEntries(four));
  }

  private static byte[] recursive(List<byte[]> d) {
    if (d.size() == 1) {
      return d.getFirst();
    }
    int k = Integer.highestOneBit(d.size() - 1);
    return MerkleTree.nodeHash(recursive(d.subList(0, k)), recursive(d.subList(k, d.size())));
  }
}
