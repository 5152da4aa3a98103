package org.tailguard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes must not write one store; readers may read while a writer runs. */
class StoreLockTest {
  @TempDir
  Path dir;

  @Test
  void openForWriting_failsWhileAnotherProcessWrites() throws Exception {
    Path db = dir.resolve("tailguard.db");
    String runId;
    try (ChildStore child = new ChildStore(dir.resolve("child.log"), "hold", db.toString())) {
      runId = child.await("READY ").substring("READY ".length());

      StoreException e = assertThrows(StoreException.class, () -> RunStore.openForWriting(db).close());
      assertTrue(e.getMessage().startsWith(db + ": another Tailguard process is writing this store"), e.getMessage());
      assertTrue(e.getMessage().contains("pid " + child.pid()), e.getMessage());
      assertTrue(e.getMessage().contains(db + ".lock"), e.getMessage());

      // WAL: a reader sees the writer's committed generations while the writer keeps the store open.
      try (RunStore ro = RunStore.openReadOnly(db)) {
        Run run = ro.find(runId);
        assertEquals(2, run.lastGeneration());
        assertEquals(RunStatus.RUNNING, run.status());
        assertEquals(3 * StoreWriterMain.INDICATORS.size(), ro.summaries(runId).size());
      }
      assertEquals(0, child.finish());
    }
    // The child closed the store: the lock is free again.
    try (RunStore store = RunStore.openForWriting(db)) {
      assertEquals(2, store.find(runId).lastGeneration());
    }
  }

  @Test
  void openForWriting_failsTwiceInOneProcess() {
    Path db = dir.resolve("tailguard.db");
    try (RunStore store = RunStore.openForWriting(db)) {
      StoreException e = assertThrows(StoreException.class, () -> RunStore.openForWriting(db).close());
      assertTrue(e.getMessage().contains("already open for writing in this process"), e.getMessage());
      assertTrue(store.listRuns().isEmpty());
    }
    RunStore.openForWriting(db).close();
  }
}
