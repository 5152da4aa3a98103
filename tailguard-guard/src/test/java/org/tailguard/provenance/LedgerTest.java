package org.tailguard.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating, opening, appending to and reading a ledger; bad files get one-line errors naming the file. */
class LedgerTest {
  @TempDir
  Path dir;

  @Test
  void init_writesASignedGenesisAndAppendsBatches() {
    Path f = dir.resolve("ledger.db");
    Path keyFile = dir.resolve("ledger.key");
    try (Ledger l = Ledger.init(f, keyFile, KeyAlgorithm.ED25519)) {
      LedgerInfo info = l.info();
      assertEquals(1, info.entries());
      assertEquals(1, info.batches());
      assertEquals(LedgerKeys.load(keyFile).fingerprint(), info.keyFingerprint());
      List<BatchReceipt> r = l.appendAll(LedgerFixtures.docs(1, 12), 5);
      assertEquals(List.of(1L, 2L, 3L), r.stream().map(BatchReceipt::batch).toList());
      assertEquals(List.of(1L, 6L, 11L), r.stream().map(BatchReceipt::firstSeq).toList());
      assertEquals(List.of(5, 5, 2), r.stream().map(BatchReceipt::count).toList());
      assertEquals(r.getLast().head(), l.head());
    }
    try (Ledger l = Ledger.openForWriting(f, keyFile)) {
      BatchReceipt r = l.append(List.of(LedgerFixtures.doc(1).toBuilder().licence("CC0-1.0").build()));
      assertEquals(4, r.batch());
      assertEquals(13, r.firstSeq());
    }
    try (Ledger l = Ledger.openReadOnly(f)) {
      List<RecordedClaim> h = l.history("doc:1");
      assertEquals(List.of(1L, 13L), h.stream().map(RecordedClaim::seq).toList());
      assertEquals("CC0-1.0", l.latest("doc:1").orElseThrow().claim().licence());
      assertEquals(List.of(1L, 13L), l.withContent(LedgerFixtures.doc(1).sha256()).stream()
          .map(RecordedClaim::seq).toList());
      assertEquals("doc:4", l.resolve(LedgerFixtures.doc(4).sha256().hex().substring(0, 10)));
      assertEquals("model:m1", l.resolve("model:m1"), "an id only links name still resolves");
      assertEquals(l.file() + ": no entity with id or content hash 'nothing'",
          assertThrows(LedgerException.class, () -> l.resolve("nothing")).getMessage());
      assertTrue(l.verify(VerifyOptions.DEFAULT).ok());
      LedgerException ro = assertThrows(LedgerException.class, () -> l.append(List.of(LedgerFixtures.doc(99))));
      assertTrue(ro.getMessage().startsWith(f + ": opened read-only"), ro.getMessage());
    }
  }

  @Test
  void ecdsaLedger_verifies() {
    Path f = dir.resolve("ec.db");
    try (Ledger l = Ledger.init(f, dir.resolve("ec.key"), KeyAlgorithm.ECDSA_P256)) {
      l.appendAll(LedgerFixtures.docs(1, 30), 8);
      VerificationReport r = l.verify(VerifyOptions.DEFAULT);
      assertTrue(r.ok(), r.lines().toString());
      assertEquals(KeyAlgorithm.ECDSA_P256, l.info().algorithm());
    }
  }

  @Test
  void failingClaimSource_rollsBackOnlyTheBatchInProgress() {
    Path f = dir.resolve("ledger.db");
    try (Ledger l = LedgerFixtures.ledger(f, 0, 1)) {
      Iterator<Claim> it = new Iterator<>() {
        int i = 0;

        @Override
        public boolean hasNext() {
          return true;
        }

        @Override
        public Claim next() {
          if (++i == 8) {
            throw new IllegalStateException("source failed");
          }
          return LedgerFixtures.doc(i);
        }
      };
      assertThrows(IllegalStateException.class, () -> l.appendAll(it, 5));
      assertEquals(6, l.info().entries(), "genesis + the first batch of 5; entries 6 and 7 rolled back");
      assertTrue(l.verify(VerifyOptions.DEFAULT).ok());
      assertEquals(f + ": cannot append an empty batch",
          assertThrows(LedgerException.class, () -> l.append(List.of())).getMessage());
    }
  }

  @Test
  void wrongKey_cannotAppend() {
    Path f = dir.resolve("ledger.db");
    LedgerFixtures.ledger(f, 3, 3).close();
    Path other = dir.resolve("other.key");
    LedgerKeys.generate(other, KeyAlgorithm.ED25519);
    LedgerException e = assertThrows(LedgerException.class, () -> Ledger.openForWriting(f, other));
    assertTrue(e.getMessage().startsWith(other + ": this key (fingerprint "), e.getMessage());
    assertTrue(e.getMessage().endsWith("is not the key of ledger " + f + "; use the key file it was created with"));
  }

  @Test
  void existingLedger_isNotReinitialised() {
    Path f = dir.resolve("ledger.db");
    LedgerFixtures.ledger(f, 3, 3).close();
    assertEquals(f + ": already a Tailguard ledger; open it instead of creating it",
        assertThrows(LedgerException.class, () -> Ledger.init(f, LedgerFixtures.KEYS, LedgerFixtures.CLOCK))
            .getMessage());
    assertFalse(Files.exists(dir.resolve("new.key")));
    assertThrows(LedgerException.class, () -> Ledger.init(f, dir.resolve("new.key"), KeyAlgorithm.ED25519));
    assertFalse(Files.exists(dir.resolve("new.key")), "no key is generated for a ledger that cannot be created");
  }

  @Test
  void badFiles_getOneLineErrorsNamingTheFile() throws Exception {
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "this is not a database, just some text that is long enough to have a header\n".repeat(3));
    assertEquals(text + ": not a Tailguard ledger (the file is not an SQLite database)",
        assertThrows(LedgerException.class, () -> Ledger.openReadOnly(text)).getMessage());
    assertEquals(text + ": not a Tailguard ledger (the file is not an SQLite database)",
        assertThrows(LedgerException.class, () -> Ledger.init(text, LedgerFixtures.KEYS, LedgerFixtures.CLOCK))
            .getMessage());

    Path missing = dir.resolve("missing.db");
    assertEquals(missing + ": no such ledger (create one with ledger init)",
        assertThrows(LedgerException.class, () -> Ledger.openReadOnly(missing)).getMessage());
    assertEquals(dir + ": is a directory, not a ledger file",
        assertThrows(LedgerException.class, () -> Ledger.openReadOnly(dir)).getMessage());

    Path other = dir.resolve("other.db");
    try (Connection c = LedgerFixtures.raw(other); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE runs (id INTEGER)");
    }
    assertEquals(other + ": not a Tailguard ledger (an SQLite database with other tables)",
        assertThrows(LedgerException.class, () -> Ledger.init(other, LedgerFixtures.KEYS, LedgerFixtures.CLOCK))
            .getMessage());
    assertEquals(other + ": not a Tailguard ledger (an empty database; create one with ledger init)",
        assertThrows(LedgerException.class, () -> Ledger.openReadOnly(other)).getMessage());

    Path newer = dir.resolve("newer.db");
    LedgerFixtures.ledger(newer, 2, 2).close();
    try (Connection c = LedgerFixtures.raw(newer); Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = 2");
    }
    assertEquals(newer + ": ledger format version 2 is newer than this Tailguard supports (1); upgrade Tailguard",
        assertThrows(LedgerException.class, () -> Ledger.openReadOnly(newer)).getMessage());
    assertEquals(newer + ": ledger format version 2 is newer than this Tailguard supports (1); upgrade Tailguard",
        assertThrows(LedgerException.class, () -> Ledger.openForWriting(newer, LedgerFixtures.KEYS,
            LedgerFixtures.CLOCK)).getMessage());

    Path ledger = dir.resolve("ledger.db");
    LedgerFixtures.ledger(ledger, 2, 2).close();
    Path noKey = dir.resolve("absent.key");
    assertEquals(noKey + ": no such key file",
        assertThrows(LedgerException.class, () -> Ledger.openForWriting(ledger, noKey)).getMessage());
  }

  /** An entry claiming a newer format version is reported by verify, naming the entry. */
  @Test
  void newerEntryVersion_isReported() throws Exception {
    Path f = dir.resolve("ledger.db");
    LedgerFixtures.ledger(f, 4, 2).close();
    Tamper.inFile(f, c -> {
      String body = new String(Tamper.body(c, 3), java.nio.charset.StandardCharsets.UTF_8).replace("\"v\":1", "\"v\":2");
      Tamper.setBody(c, 3, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
    });
    try (Ledger l = Ledger.openReadOnly(f)) {
      VerificationReport r = l.verify(VerifyOptions.DEFAULT);
      assertTrue(r.problems().stream().anyMatch(p -> p.namesEntry(3)
          && p.message().contains("format version 2 is not supported")), r.lines().toString());
    }
  }

  @Test
  void recordDataset_addressesEveryFile() throws Exception {
    Path root = dir.resolve("corpus");
    Files.createDirectories(root.resolve("shards"));
    Path a = Files.writeString(root.resolve("shards/part 0.jsonl"), "{\"text\":\"a\"}\n");
    Path b = Files.writeString(root.resolve("shards/part-1.jsonl"), "{\"text\":\"b\"}\n");
    Path f = dir.resolve("ledger.db");
    try (Ledger l = LedgerFixtures.ledger(f, 0, 1)) {
      Claim.Builder template = Claim.builder(EntityKind.DATASET, "template").source("bundled corpus")
          .licence("CC-BY-SA-4.0").tier(Tier.VERIFIED_HUMAN).sourceType(SourceType.DIGITAL_CREATION)
          .link(Relation.DERIVED_FROM, "dataset:wikitext-2");
      l.recordDataset("dataset:train", root, List.of(a, b), template, 100);
      List<RecordedClaim> members = l.members("dataset:train");
      assertEquals(List.of("dataset:train/shards/part%200.jsonl", "dataset:train/shards/part-1.jsonl"),
          members.stream().map(r -> r.claim().id()).toList());
      assertEquals(Sha256.ofFile(a), members.getFirst().claim().sha256());
      assertEquals("shards/part 0.jsonl", members.getFirst().claim().location());
      Claim ds = l.latest("dataset:train").orElseThrow().claim();
      assertEquals(Ledger.datasetAddress(java.util.Map.of("shards/part 0.jsonl", Sha256.ofFile(a),
          "shards/part-1.jsonl", Sha256.ofFile(b))), ds.sha256());
      assertEquals(List.of(new Link(Relation.DERIVED_FROM, "dataset:wikitext-2")), ds.derivedFrom());
      assertTrue(members.getFirst().claim().derivedFrom().contains(new Link(Relation.PART_OF, "dataset:train")));
      assertTrue(l.verify(VerifyOptions.DEFAULT).ok());
      LedgerException e = assertThrows(LedgerException.class,
          () -> l.recordDataset("dataset:x", root, List.of(dir.resolve("elsewhere.txt")), template, 10));
      assertEquals(dir.resolve("elsewhere.txt") + ": not a file under the dataset root " + root, e.getMessage());
    }
  }

  /** Appending on top of an unsigned or altered tail would sign it; the writer refuses. */
  @Test
  void tamperedTail_isNotSignedOver() throws Exception {
    Path f = dir.resolve("ledger.db");
    LedgerFixtures.ledger(f, 6, 3).close();
    Tamper.inFile(f, c -> Tamper.insert(c, 7, 3, LedgerFixtures.doc(666), false));
    try (Ledger l = Ledger.openForWriting(f, LedgerFixtures.KEYS, LedgerFixtures.CLOCK)) {
      LedgerException e = assertThrows(LedgerException.class, () -> l.append(List.of(LedgerFixtures.doc(7))));
      assertEquals(f + ": refusing to append: the last batch (2) fails a check (it covers entries 4..6 but the ledger "
          + "ends at entry 7); run ledger verify", e.getMessage());
    }
    Path g = dir.resolve("g.db");
    LedgerFixtures.ledger(g, 6, 3).close();
    Tamper.inFile(g, c -> Tamper.editSource(c, 5, true));
    try (Ledger l = Ledger.openForWriting(g, LedgerFixtures.KEYS, LedgerFixtures.CLOCK)) {
      LedgerException e = assertThrows(LedgerException.class, () -> l.append(List.of(LedgerFixtures.doc(7))));
      assertTrue(e.getMessage().contains("its entries do not match its signed Merkle root"), e.getMessage());
      assertEquals(7, l.info().entries(), "nothing was written");
    }
  }

  /** Two writers on one file (as two processes would be) interleave whole batches and keep one chain. */
  @Test
  void twoWriters_keepOneChain() {
    Path f = dir.resolve("ledger.db");
    LedgerFixtures.ledger(f, 0, 1).close();
    try (Ledger a = Ledger.openForWriting(f, LedgerFixtures.KEYS, LedgerFixtures.CLOCK);
         Ledger b = Ledger.openForWriting(f, LedgerFixtures.KEYS, LedgerFixtures.CLOCK)) {
      for (int i = 0; i < 6; i++) {
        (i % 2 == 0 ? a : b).append(LedgerFixtures.docs(10 * i, 3));
      }
      VerificationReport r = b.verify(VerifyOptions.DEFAULT);
      assertTrue(r.ok(), r.lines().toString());
      assertEquals(19, r.entries());
      assertEquals(7, r.batches());
    }
  }

  @Test
  void emptyIterator_writesNothing() {
    Path f = dir.resolve("ledger.db");
    try (Ledger l = LedgerFixtures.ledger(f, 0, 1)) {
      assertEquals(List.of(), l.appendAll(List.<Claim>of().iterator(), 10));
      assertEquals(1, l.info().batches());
      Iterator<Claim> empty = List.<Claim>of().iterator();
      assertThrows(NoSuchElementException.class, empty::next);
    }
  }
}
