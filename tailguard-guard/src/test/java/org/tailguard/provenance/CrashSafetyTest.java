package org.tailguard.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed with SIGKILL leaves a ledger that verifies and holds whole batches only: each batch (entries,
 * index rows, manifest, signature) is one SQLite transaction.
 *
 * <p>First the child is killed while it waits inside a batch's transaction, half of the batch's entries
 * inserted; then, twice, at arbitrary moments while it appends batches back to back (most of its time is spent
 * inside a transaction, some in the commit itself). Each time the ledger must verify, contain no entry of an
 * unfinished batch, and accept further appends.
 */
class CrashSafetyTest {
  private static final int BATCH = 400;

  @TempDir
  Path dir;

  @Test
  void killedWriter_leavesWholeBatchesThatVerify() throws Exception {
    Path ledger = dir.resolve("ledger.db");
    Path keyFile = dir.resolve("ledger.key");
    Ledger.init(ledger, keyFile, KeyAlgorithm.ED25519).close();

    // Killed mid-batch, deterministically: the child waits inside batch 4's transaction.
    try (Child child = new Child(dir.resolve("child0.log"), ledger, keyFile, "pause")) {
      child.await("BATCH 3");
      child.await("MID 4");
      child.kill();
    }
    assertWhole(ledger, keyFile, 3);

    // Killed at arbitrary moments while appending flat out.
    long[] delaysMs = {0, 37};
    for (int k = 0; k < delaysMs.length; k++) {
      long before = batches(ledger);
      try (Child child = new Child(dir.resolve("child" + (k + 1) + ".log"), ledger, keyFile, "run")) {
        child.await("BATCH " + (before + 2));
        Thread.sleep(delaysMs[k]);
        child.kill();
      }
      assertTrue(batches(ledger) >= before + 2);
      assertWhole(ledger, keyFile, -1);
    }
  }

  /** The ledger verifies, every batch is complete (and, if given, exactly {@code lastBatch} claim batches). */
  private static void assertWhole(Path ledger, Path keyFile, long lastBatch) throws Exception {
    try (Ledger l = Ledger.openReadOnly(ledger)) {
      VerificationReport r = l.verify(VerifyOptions.DEFAULT.withTrustedKey(LedgerKeys.loadPublic(keyFile)));
      assertTrue(r.ok(), String.join("\n", r.lines()));
      if (lastBatch >= 0) {
        assertEquals(lastBatch, l.head().batch());
      }
      assertEquals(1 + l.head().batch() * BATCH, l.info().entries(), "only whole batches");
    }
    try (Connection c = LedgerFixtures.raw(ledger); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM entries WHERE batch NOT IN (SELECT batch FROM batches)")) {
      rs.next();
      assertEquals(0, rs.getLong(1), "entries of a batch without a manifest");
    }
    // The writer's lock died with it: appending works again.
    try (Ledger l = Ledger.openForWriting(ledger, keyFile)) {
      l.append(LedgerFixtures.docs(1, BATCH));
      assertTrue(l.verify(VerifyOptions.DEFAULT).ok());
    }
  }

  private static long batches(Path ledger) {
    try (Ledger l = Ledger.openReadOnly(ledger)) {
      return l.head().batch();
    }
  }

  /** {@link LedgerWriterMain} in a second JVM; sqlite-jdbc unpacks its native library next to the log. */
  private static final class Child implements AutoCloseable {
    final Process process;
    final BufferedReader out;

    Child(Path log, Path ledger, Path keyFile, String mode) throws IOException {
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx128m", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
          "-Dorg.sqlite.tmpdir=" + log.toAbsolutePath().getParent(),
          "-cp", System.getProperty("java.class.path"), LedgerWriterMain.class.getName(),
          ledger.toString(), keyFile.toString(), String.valueOf(BATCH), mode));
      process = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
      out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    String await(String prefix) throws IOException {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith(prefix)) {
          return line;
        }
        if (line.startsWith("ERROR")) {
          throw new IllegalStateException("child failed: " + line);
        }
      }
      throw new IllegalStateException("child exited before printing '" + prefix + "'");
    }

    void kill() throws InterruptedException {
      process.destroyForcibly(); // SIGKILL: no shutdown hooks, no rollback by the JVM
      assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    }

    @Override
    public void close() throws InterruptedException {
      if (process.isAlive()) {
        kill();
      }
    }
  }
}
