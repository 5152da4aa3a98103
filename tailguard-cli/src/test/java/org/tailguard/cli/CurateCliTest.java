package org.tailguard.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.curate.Doc;
import org.tailguard.curate.DocReader;
import org.tailguard.curate.DocWriter;
import org.tailguard.text.corpus.Document;
import org.tailguard.text.corpus.Split;

/**
 * {@code tailguard curate} end to end: outputs, summary, ledger records, exact
 * quotas; resumption after SIGKILL to the same bytes as an uninterrupted run; bad input (corrupt JSONL and
 * Parquet, a missing key, invalid UTF-8, a tampered or unsigned ledger) exits 2 with one line naming the
 * file and line, and leaves everything written earlier intact.
 */
class CurateCliTest {
  /** 120-word chunks of State of the Union addresses: real prose that passes the quality filters. */
  private static List<String> chunks;

  static synchronized List<String> chunks() {
    if (chunks == null) {
      List<String> c = new ArrayList<>();
      try (Stream<Document> s = Split.parse("sotu:train").documents()) {
        s.forEach(d -> {
          String[] w = d.text().split("\\s+");
          for (int i = 0; i + 120 <= w.length && c.size() < 3000; i += 120) {
            c.add(String.join(" ", java.util.Arrays.copyOfRange(w, i, i + 120)));
          }
        });
      }
      chunks = c;
    }
    return chunks;
  }

  /** Writes {@code n} documents starting at chunk {@code from}, every fifth one a copy of its predecessor. */
  static Path docs(Path file, String prefix, int from, int n) {
    try (DocWriter w = DocWriter.create(file)) {
      for (int i = 0; i < n; i++) {
        int c = from + (i % 5 == 4 ? i - 1 : i);
        w.write(Doc.of(prefix + i, chunks().get(c % chunks().size()), "test"));
      }
      w.commit();
    }
    return file;
  }

  static String spec(String name, List<String> human, List<String> web) {
    StringBuilder b = new StringBuilder("name: " + name + "\nseed: 3\nbudget: {unit: documents, total: 40}\n"
        + "sources:\n  - name: human\n    tier: 1\n    weight: 0.75\n    inputs:\n");
    human.forEach(p -> b.append("      - path: ").append(p).append('\n'));
    b.append("    filters:\n      - type: exact_dedup\n      - type: gopher_quality\n"
        + "  - name: web\n    tier: 3\n    weight: 0.25\n    inputs:\n");
    web.forEach(p -> b.append("      - path: ").append(p).append('\n'));
    b.append("    filters:\n      - type: gopher_repetition\n      - type: near_dedup\n        threshold: 0.8\n");
    return b.toString();
  }

  @Test
  void curate_writesMixtureSummaryExclusionsAndLedger(@TempDir Path dir) throws Exception {
    docs(dir.resolve("h.jsonl"), "h", 0, 60);
    docs(dir.resolve("w.jsonl.gz"), "w", 500, 30);
    Path spec = Files.writeString(dir.resolve("m.yaml"), spec("mini", List.of("h.jsonl"), List.of("w.jsonl.gz")));
    String data = dir.resolve("data").toString();
    CliTest.Result r = CliTest.cli("curate", spec.toString(), "--data-dir", data, "--threads", "2", "--progress",
        "lines");
    assertEquals(0, r.status(), r.err());
    Path out = dir.resolve("data/pipelines/mini");
    assertTrue(r.out().contains("all quotas met exactly"), r.out());
    // 60 human documents with 12 exact copies: exact dedup removes exactly those.
    assertTrue(r.out().lines().anyMatch(l -> l.matches("human\\s+exact_dedup\\s+60\\s+48\\s+12.*")), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.matches("human\\s+1\\s+0\\.75\\s+30\\s+30\\s+30\\s+\\d+\\s+0")), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.matches("web\\s+3\\s+0\\.25\\s+10\\s+10\\s+10\\s+\\d+\\s+0")), r.out());
    assertTrue(r.err().contains("curate human: "), r.err());
    for (String f : List.of("summary.json", "summary.html", "training-set/mixture.json",
        "sources/human/excluded/exact_dedup/0-h.jsonl.jsonl.zst", "sources/web/summary.json")) {
      assertTrue(Files.exists(out.resolve(f)), f);
    }
    assertEquals(30, count(out.resolve("training-set/human.jsonl.zst")));
    assertTrue(Files.readString(out.resolve("summary.html")).contains("<svg"), "score histograms");
    // Every output file is in the ledger, which verifies.
    CliTest.Result v = CliTest.cli("ledger", "verify", dir.resolve("data/ledger.db").toString());
    assertEquals(0, v.status(), v.out() + v.err());
    CliTest.Result lineage = CliTest.cli("ledger", "lineage", dir.resolve("data/ledger.db").toString(),
        "mini/training-set");
    assertEquals(0, lineage.status(), lineage.err());
    assertTrue(lineage.out().contains("mini/human/curated") && lineage.out().contains("mini/web/input-0"),
        lineage.out());
  }

  /** SIGKILL mid-run, then the same command: it resumes and ends with the bytes of an uninterrupted run. */
  @Test
  void killedCurate_resumesToTheSameTrainingSet(@TempDir Path dir) throws Exception {
    List<String> human = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      human.add(docs(dir.resolve("h" + i + ".jsonl"), "h" + i + "-", i * 20, 20).getFileName().toString());
    }
    docs(dir.resolve("w.jsonl"), "w", 100, 30);
    Path spec = Files.writeString(dir.resolve("big.yaml"), spec("big", human, List.of("w.jsonl")));
    Path killed = dir.resolve("killed");
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "curate", spec.toString(), "--out", killed.toString(), "--no-ledger", "--threads", "1", "--progress", "none");
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("child.txt").toFile()).start();
    Path done = killed.resolve("sources/human/done/phase-0");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && child.isAlive() && files(done) < 3) {
      Thread.sleep(10);
    }
    assertTrue(child.isAlive(), "the child finished before it could be killed: "
        + Files.readString(dir.resolve("child.txt")));
    child.destroyForcibly().waitFor();
    assertFalse(Files.exists(killed.resolve("summary.json")));
    CliTest.Result resumed = CliTest.cli("curate", spec.toString(), "--out", killed.toString(), "--no-ledger",
        "--threads", "2", "--progress", "none");
    assertEquals(0, resumed.status(), resumed.err());
    assertTrue(resumed.out().contains("resumed "), resumed.out());
    CliTest.Result clean = CliTest.cli("curate", spec.toString(), "--out", dir.resolve("clean").toString(),
        "--no-ledger", "--threads", "1", "--progress", "none");
    assertEquals(0, clean.status(), clean.err());
    assertEquals(tree(dir.resolve("clean/training-set")).keySet(), tree(killed.resolve("training-set")).keySet());
    tree(dir.resolve("clean/training-set")).forEach((k, bytes) ->
        assertArrayEquals(bytes, tree(killed.resolve("training-set")).get(k), k));
  }

  /** Bad document files, each with where its message must point ({@code :LINE: } or just the file). */
  static Map<String, byte[]> badFiles() {
    String good = "{\"id\": \"a\", \"text\": \"fine\"}\n";
    Map<String, byte[]> bad = new TreeMap<>();
    bad.put("corrupt.jsonl", (good + "{\"id\": \"b\", \"text\": \"unterminated\n").getBytes(StandardCharsets.UTF_8));
    bad.put("nokey.jsonl", (good + good.replace("\"a\"", "\"b\"") + "{\"id\": \"c\", \"body\": \"x\"}\n")
        .getBytes(StandardCharsets.UTF_8));
    byte[] utf = (good + "{\"id\": \"b\", \"text\": \"caf\u00e9\"}\n").getBytes(StandardCharsets.UTF_8);
    utf[utf.length - 4] = (byte) 0x28; // é is C3 A9; C3 28 is a lead byte without its continuation
    bad.put("utf8.jsonl", utf);
    bad.put("corrupt.parquet", "PAR1 this is not a parquet file PAR1".getBytes(StandardCharsets.UTF_8));
    return bad;
  }

  static final Map<String, String> WHERE = Map.of("corrupt.jsonl", ":2: ", "nokey.jsonl", ":3: ", "utf8.jsonl",
      ":2: ", "corrupt.parquet", "");

  @Test
  void badDocuments_exitTwoNamingFileAndLine_andKeepEarlierOutputs(@TempDir Path dir) throws Exception {
    docs(dir.resolve("h.jsonl"), "h", 0, 40);
    docs(dir.resolve("w.jsonl"), "w", 300, 20);
    // A good run first, whose outputs must survive a failed run of a spec with a bad input.
    Path spec = Files.writeString(dir.resolve("m.yaml"), spec("mini", List.of("h.jsonl"), List.of("w.jsonl")));
    Path cur = dir.resolve("cur");
    assertEquals(0, CliTest.cli("curate", spec.toString(), "--out", cur.toString(), "--no-ledger", "--progress",
        "none").status());
    Map<String, byte[]> before = tree(cur);
    for (Map.Entry<String, byte[]> e : badFiles().entrySet()) {
      Path f = Files.write(dir.resolve(e.getKey()), e.getValue());
      Path badSpec = Files.writeString(dir.resolve("bad.yaml"), spec("mini2", List.of("h.jsonl"),
          List.of("w.jsonl", e.getKey())));
      Path cur2 = dir.resolve("cur-" + e.getKey());
      CliTest.Result c = CliTest.cli("curate", badSpec.toString(), "--out", cur2.toString(), "--no-ledger",
          "--progress", "none");
      assertEquals(2, c.status(), e.getKey() + ": " + c.out() + c.err());
      assertEquals(1, c.err().strip().lines().count(), c.err());
      assertTrue(c.err().startsWith("tailguard: " + f + WHERE.get(e.getKey())), c.err());
      // The failed run left no partial files behind, and the human source finished before the failure.
      try (Stream<Path> s = Files.walk(cur2)) {
        assertTrue(s.noneMatch(p -> p.toString().endsWith(".tmp")), "no partial files");
      }
      assertTrue(Files.exists(cur2.resolve("sources/human/summary.json")));
    }
    Map<String, byte[]> after = tree(cur);
    assertEquals(before.keySet(), after.keySet());
    before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k));
  }

  @Test
  void tamperedOrUnsignedLedger_refusedBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
    docs(dir.resolve("h.jsonl"), "h", 0, 40);
    docs(dir.resolve("w.jsonl"), "w", 300, 20);
    Path spec = Files.writeString(dir.resolve("m.yaml"), spec("mini", List.of("h.jsonl"), List.of("w.jsonl")));
    Path ledger = dir.resolve("l.db");
    Path key = dir.resolve("k.pem");
    String[] run = {"curate", spec.toString(), "--out", dir.resolve("a").toString(), "--ledger", ledger.toString(),
        "--key", key.toString(), "--progress", "none"};
    assertEquals(0, CliTest.cli(run).status());

    for (String attack : List.of("UPDATE batches SET signature = NULL WHERE batch = 0",
        "UPDATE entries SET body = CAST(replace(CAST(body AS TEXT), 'mini/human', 'mini/humun') AS BLOB)"
            + " WHERE seq = (SELECT MAX(seq) FROM entries WHERE CAST(body AS TEXT) LIKE '%mini/human%')")) {
      Path copy = Files.copy(ledger, dir.resolve("t.db"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      try (var c = DriverManager.getConnection("jdbc:sqlite:" + copy); var st = c.createStatement()) {
        assertEquals(1, st.executeUpdate(attack), attack);
      }
      byte[] tampered = Files.readAllBytes(copy);
      Path out = dir.resolve("b");
      CliTest.Result r = CliTest.cli("curate", spec.toString(), "--out", out.toString(), "--ledger", copy.toString(),
          "--key", key.toString(), "--progress", "none");
      assertEquals(2, r.status(), r.out() + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().startsWith("tailguard: " + copy + ": refusing to append"), r.err());
      assertTrue(r.err().contains(attack.contains("signature") ? "batch 0" : "entry"), r.err());
      assertArrayEquals(tampered, Files.readAllBytes(copy), "nothing appended");
      assertFalse(Files.exists(out), "nothing written before the ledger check");
    }
  }

  static long count(Path f) {
    long n = 0;
    try (DocReader r = DocReader.open(f, "x")) {
      while (r.hasNext()) {
        r.next();
        n++;
      }
    }
    return n;
  }

  private static long files(Path d) throws java.io.IOException {
    if (!Files.isDirectory(d)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.count();
    }
  }

  static Map<String, byte[]> tree(Path root) {
    Map<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        m.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return m;
  }
}
