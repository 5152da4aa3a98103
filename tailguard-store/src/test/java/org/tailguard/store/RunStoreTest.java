package org.tailguard.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.metrics.Summary;
import org.tailguard.models.Indicator;
import org.tailguard.sim.GenerationSink;
import org.tailguard.sim.MemorySink;
import org.tailguard.spec.ExperimentSpec;

class RunStoreTest {
  @TempDir
  Path dir;

  /** A clock that the test moves forward by hand. */
  static final class Clock implements InstantSource {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T01:03:00Z"));

    @Override
    public Instant instant() {
      return now.get();
    }

    void advance(Duration d) {
      now.set(now.get().plus(d));
    }
  }

  private Path db() {
    return dir.resolve("data").resolve("tailguard.db");
  }

  @Test
  void createRun_recordsSpecProvenanceAndHumanId() {
    Clock clock = new Clock();
    ExperimentSpec spec = StoreFixtures.gaussian("gauss-replace", 7, 4, 3);
    try (RunStore store = RunStore.openForWriting(db(), clock)) {
      Run run = store.createRun(spec, StoreFixtures.LOADER, StoreFixtures.provenance());
      String sha = StoreFixtures.LOADER.sha256(spec);
      assertEquals("20261122-0103-gaussian-replace-" + sha.substring(0, 4), run.id());
      assertEquals(RunStatus.RUNNING, run.status());
      assertEquals("gauss-replace", run.name());
      assertEquals("Shumailov et al., Nature 2024, Fig. 2", run.reproduces());
      assertEquals(sha, run.specSha256());
      assertEquals(StoreFixtures.LOADER.toCanonicalJson(spec), run.specJson());
      assertEquals(spec, run.spec(StoreFixtures.LOADER));
      assertTrue(run.specYaml().contains("type: replace"), run.specYaml());
      assertEquals(7, run.seed());
      assertEquals(4, run.chains());
      assertEquals(3, run.generations());
      assertEquals(-1, run.lastGeneration());
      assertEquals(clock.instant(), run.created());
      assertEquals(StoreFixtures.provenance(), run.provenance());
      assertEquals(1, run.provenance().threads());

      Run again = store.createRun(spec, StoreFixtures.LOADER, StoreFixtures.provenance());
      assertEquals(run.id() + "-2", again.id());
    }
  }

  @Test
  void sink_storesWhatTheSimulatorDelivers() {
    ExperimentSpec spec = StoreFixtures.gaussian("g", 3, 5, 6);
    MemorySink memory = new MemorySink();
    StoreFixtures.simulate(spec, memory);
    try (RunStore store = RunStore.openForWriting(db())) {
      Run run = StoreFixtures.storedRun(store, spec);
      assertEquals(RunStatus.FINISHED, run.status());
      assertEquals(6, run.lastGeneration());
      List<StoredIndicator> inds = store.indicators(run.id());
      assertEquals(memory.indicators().stream().map(Indicator::name).toList(),
          inds.stream().map(StoredIndicator::name).toList());
      assertTrue(inds.stream().anyMatch(i -> i.name().equals("variance") && i.logScale()));

      for (StoredIndicator ind : inds) {
        ChainValues cv = store.chainValues(run.id(), ind.name());
        assertEquals(7, cv.generations().length);
        assertEquals(5, cv.chains());
        for (int g = 0; g <= 6; g++) {
          assertArrayEquals(memory.values(ind.name(), g), cv.values()[g], 0.0, ind.name() + " g" + g);
        }
      }
      List<SummaryRow> rows = store.summaries(run.id());
      assertEquals(7 * inds.size(), rows.size());
      for (SummaryRow r : rows) {
        assertEquals(memory.summary(r.indicator(), r.generation()), r.summary());
      }
    }
  }

  @Test
  void sink_storesNaNAndInfinityFaithfully() {
    ExperimentSpec spec = StoreFixtures.gaussian("g", 1, 3, 0);
    try (RunStore store = RunStore.openForWriting(db())) {
      Run run = store.createRun(spec, StoreFixtures.LOADER, StoreFixtures.provenance());
      GenerationSink sink = store.sink(run.id());
      sink.start(List.of(Indicator.of("kl", "KL divergence")), -1);
      double[][] v = {{Double.NaN}, {Double.POSITIVE_INFINITY}, {-0.5}};
      sink.generation(0, v);
      assertArrayEquals(new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.5},
          store.chainValues(run.id(), "kl").values()[0], 0.0);
      Summary s = store.summaries(run.id()).getFirst().summary();
      assertEquals(Summary.of(new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.5}), s);
      assertEquals(1, s.nan());
    }
  }

  @Test
  void sink_resumeDeletesLaterGenerationsAndReplaysIdentically() {
    ExperimentSpec spec = StoreFixtures.gaussian("g", 11, 4, 5);
    MemorySink memory = new MemorySink();
    StoreFixtures.simulate(spec, memory);
    try (RunStore store = RunStore.openForWriting(db())) {
      Run run = store.createRun(spec, StoreFixtures.LOADER, StoreFixtures.provenance());
      GenerationSink sink = store.sink(run.id());
      sink.start(memory.indicators(), -1);
      for (int g = 0; g <= 4; g++) {
        sink.generation(g, rows(memory, g));
      }
      store.markInterrupted(run.id(), "Ctrl-C");
      assertEquals(RunStatus.INTERRUPTED, store.find(run.id()).status());
      assertEquals(run.id(), store.findResumable(run.specSha256()).orElseThrow().id());

      // The checkpoint was written after generation 2: generations 3 and 4 are re-delivered.
      GenerationSink resumed = store.sink(run.id());
      resumed.start(memory.indicators(), 2);
      Run mid = store.find(run.id());
      assertEquals(2, mid.lastGeneration());
      assertEquals(RunStatus.RUNNING, mid.status());
      assertNull(mid.message());
      assertEquals(3, store.chainValues(run.id(), "variance").generations().length);
      assertEquals(3 * memory.indicators().size(), store.summaries(run.id()).size());
      for (int g = 3; g <= 5; g++) {
        resumed.generation(g, rows(memory, g));
      }
      store.markFinished(run.id());
      assertTrue(store.findResumable(run.specSha256()).isEmpty());
      for (int g = 0; g <= 5; g++) {
        assertArrayEquals(memory.values("w2", g), store.chainValues(run.id(), "w2").values()[g], 0.0);
      }
    }
  }

  @Test
  void sink_refusesResumeBeyondStoredGenerations() {
    ExperimentSpec spec = StoreFixtures.gaussian("g", 11, 2, 5);
    MemorySink memory = new MemorySink();
    StoreFixtures.simulate(spec, memory);
    try (RunStore store = RunStore.openForWriting(db())) {
      Run run = store.createRun(spec, StoreFixtures.LOADER, StoreFixtures.provenance());
      GenerationSink sink = store.sink(run.id());
      sink.start(memory.indicators(), -1);
      sink.generation(0, rows(memory, 0));
      StoreException e = assertThrows(StoreException.class, () -> store.sink(run.id()).start(memory.indicators(), 3));
      assertTrue(e.getMessage().contains("stores generations up to 0 but its checkpoint resumes after generation 3"),
          e.getMessage());
      StoreException other = assertThrows(StoreException.class,
          () -> store.sink(run.id()).start(List.of(Indicator.of("x", "x")), 0));
      assertTrue(other.getMessage().contains("recorded indicators"), other.getMessage());
      // Out-of-order delivery is a programming error.
      assertThrows(IllegalStateException.class, () -> sink.generation(2, rows(memory, 2)));
      assertThrows(IllegalArgumentException.class, () -> sink.generation(1, new double[1][3]));
      assertEquals(0, store.find(run.id()).lastGeneration());
      assertThrows(StoreException.class, () -> store.markFinished(run.id()));
    }
  }

  @Test
  void sink_summariesOnlyKeepsNoChainRows() {
    ExperimentSpec spec = StoreFixtures.gaussian("g", 2, 6, 2);
    try (RunStore store = RunStore.openForWriting(db())) {
      Run run = store.createRun(spec, StoreFixtures.LOADER, StoreFixtures.provenance());
      StoreFixtures.simulate(spec, store.sink(run.id(), RunStore.Detail.SUMMARIES_ONLY));
      Run done = store.markFinished(run.id());
      assertFalse(done.perChain());
      assertEquals(3 * store.indicators(run.id()).size(), store.summaries(run.id()).size());
      StoreException e = assertThrows(StoreException.class, () -> store.chainValues(run.id(), "variance"));
      assertTrue(e.getMessage().contains("summaries only"), e.getMessage());
    }
  }

  @Test
  void find_acceptsUniquePrefixAndNamesAmbiguity() {
    Clock clock = new Clock();
    try (RunStore store = RunStore.openForWriting(db(), clock)) {
      Run a = store.createRun(StoreFixtures.gaussian("a", 1, 2, 1), StoreFixtures.LOADER, StoreFixtures.provenance());
      clock.advance(Duration.ofMinutes(2));
      Run b = store.createRun(StoreFixtures.gaussian("b", 2, 2, 1), StoreFixtures.LOADER, StoreFixtures.provenance());
      assertEquals(List.of(b.id(), a.id()), store.listRuns().stream().map(Run::id).toList());
      assertEquals(b.id(), store.latest().orElseThrow().id());
      assertEquals(a.id(), store.find("20261122-0103").id());
      assertEquals(b.id(), store.find(b.id()).id());
      StoreException ambiguous = assertThrows(StoreException.class, () -> store.find("20261122"));
      assertTrue(ambiguous.getMessage().contains("ambiguous") && ambiguous.getMessage().contains(a.id())
          && ambiguous.getMessage().contains(b.id()), ambiguous.getMessage());
      StoreException missing = assertThrows(StoreException.class, () -> store.find("1999"));
      assertTrue(missing.getMessage().startsWith(db() + ": no run with id or prefix '1999'"), missing.getMessage());
      // '_' must not act as a wildcard.
      assertThrows(StoreException.class, () -> store.find("2026112_"));
      store.delete(a.id());
      assertEquals(List.of(b.id()), store.listRuns().stream().map(Run::id).toList());
    }
  }

  @Test
  void delete_removesEveryRowOfTheRun() throws Exception {
    ExperimentSpec spec = StoreFixtures.gaussian("g", 2, 3, 2);
    try (RunStore store = RunStore.openForWriting(db())) {
      Run keep = StoreFixtures.storedRun(store, spec);
      Run drop = StoreFixtures.storedRun(store, spec.withSeed(9));
      Path ckpt = store.checkpointFile(drop.id());
      assertEquals(db().toAbsolutePath().resolveSibling("checkpoints").resolve(drop.id() + ".ckpt"), ckpt);
      java.nio.file.Files.createDirectories(ckpt.getParent());
      java.nio.file.Files.writeString(ckpt, "x");
      store.delete(drop.id());
      assertFalse(java.nio.file.Files.exists(ckpt));
      assertThrows(StoreException.class, () -> store.find(drop.id()));
      assertEquals(3 * store.indicators(keep.id()).size(), store.summaries(keep.id()).size());
      assertEquals(List.of("ok"), store.integrityCheck());
    }
  }

  @Test
  void markFailed_keepsOneLineReason() {
    try (RunStore store = RunStore.openForWriting(db())) {
      Run run = store.createRun(StoreFixtures.gaussian("g", 1, 2, 1), StoreFixtures.LOADER, StoreFixtures.provenance());
      Run failed = store.markFailed(run.id(), "boom\n\tat somewhere");
      assertEquals(RunStatus.FAILED, failed.status());
      assertEquals("boom", failed.message());
      assertEquals(run.id(), store.findResumable(run.specSha256()).orElseThrow().id());
    }
  }

  @Test
  void readOnly_seesRunsAndRefusesWrites() {
    ExperimentSpec spec = StoreFixtures.gaussian("g", 2, 3, 2);
    Run run;
    try (RunStore store = RunStore.openForWriting(db())) {
      run = StoreFixtures.storedRun(store, spec);
    }
    try (RunStore ro = RunStore.openReadOnly(db())) {
      assertTrue(ro.readOnly());
      assertEquals(run, ro.find(run.id()));
      assertEquals(run.id(), ro.listRuns().getFirst().id());
      StoreException e = assertThrows(StoreException.class, () -> ro.markFailed(run.id(), "x"));
      assertTrue(e.getMessage().contains("read-only"), e.getMessage());
      assertThrows(StoreException.class, () -> ro.createRun(spec, StoreFixtures.LOADER, StoreFixtures.provenance()));
    }
  }

  private static double[][] rows(MemorySink memory, int g) {
    List<Indicator> inds = memory.indicators();
    int chains = memory.values(inds.getFirst().name(), g).length;
    double[][] out = new double[chains][inds.size()];
    for (int i = 0; i < inds.size(); i++) {
      double[] v = memory.values(inds.get(i).name(), g);
      for (int c = 0; c < chains; c++) {
        out[c][i] = v[c];
      }
    }
    return out;
  }
}
