package org.tailguard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.spec.ExperimentSpec;

/**
 * Stores written by earlier schema versions must still open. {@code format-v1.db} was written by schema
 * version 1 with {@link #main} ({@code java … org.tailguard.store.StoreFormatTest <file>} on the test class
 * path), then compacted to one 36 KB file with {@code PRAGMA journal_mode = DELETE; VACUUM}. When the
 * schema changes, keep this fixture, add a {@code format-v2.db}, and test both.
 */
class StoreFormatTest {
  @TempDir
  Path dir;

  @Test
  void v1Fixture_opensReadOnlyAndUpgradesForWriting() throws Exception {
    Path db = dir.resolve("tailguard.db");
    try (InputStream in = StoreFormatTest.class.getResourceAsStream("format-v1.db")) {
      assertNotNull(in, "fixture format-v1.db");
      Files.copy(in, db);
    }
    try (RunStore ro = RunStore.openReadOnly(db)) {
      List<Run> runs = ro.listRuns();
      assertEquals(1, runs.size());
      Run run = runs.getFirst();
      assertEquals("20261122-0000-gaussian-replace-" + run.specSha256().substring(0, 4), run.id());
      assertEquals(RunStatus.FINISHED, run.status());
      assertEquals(2, run.lastGeneration());
      assertEquals(fixtureSpec(), run.spec(StoreFixtures.LOADER));
      assertEquals(3 * ro.indicators(run.id()).size(), ro.summaries(run.id()).size());
      ChainValues v = ro.chainValues(run.id(), "variance");
      assertEquals(3, v.generations().length);
      for (double[] g : v.values()) {
        for (double x : g) {
          assertTrue(x > 0 && Double.isFinite(x));
        }
      }
      assertEquals(List.of("ok"), ro.integrityCheck());
    }
    try (RunStore rw = RunStore.openForWriting(db)) {
      Run more = StoreFixtures.storedRun(rw, fixtureSpec().withSeed(2));
      assertEquals(2, rw.listRuns().size());
      assertEquals(RunStatus.FINISHED, more.status());
    }
  }

  private static ExperimentSpec fixtureSpec() {
    return StoreFixtures.gaussian("format-v1", 1, 3, 2);
  }

  /** Writes the fixture of the current schema version. */
  public static void main(String[] args) {
    Path out = Path.of(args[0]);
    InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-22T00:00:00Z"));
    try (RunStore store = RunStore.openForWriting(out, clock)) {
      StoreFixtures.storedRun(store, fixtureSpec());
    }
  }
}
