package org.tailguard.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.spec.SpecException;
import org.tailguard.text.corpus.OnBadInput;

/** The monitor's public API without a human reference: ingest paths, defaults, errors, reopening, deletion. */
class MonitorApiTest {
  @TempDir Path dir;

  static MonitorConfig config() {
    return MonitorConfig.defaults().withReference(MonitorConfig.NONE, MonitorConfig.NONE)
        .withDurability(MonitorConfig.Durability.NORMAL);
  }

  static ByteArrayInputStream jsonl(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void ingest_defaultsFillMissingModelAndVersion() {
    try (Monitor m = Monitor.open(dir.resolve("m.db"), config())) {
      IngestResult r = m.ingest(jsonl("{\"response\":\"a b c\"}\n{\"response\":\"d e\",\"version\":\"v1\"}\n"),
          IngestOptions.of("x.jsonl"), "mod", "v1");
      assertEquals(2, r.accepted());
      assertEquals(List.of("mod/v1"), r.versions());
      m.flush();
      assertEquals(2, m.version("mod", "v1").records());
      assertEquals(5, m.version("mod", "v1").tokens());
    }
  }

  @Test
  void ingest_badLine_namesFileAndLine() {
    try (Monitor m = Monitor.open(dir.resolve("m.db"), config())) {
      SpecException e = assertThrows(SpecException.class, () -> m.ingest(
          jsonl("{\"model\":\"a\",\"version\":\"1\",\"response\":\"x\"}\n\n{\"model\":\"a\",\"version\":\"1\"}\n"),
          IngestOptions.of("x.jsonl")));
      assertTrue(e.getMessage().startsWith("x.jsonl:3: field \"response\": missing"), e.getMessage());
      SpecException conflict = assertThrows(SpecException.class, () -> m.ingest(
          jsonl("{\"model\":\"b\",\"version\":\"1\",\"response\":\"x\"}\n"), IngestOptions.of("y.jsonl"), "a", null));
      assertTrue(conflict.getMessage().startsWith("y.jsonl:1: field \"model\""), conflict.getMessage());
      IngestResult skipped = m.ingest(jsonl("{\"model\":\"a\",\"version\":\"1\",\"response\":\"x\"}\nnot json\n"),
          IngestOptions.of("z.jsonl").withOnBadInput(OnBadInput.SKIP));
      assertEquals(1, skipped.accepted());
      assertEquals(1, skipped.skipped());
      assertTrue(skipped.errors().get(0).startsWith("z.jsonl:2: malformed JSON"), skipped.errors().toString());
    }
  }

  @Test
  void smallBatches_acknowledgedThroughTheInbox_survivePlainReopen() {
    Path db = dir.resolve("m.db");
    try (Monitor m = Monitor.open(db, config())) {
      for (int i = 0; i < 30; i++) {
        m.ingest(List.of(ResponseRecord.of("m", "v0", "response number " + i), ResponseRecord.of("m", "v1", "other " + i)));
      }
      VersionInfo v0 = m.version("m", "v0");
      assertEquals(30, v0.acknowledged());
    }
    try (Monitor m = Monitor.open(db)) {
      assertEquals(30, m.version("m", "v0").records(), "folded at close");
      assertEquals(60, m.committed()[1]);
      assertEquals(List.of("v0", "v1"), m.versions("m").stream().map(VersionInfo::version).toList());
    }
  }

  @Test
  void deleteModel_removesEverything_andTheNameCanBeReused() {
    try (Monitor m = Monitor.open(dir.resolve("m.db"), config())) {
      m.ingest(List.of(ResponseRecord.of("gone", "v0", "a b c"), ResponseRecord.of("kept", "v0", "d e f")));
      m.ingest(List.of(ResponseRecord.of("gone", "v1", "pending in the inbox")));
      assertTrue(m.deleteModel("gone"));
      assertFalse(m.deleteModel("gone"));
      assertEquals(List.of("kept"), m.models());
      assertThrows(SpecException.class, () -> m.versions("gone"));
      m.ingest(List.of(ResponseRecord.of("gone", "w", "again")));
      m.flush();
      assertEquals(1, m.version("gone", "w").records());
      assertEquals(0, m.version("gone", "w").ordinal());
    }
  }

  @Test
  void sinks_hearNewWarningsOnce() {
    List<Warning> heard = new java.util.ArrayList<>();
    try (Monitor m = Monitor.open(dir.resolve("m.db"), config())) {
      m.addSink(heard::add);
      m.setPolicy(WarningPolicy.defaults().withMinRecords(10).withRules(List.of(
          new WarningPolicy.Threshold("dup-up", MonitorIndicator.SAMPLE_DUPLICATE_RATE.id(), 0.5))));
      List<ResponseRecord> a = new java.util.ArrayList<>();
      List<ResponseRecord> b = new java.util.ArrayList<>();
      for (int i = 0; i < 50; i++) {
        a.add(ResponseRecord.of("m", "v0", "answer " + (i % 40))); // duplicate rate 10/50
        b.add(ResponseRecord.of("m", "v1", "the same answer" + (i % 2 == 0 ? "" : " " + i))); // 24/50
      }
      m.ingest(a);
      m.ingest(b);
      List<Warning> first = m.evaluate("m");
      List<Warning> again = m.evaluate("m");
      assertEquals(1, first.size(), first.toString());
      assertEquals(first.size(), again.size());
      assertEquals(1, heard.size(), "a sink hears a warning once, not on every evaluation");
      assertEquals("dup-up", heard.get(0).rule());
    }
  }
}
