package org.tailguard.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Appends 100,000 document claims in batches of 1,000 (each batch one transaction with a Merkle root and an
 * Ed25519 signature), then verifies the whole ledger, and prints wall and CPU time for both. The claims are
 * produced lazily, as a pipeline would stream them.
 */
class LedgerThroughputTest {
  private static final int N = 100_000;
  private static final int BATCH = Ledger.DEFAULT_BATCH_SIZE;

  @TempDir
  Path dir;

  @Test
  void append100k_thenVerify_takeSeconds() throws Exception {
    Path f = dir.resolve("ledger.db");
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    try (Ledger l = Ledger.init(f, LedgerFixtures.KEYS, LedgerFixtures.CLOCK)) {
      Iterator<Claim> claims = new Iterator<>() {
        int i = 0;

        @Override
        public boolean hasNext() {
          return i < N;
        }

        @Override
        public Claim next() {
          i++;
          return i % 3 == 0 ? LedgerFixtures.synthetic(i, "model:m" + i % 7) : LedgerFixtures.doc(i);
        }
      };
      long t0 = System.nanoTime();
      long c0 = mx.getCurrentThreadCpuTime();
      l.appendAll(claims, BATCH);
      double appendWall = (System.nanoTime() - t0) / 1e9;
      double appendCpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;

      t0 = System.nanoTime();
      c0 = mx.getCurrentThreadCpuTime();
      VerificationReport r = l.verify(VerifyOptions.DEFAULT);
      double verifyWall = (System.nanoTime() - t0) / 1e9;
      double verifyCpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;

      System.out.printf("ledger throughput: appended %,d claims in %d batches in %.2f s wall, %.2f s CPU "
              + "(%,.0f claims/s wall); file %.1f MB%n", N, N / BATCH, appendWall, appendCpu, N / appendWall,
          Files.size(f) / 1e6);
      System.out.printf("ledger throughput: verified %,d entries and %d signatures in %.2f s wall, %.2f s CPU "
          + "(%,.0f entries/s wall)%n", r.entries(), r.batches(), verifyWall, verifyCpu, r.entries() / verifyWall);
      assertTrue(r.ok(), String.join("\n", r.lines()));
      assertEquals(N + 1, r.entries());
      assertEquals(N / BATCH + 1, r.batches());
      // "Seconds" on a quiet machine; the bound leaves room for the shared 2-core box.
      assertTrue(appendWall < 60, "append took " + appendWall + " s");
      assertTrue(verifyWall < 60, "verify took " + verifyWall + " s");
    }
  }
}
