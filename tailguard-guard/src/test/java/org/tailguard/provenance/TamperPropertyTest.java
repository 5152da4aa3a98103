package org.tailguard.provenance;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * For random ledgers (1–16 claims in batches of 1–5) and random tamperings made with raw SQL, verification
 * always fails and names the tampered entry or batch; untampered ledgers always verify.
 *
 * <p>Ledgers are built once per (size, batch size) and copied per example. The tamperings: flip a byte of a
 * claim (with or without fixing the recorded hash), change a value and fix the hash, delete an entry (with or
 * without renumbering the rest), swap two entries, insert a forged, well-chained entry (in the middle with
 * renumbering, or at the end in the last batch or a new one), change a Merkle root, re-sign a batch with another
 * key (after editing one of its entries), truncate a batch, drop a signature, re-chain everything after an
 * edited entry, and cut the last batch off (caught against the head recorded before).
 */
class TamperPropertyTest {
  enum Kind {
    FLIP_BYTE, FLIP_BYTE_FIX_HASH, EDIT_VALUE_FIX_HASH, DELETE, DELETE_RENUMBER, SWAP, INSERT_RENUMBER,
    INSERT_APPEND_LAST_BATCH, INSERT_APPEND_NEW_BATCH, CHANGE_ROOT, RESIGN, TRUNCATE_BATCH, UNSIGN, REWRITE_CHAIN,
    DROP_LAST_BATCH
  }

  private static Path dir;
  private static final Map<String, Path> BASES = new HashMap<>();
  private static final Map<String, Head> HEADS = new HashMap<>();
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final LedgerKeys ATTACKER = LedgerKeys.generate(KeyAlgorithm.ED25519);

  @BeforeAll
  static void setUp() throws Exception {
    dir = Files.createTempDirectory("tamper");
  }

  @AfterAll
  static void tearDown() throws Exception {
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static synchronized Path copy(int n, int batchSize) throws Exception {
    String key = n + "x" + batchSize;
    Path base = BASES.get(key);
    if (base == null) {
      base = dir.resolve("base-" + key + ".db");
      try (Ledger l = LedgerFixtures.ledger(base, n, batchSize)) {
        HEADS.put(key, l.head());
      }
      BASES.put(key, base);
    }
    Path f = dir.resolve("t" + COUNTER.incrementAndGet() + ".db");
    Files.copy(base, f, StandardCopyOption.REPLACE_EXISTING);
    return f;
  }

  private static VerificationReport verify(Path f, VerifyOptions o) {
    try (Ledger l = Ledger.openReadOnly(f)) {
      return l.verify(o);
    } finally {
      for (String suffix : new String[] {"", "-wal", "-shm"}) {
        f.resolveSibling(f.getFileName() + suffix).toFile().delete();
      }
    }
  }

  @Test
  void untamperedLedgers_verify() {
    qt().withFixedSeed(20260301L).withExamples(40)
        .forAll(integers().between(0, 16), integers().between(1, 5))
        .check((n, bs) -> {
          try {
            return verify(copy(n, bs), VerifyOptions.DEFAULT).ok();
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void everyTampering_failsAndNamesItsTarget() {
    qt().withFixedSeed(20260302L).withExamples(200)
        .forAll(integers().between(1, 16), integers().between(1, 5), integers().between(0, Kind.values().length - 1),
            longs().between(0, Long.MAX_VALUE))
        .checkAssert((n, bs, k, choice) -> {
          try {
            check(n, bs, Kind.values()[k], choice);
          } catch (AssertionError e) {
            throw e;
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  /** Applies one tampering and asserts the report fails and names what was changed. */
  private static void check(int n, int bs, Kind kind, long choice) throws Exception {
    Path f = copy(n, bs);
    long batches = (n + bs - 1) / bs; // claim batches 1..batches; batch 0 is the genesis
    long k = 1 + Math.floorMod(choice, n); // a claim entry
    long other = Math.floorMod(choice / 31, n + 1); // any entry, the genesis included
    long b = Math.floorMod(choice / 7, batches + 1); // any batch
    long claimBatch = 1 + Math.floorMod(choice / 7, batches);
    double where = Math.floorMod(choice / 1009, 1000) / 1000.0;
    int xor = (int) Math.floorMod(choice / 13, 127);
    Predicate<Problem> expected;
    Predicate<Problem> also = p -> true;
    VerifyOptions options = VerifyOptions.DEFAULT;
    try (Connection c = LedgerFixtures.raw(f)) {
      try (var s = c.createStatement()) {
        s.execute("PRAGMA synchronous = OFF"); // the attacker does not care about durability; saves fsyncs
      }
      switch (kind) {
        case FLIP_BYTE -> {
          Tamper.flipClaimByte(c, k, where, xor, false);
          expected = p -> p.namesEntry(k);
        }
        case FLIP_BYTE_FIX_HASH -> {
          Tamper.flipClaimByte(c, k, where, xor, true);
          expected = p -> p.namesEntry(k) || k == n && p.namesBatch(batchOf(k, bs));
        }
        case EDIT_VALUE_FIX_HASH -> {
          Tamper.editSource(c, k, true);
          expected = p -> p.namesEntry(k) || k == n && p.namesBatch(batchOf(k, bs));
        }
        case DELETE -> {
          Tamper.delete(c, k, false);
          expected = p -> p.namesEntry(k);
        }
        case DELETE_RENUMBER -> {
          Tamper.delete(c, k, true);
          expected = p -> p.namesEntry(k);
        }
        case SWAP -> {
          long i = Math.min(k, other);
          long j = Math.max(k, other);
          if (i == j) {
            return; // nothing to swap
          }
          Tamper.swap(c, i, j);
          expected = p -> p.namesEntry(i);
          also = p -> p.namesEntry(j);
        }
        case INSERT_RENUMBER -> {
          Tamper.insert(c, k, batchOf(k, bs), LedgerFixtures.doc(10_000 + (int) k), true);
          expected = p -> p.namesEntry(k) && p.message().contains("doc:" + (10_000 + k));
        }
        case INSERT_APPEND_LAST_BATCH -> {
          Tamper.insert(c, n + 1, batches, LedgerFixtures.doc(10_000), false);
          expected = p -> p.namesEntry(n + 1);
        }
        case INSERT_APPEND_NEW_BATCH -> {
          Tamper.insert(c, n + 1, batches + 1, LedgerFixtures.doc(10_000), false);
          expected = p -> p.namesEntry(n + 1);
        }
        case CHANGE_ROOT -> {
          Tamper.setManifestField(c, b, "merkleRoot", Sha256.ofText("forged root " + choice).hex());
          expected = p -> p.namesBatch(b);
        }
        case RESIGN -> {
          long victim = firstSeq(claimBatch, bs) + Math.floorMod(choice / 3, entriesIn(claimBatch, n, bs));
          Tamper.editSource(c, victim, true);
          Tamper.resign(c, claimBatch, ATTACKER, (choice & 1) == 0);
          expected = p -> p.namesBatch(claimBatch);
        }
        case TRUNCATE_BATCH -> {
          int size = entriesIn(claimBatch, n, bs);
          int cut = 1 + (int) Math.floorMod(choice / 3, size);
          Tamper.truncateBatch(c, claimBatch, cut);
          long lastOfBatch = firstSeq(claimBatch, bs) + size - 1;
          expected = p -> p.namesEntry(lastOfBatch) && p.namesBatch(claimBatch);
        }
        case UNSIGN -> {
          Tamper.unsign(c, b);
          expected = p -> p.namesBatch(b) && p.message().contains("not signed");
        }
        case REWRITE_CHAIN -> {
          Tamper.rewriteChain(c, k);
          expected = p -> p.namesBatch(batchOf(k, bs));
        }
        case DROP_LAST_BATCH -> {
          long dropped = Tamper.dropLastBatch(c);
          options = VerifyOptions.DEFAULT.withTrustedHead(HEADS.get(n + "x" + bs));
          expected = p -> p.namesBatch(dropped);
        }
        default -> throw new IllegalStateException();
      }
    }
    VerificationReport r = verify(f, options);
    boolean named = r.problems().stream().anyMatch(expected) && r.problems().stream().anyMatch(also);
    if (r.ok() || !named) {
      throw new AssertionError(kind + " on " + n + " claims in batches of " + bs + " (choice " + choice
          + ") was not reported as expected:\n  " + String.join("\n  ", r.lines()));
    }
  }

  private static long batchOf(long seq, int bs) {
    return (seq - 1) / bs + 1;
  }

  private static long firstSeq(long batch, int bs) {
    return (batch - 1) * bs + 1;
  }

  private static int entriesIn(long batch, int n, int bs) {
    return (int) Math.min(bs, n - firstSeq(batch, bs) + 1);
  }
}
