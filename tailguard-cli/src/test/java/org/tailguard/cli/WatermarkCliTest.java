package org.tailguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tailguard watermark embed|detect|radioactivity} end to end. */
class WatermarkCliTest {
  /** A small bundled split (Brown news, training part), so each command's model trains in a moment. */
  private static final String TRAIN = "brown:train:news";

  /** The p-value column of detect's output rows (after the header). */
  private static List<Double> pValues(String out) {
    return out.lines().skip(1).map(l -> Double.parseDouble(l.split("\t")[5])).toList();
  }

  @Test
  void embedThenDetect_flagsWithTheKeyOnly(@TempDir Path dir) throws Exception {
    CliTest.Result e = CliTest.cli("watermark", "embed", "--scheme", "kgw", "--key", "test key", "--n", "3", "--words", "150",
        "--seed", "5", "--train", TRAIN);
    assertEquals(0, e.status(), e.err());
    assertEquals(3, e.out().lines().count(), e.out());
    assertTrue(e.out().contains("\"scheme\":\"kgw\""), e.out());
    // same seed, same documents
    assertEquals(e.out(), CliTest.cli("watermark", "embed", "--scheme", "kgw", "--key", "test key", "--n", "3", "--words",
        "150", "--seed", "5", "--train", TRAIN).out());
    Path docs = Files.writeString(dir.resolve("wm.jsonl"), e.out());
    CliTest.Result d = CliTest.cli("watermark", "detect", docs.toString(), "--key", "test key", "--window", "--html",
        dir.resolve("html").toString(), "--train", TRAIN);
    assertEquals(0, d.status(), d.err());
    assertTrue(d.out().startsWith("line\twords\tscored"), d.out());
    List<Double> p = pValues(d.out());
    assertEquals(3, p.size(), d.out());
    assertTrue(p.stream().allMatch(x -> x <= 1e-4), d.out());
    assertTrue(d.out().lines().skip(1).allMatch(l -> l.contains("\tyes\t")), d.out());
    assertTrue(Files.readString(dir.resolve("html/doc-1.html")).contains("Watermarked at false-positive rate"));
    // another key sees no watermark at 1e-4
    CliTest.Result other = CliTest.cli("watermark", "detect", docs.toString(), "--key", "another key", "--train", TRAIN);
    assertEquals(0, other.status(), other.err());
    assertTrue(pValues(other.out()).stream().allMatch(x -> x > 1e-4), other.out());
  }

  @Test
  void embedText_synthidDetectedFromPlainLines(@TempDir Path dir) throws Exception {
    String key = "ab".repeat(32);
    CliTest.Result e = CliTest.cli("watermark", "embed", "--scheme", "synthid", "--key-hex", key, "--n", "2", "--words", "100",
        "--format", "text", "--train", TRAIN);
    assertEquals(0, e.status(), e.err());
    Path docs = Files.writeString(dir.resolve("wm.txt"), e.out());
    CliTest.Result d = CliTest.cli("watermark", "detect", docs.toString(), "--scheme", "synthid", "--key-hex", key, "--train", TRAIN);
    assertEquals(0, d.status(), d.err());
    assertTrue(pValues(d.out()).stream().allMatch(x -> x <= 1e-4), d.out());
  }

  @Test
  void detect_readsStandardInput() {
    java.io.InputStream stdin = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream("a plain line of human words\n\nand another one here\n"
          .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      CliTest.Result r = CliTest.cli("watermark", "detect", "-", "--key", "k", "--train", TRAIN);
      assertEquals(0, r.status(), r.err());
      assertEquals(2, pValues(r.out()).size(), r.out());
      assertTrue(r.out().lines().skip(2).findFirst().orElseThrow().startsWith("3\t"), "line numbers: " + r.out());
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void badInput_exitsTwoWithFileAndLine(@TempDir Path dir) throws Exception {
    Path in = Files.writeString(dir.resolve("bad.jsonl"), "{\"text\": \"fine words here\"}\n{oops\n");
    CliTest.Result r = CliTest.cli("watermark", "detect", in.toString(), "--key", "k", "--train", TRAIN);
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains(in + ":2: invalid JSON"), r.err());
    assertEquals(1, pValues(r.out()).size(), r.out());
    CliTest.Result noKey = CliTest.cli("watermark", "embed", "--n", "1");
    assertEquals(2, noKey.status());
    assertTrue(noKey.err().contains("--key"), noKey.err());
    CliTest.Result badScheme = CliTest.cli("watermark", "embed", "--n", "1", "--key", "k", "--scheme", "kgb");
    assertEquals(2, badScheme.status());
    assertTrue(badScheme.err().contains("--scheme"), badScheme.err());
  }

  @Test
  void radioactivityQuick_printsThePValueTable() {
    CliTest.Result r = CliTest.cli("watermark", "radioactivity", "--quick", "--scheme", "kgw-lefthash", "--seed", "7",
        "--corpus", TRAIN);
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("| share ρ |") && r.out().contains("| 0% |") && r.out().contains("| 20% |"), r.out());
    assertTrue(r.out().contains("p < 1e-5 from share"), r.out());
  }

  @Test
  void bench_reportsEveryScheme() {
    CliTest.Result r = CliTest.cli("watermark", "bench", "--train", TRAIN, "--documents", "2", "--words", "30", "--repeats",
        "1", "--threads", "2");
    assertEquals(0, r.status(), r.err());
    for (String s : List.of("| kgw |", "| unigram |", "| exp |", "| synthid |", "ns per context seed")) {
      assertTrue(r.out().contains(s), s + ":\n" + r.out());
    }
  }
}
