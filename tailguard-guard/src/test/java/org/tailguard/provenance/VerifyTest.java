package org.tailguard.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each tampering, made with raw SQL on a ledger of 20 claims in batches of 5 (entries 1–5 are batch 1, 6–10
 * batch 2, …, 16–20 batch 4), is reported in lines that name the entry or batch concerned. The lines are
 * printed so that the messages can be read.
 */
class VerifyTest {
  @TempDir
  Path dir;

  private Path build() {
    Path f = dir.resolve("ledger.db");
    try (Ledger l = LedgerFixtures.ledger(f, 20, 5)) {
      assertTrue(l.verify(VerifyOptions.DEFAULT).ok());
    }
    return f;
  }

  private static VerificationReport verify(Path f, VerifyOptions o) {
    try (Ledger l = Ledger.openReadOnly(f)) {
      VerificationReport r = l.verify(o);
      r.lines().forEach(line -> System.out.println("  " + line));
      return r;
    }
  }

  private static void assertNames(VerificationReport r, Predicate<Problem> p, String what) {
    assertFalse(r.ok());
    assertTrue(r.problems().stream().anyMatch(p), "no problem line names " + what + ": " + r.problems());
  }

  @Test
  void untouched_verifies() {
    VerificationReport r = verify(build(), VerifyOptions.DEFAULT);
    assertTrue(r.ok());
    assertEquals(21, r.entries());
    assertEquals(5, r.batches());
  }

  @Test
  void editedEntry_isNamed() throws Exception {
    Path f = build();
    Tamper.inFile(f, c -> Tamper.editSource(c, 7, false));
    VerificationReport r = verify(f, VerifyOptions.DEFAULT);
    assertNames(r, p -> p.namesEntry(7) && p.message().contains("(doc:7)") && p.message().contains("edited"), "entry 7");
    assertNames(r, p -> p.namesBatch(2) && p.message().contains("Merkle root"), "batch 2's root");
  }

  @Test
  void editedEntryWithFixedHash_isNamedThroughTheChain() throws Exception {
    Path f = build();
    Tamper.inFile(f, c -> Tamper.editSource(c, 7, true));
    VerificationReport r = verify(f, VerifyOptions.DEFAULT);
    assertNames(r, p -> p.namesEntry(7) && p.message().startsWith("entry 7 (doc:7) was rewritten"), "entry 7");
  }

  @Test
  void garbledEntry_isUnreadable() throws Exception {
    Path f = build();
    Tamper.inFile(f, c -> Tamper.flipClaimByte(c, 12, 0.0, 0x5a, true));
    VerificationReport r = verify(f, VerifyOptions.DEFAULT);
    assertNames(r, p -> p.namesEntry(12), "entry 12");
  }

  @Test
  void removedEntry_isNamedAsMissing() throws Exception {
    Path f = build();
    Tamper.inFile(f, c -> Tamper.delete(c, 9, false));
    VerificationReport r = verify(f, VerifyOptions.DEFAULT);
    assertNames(r, p -> p.namesEntry(9) && p.message().startsWith("entry 9 is missing"), "entry 9");
  }

  @Test
  void removedAndRenumbered_isNamed() throws Exception {
    Path f = build();
    Tamper.inFile(f, c -> Tamper.delete(c, 9, true));
    VerificationReport r = verify(f, VerifyOptions.DEFAULT);
    assertNames(r, p -> p.namesEntry(9) && p.message().startsWith("entry 9 is missing"), "entry 9");
  }

  @Test
  void swappedEntries_areBothNamed() throws Exception {
    Path f = build();
    Tamper.inFile(f, c -> Tamper.swap(c, 4, 13));
    VerificationReport r = verify(f, VerifyOptions.DEFAULT);
    assertNames(r, p -> p.namesEntry(4) && p.message().contains("position 13"), "entry 4");
    assertNames(r, p -> p.namesEntry(13) && p.message().contains("position 4"), "entry 13");
  }

  @Test
  void insertedEntry_isNamed() throws Exception {
    Path f = build();
    Claim forged = LedgerFixtures.doc(999);
    Tamper.inFile(f, c -> Tamper.insert(c, 8, 2, forged, true));
    VerificationReport r = verify(f, VerifyOptions.DEFAULT);
    assertNames(r, p -> p.namesEntry(8) && p.message().contains("(doc:999)") && p.message().contains("inserted"),
        "the forged entry");
  }

  @Test
  void appendedForgery_isUnsigned() throws Exception {
    Path f = build();
    Tamper.inFile(f, c -> Tamper.insert(c, 21, 4, LedgerFixtures.doc(999), false));
    VerificationReport r = verify(f, VerifyOptions.DEFAULT);
    assertNames(r, p -> p.namesEntry(21) && p.message().contains("inserted"), "entry 21");
    Path g = dir.resolve("g.db");
    try (Ledger l = LedgerFixtures.ledger(g, 20, 5)) {
      assertTrue(l.verify(VerifyOptions.DEFAULT).ok());
    }
    Tamper.inFile(g, c -> Tamper.insert(c, 21, 5, LedgerFixtures.doc(999), false));
    assertNames(verify(g, VerifyOptions.DEFAULT), p -> p.namesEntry(21) && p.message().contains("unsigned"),
        "entry 21");
  }

  @Test
  void changedMerkleRoot_isABadSignature() throws Exception {
    Path f = build();
    Tamper.inFile(f, c -> Tamper.setManifestField(c, 3, "merkleRoot", Sha256.ofText("forged").hex()));
    VerificationReport r = verify(f, VerifyOptions.DEFAULT);
    assertNames(r, p -> p.namesBatch(3) && p.message().contains("signature does not verify"), "batch 3");
  }

  @Test
  void resignedWithAnotherKey_isABadSignature() throws Exception {
    Path f = build();
    LedgerKeys attacker = LedgerKeys.generate(KeyAlgorithm.ED25519);
    Tamper.inFile(f, c -> {
      Tamper.editSource(c, 12, true);
      Tamper.resign(c, 3, attacker, true);
    });
    VerificationReport r = verify(f, VerifyOptions.DEFAULT);
    assertNames(r, p -> p.namesBatch(3) && p.message().contains("signature does not verify")
        && p.message().contains(attacker.fingerprint().shortHex()), "batch 3");
  }

  @Test
  void unsignedManifest_isAnError() throws Exception {
    Path f = build();
    Tamper.inFile(f, c -> Tamper.unsign(c, 2));
    VerificationReport r = verify(f, VerifyOptions.DEFAULT);
    assertNames(r, p -> p.namesBatch(2) && p.message().equals("batch 2: its manifest is not signed"), "batch 2");
  }

  @Test
  void truncatedLastBatch_namesTheMissingEntries() throws Exception {
    Path f = build();
    Tamper.inFile(f, c -> Tamper.truncateBatch(c, 4, 2));
    VerificationReport r = verify(f, VerifyOptions.DEFAULT);
    assertNames(r, p -> p.namesEntry(19) && p.namesEntry(20) && p.namesBatch(4), "entries 19..20");
  }

  @Test
  void rechainedLedger_isCaughtByTheMerkleRoots() throws Exception {
    Path f = build();
    Tamper.inFile(f, c -> Tamper.rewriteChain(c, 7));
    VerificationReport r = verify(f, VerifyOptions.DEFAULT);
    assertNames(r, p -> p.namesBatch(2) && p.message().contains("Merkle root"), "batch 2");
  }

  @Test
  void droppedLastBatch_needsTheTrustedHead() throws Exception {
    Path f = build();
    Head head;
    try (Ledger l = Ledger.openReadOnly(f)) {
      head = l.head();
    }
    Tamper.inFile(f, Tamper::dropLastBatch);
    assertTrue(verify(f, VerifyOptions.DEFAULT).ok(), "without an outside reference, a clean cut is invisible");
    VerificationReport r = verify(f, VerifyOptions.DEFAULT.withTrustedHead(head));
    assertNames(r, p -> p.namesBatch(4) && p.message().contains("truncated"), "batch 4");
  }

  @Test
  void wholeForgery_needsTheTrustedKey() {
    Path f = dir.resolve("forged.db");
    LedgerKeys attacker = LedgerKeys.generate(KeyAlgorithm.ED25519);
    try (Ledger l = Ledger.init(f, attacker, LedgerFixtures.CLOCK)) {
      l.appendAll(LedgerFixtures.docs(1, 20), 5);
    }
    assertTrue(verify(f, VerifyOptions.DEFAULT).ok(), "a consistent forgery verifies against its own key");
    VerificationReport r = verify(f, VerifyOptions.DEFAULT.withTrustedKey(LedgerFixtures.KEYS));
    assertNames(r, p -> p.namesEntry(0) && p.message().contains("not the trusted key"), "the genesis entry");
    assertNames(r, p -> p.namesBatch(0) && p.namesBatch(4), "all batches");
    assertTrue(verify(build(), VerifyOptions.DEFAULT.withTrustedKey(LedgerFixtures.KEYS.publicOnly())).ok());
  }

  @Test
  void editedIndex_isNamed() throws Exception {
    Path f = build();
    Tamper.inFile(f, c -> {
      try (var s = c.createStatement()) {
        s.executeUpdate("UPDATE entries SET entity = 'doc:evil' WHERE seq = 5");
        s.executeUpdate("INSERT INTO links (target, relation, seq) VALUES ('model:evil', 'generatedBy', 6)");
      }
    });
    VerificationReport r = verify(f, VerifyOptions.DEFAULT);
    assertNames(r, p -> p.namesEntry(5) && p.message().contains("index"), "entry 5");
    assertNames(r, p -> p.namesEntry(6) && p.message().contains("links index"), "entry 6");
  }

  /** Huge sequence numbers or counts written by an attacker cost nothing: gaps are handled as ranges. */
  @Test
  void hugeNumbers_areReportedQuickly() throws Exception {
    Path f = build();
    Tamper.inFile(f, c -> {
      java.util.Map<String, Object> m = new java.util.TreeMap<>(CanonicalJson.parseObject(Tamper.body(c, 5)));
      m.put("seq", 4_000_000_000_000_000L);
      Tamper.setBody(c, 5, CanonicalJson.encode(m), true);
      Tamper.setManifestField(c, 4, "count", 999_999L);
    });
    VerificationReport r = assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
        () -> verify(f, VerifyOptions.DEFAULT));
    assertNames(r, p -> p.namesEntry(4_000_000_000_000_000L) && p.message().contains("position 5"), "the moved entry");
    assertNames(r, p -> p.namesEntry(5) && p.message().startsWith("entry 5 is missing"), "entry 5");
    assertNames(r, p -> p.namesBatch(4) && p.message().contains("signature"), "batch 4");
  }

  @Test
  void problemLines_areOneLineEach() throws Exception {
    Path f = build();
    Tamper.inFile(f, c -> {
      Tamper.flipClaimByte(c, 3, 0.5, 0x0a, false);
      Tamper.delete(c, 11, true);
      Tamper.unsign(c, 4);
    });
    VerificationReport r = verify(f, new VerifyOptions(null, null, 2));
    assertEquals(2, r.problems().size());
    assertTrue(r.totalProblems() > 2);
    for (String line : r.lines()) {
      assertFalse(line.contains("\n"), line);
    }
  }
}
