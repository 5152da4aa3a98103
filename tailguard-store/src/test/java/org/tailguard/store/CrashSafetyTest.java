package org.tailguard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed with SIGKILL in the middle of a run leaves a sound store that holds whole generations
 * only: each generation is one SQLite transaction.
 *
 * <p>The child writes 10,000 chain rows per generation with no pause, so nearly all of its time is spent
 * inside a generation's transaction; it is killed at three different moments after its fifth commit.
 */
class CrashSafetyTest {
  private static final int CHAINS = 2000;

  @TempDir
  Path dir;

  @Test
  void killedWriter_leavesOnlyWholeGenerations() throws Exception {
    Path db = dir.resolve("tailguard.db");
    int[] delaysMs = {0, 7, 23};
    for (int k = 0; k < delaysMs.length; k++) {
      String last;
      try (ChildStore child = new ChildStore(dir.resolve("child" + k + ".log"), "write", db.toString(),
          String.valueOf(CHAINS))) {
        child.await("GEN 2");
        // Reading while another process writes.
        try (RunStore ro = RunStore.openReadOnly(db)) {
          assertTrue(ro.latest().orElseThrow().lastGeneration() >= 2);
        }
        last = child.await("GEN 5");
        Thread.sleep(delaysMs[k]);
        child.process.destroyForcibly();
        assertTrue(child.process.waitFor(30, TimeUnit.SECONDS));
      }
      int printed = Integer.parseInt(last.substring(4));

      // A reader opens the store first (and recovers the WAL), then a writer: the OS freed the lock.
      try (RunStore ro = RunStore.openReadOnly(db)) {
        assertEquals(List.of("ok"), ro.integrityCheck());
        assertEquals(k + 1, ro.listRuns().size());
        for (Run run : ro.listRuns()) {
          assertWhole(db, run);
        }
        assertTrue(ro.listRuns().getFirst().lastGeneration() >= printed);
      }
      try (RunStore rw = RunStore.openForWriting(db)) {
        assertEquals(List.of("ok"), rw.integrityCheck());
        assertEquals(RunStatus.RUNNING, rw.latest().orElseThrow().status());
      }
    }
  }

  /** Every generation up to lastGeneration is complete and none after it exists. */
  private static void assertWhole(Path db, Run run) throws Exception {
    int k = StoreWriterMain.INDICATORS.size();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
         PreparedStatement chains = c.prepareStatement("SELECT m.generation, count(*) FROM chain_metrics m "
             + "JOIN runs r ON r.id = m.run WHERE r.run_id = ? GROUP BY m.generation ORDER BY m.generation");
         PreparedStatement sums = c.prepareStatement("SELECT s.generation, count(*) FROM summaries s "
             + "JOIN runs r ON r.id = s.run WHERE r.run_id = ? GROUP BY s.generation ORDER BY s.generation")) {
      chains.setString(1, run.id());
      sums.setString(1, run.id());
      int g = 0;
      try (ResultSet rs = chains.executeQuery()) {
        for (; rs.next(); g++) {
          assertEquals(g, rs.getInt(1), run.id());
          assertEquals(CHAINS * k, rs.getInt(2), run.id() + " generation " + g);
        }
      }
      assertEquals(run.lastGeneration() + 1, g, run.id());
      g = 0;
      try (ResultSet rs = sums.executeQuery()) {
        for (; rs.next(); g++) {
          assertEquals(g, rs.getInt(1));
          assertEquals(k, rs.getInt(2));
        }
      }
      assertEquals(run.lastGeneration() + 1, g, run.id());
    }
  }
}
