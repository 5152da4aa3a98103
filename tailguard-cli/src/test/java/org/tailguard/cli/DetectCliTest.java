package org.tailguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tailguard detect eval --quick} end to end (once for the class: it trains and calibrates the model
 * the other tests score with), then {@code tailguard detect FILE} on JSONL and plain-text lines, and its
 * one-line {@code file:line} errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DetectCliTest {
  private Path dir;
  private String data;
  private CliTest.Result eval;

  @BeforeAll
  void evalQuick(@TempDir Path tmp) {
    dir = tmp;
    data = dir.resolve("data").toString();
    eval = CliTest.cli("detect", "eval", "--quick", "--threads", "2", "--data-dir", data);
  }

  @Test
  void evalQuick_printsTheSeedTableAndWritesReportAndModel() throws Exception {
    assertEquals(0, eval.status(), eval.err());
    String out = eval.out();
    assertTrue(out.contains("method") && out.contains("accuracy") && out.contains("false positives")
        && out.contains("TPR@1%FPR") && out.contains("AUROC"), out);
    for (String d : List.of("perplexity", "classifier", "watermark-kgw", "combined")) {
      assertTrue(out.contains(d), d + ":\n" + out);
    }
    assertTrue(out.contains("Popular accounts print") && out.contains("75% / 15%"), out);
    // the quick size cannot calibrate 1% everywhere, and says so
    assertTrue(out.contains("threshold is +inf"), out);
    Path report = Path.of(data, "detect", "eval-42-quick");
    String html = Files.readString(report.resolve("report.html"));
    assertTrue(html.contains("data:image/png;base64,"), "ROC curves embedded");
    assertTrue(Files.isRegularFile(Path.of(data, "detect", "model", "manifest.json")));
    assertTrue(Files.isRegularFile(Path.of(data, "detect", "model", "watermarks.json")));
  }

  @Test
  void detect_scoresJsonlAndReportsBadLinesWithFileAndLine() throws Exception {
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, """
        {"id": "a", "text": "The congress shall make no law respecting an establishment of religion, or prohibiting the free exercise thereof."}
        {"id": "b", "text": "We have made great progress this year, and the state of our union is strong.", "domain": "sotu"}
        not json
        {"id": "c"}
        """);
    CliTest.Result r = CliTest.cli("detect", in.toString(), "--data-dir", data, "--fpr", "0.05");
    assertEquals(2, r.status(), "bad lines exit 2: " + r.err());
    assertTrue(r.err().contains(in + ":3: invalid JSON"), r.err());
    assertTrue(r.err().contains(in + ":4: expected a JSON object"), r.err());
    ObjectMapper json = new ObjectMapper();
    List<String> lines = r.out().lines().toList();
    assertEquals(4, lines.size(), r.out());
    for (int i = 0; i < 2; i++) {
      JsonNode o = json.readTree(lines.get(i));
      assertEquals(i == 0 ? "a" : "b", o.path("id").asText());
      assertEquals("combined", o.path("detector").asText());
      assertTrue(o.path("score").isNumber() && o.path("machine").isBoolean(), lines.get(i));
      assertEquals(0.05, o.path("fpr").asDouble());
      assertTrue(o.path("scores").has("perplexity") && o.path("scores").has("watermark-kgw"), lines.get(i));
    }
  }

  @Test
  void detect_plainTextIsOneDocumentPerLine() throws Exception {
    Path in = dir.resolve("in.txt");
    Files.writeString(in, "The first document is a short line of text.\n\nThe second one says something else entirely.\n");
    CliTest.Result r = CliTest.cli("detect", in.toString(), "--data-dir", data, "--detector", "binoculars");
    assertEquals(0, r.status(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(2, lines.size(), r.out());
    ObjectMapper json = new ObjectMapper();
    assertEquals(1, json.readTree(lines.get(0)).path("line").asInt());
    assertEquals(3, json.readTree(lines.get(1)).path("line").asInt());
    assertEquals("binoculars", json.readTree(lines.get(1)).path("detector").asText());
    assertTrue(r.err().contains("2 documents"), r.err());
  }

  @Test
  void detect_badInvocationsExitTwoWithOneLine() throws Exception {
    CliTest.Result missing = CliTest.cli("detect", dir.resolve("nope.jsonl").toString(), "--data-dir", data);
    assertEquals(2, missing.status());
    assertTrue(missing.err().contains("nope.jsonl: no such file"), missing.err());
    Path in = Files.writeString(dir.resolve("one.txt"), "one line\n");
    CliTest.Result noModel = CliTest.cli("detect", in.toString(), "--data-dir", dir.resolve("empty").toString());
    assertEquals(2, noModel.status());
    assertTrue(noModel.err().contains("run 'tailguard detect eval' first"), noModel.err());
    CliTest.Result badFpr = CliTest.cli("detect", in.toString(), "--data-dir", data, "--fpr", "0.2");
    assertEquals(2, badFpr.status(), badFpr.err());
    assertEquals(1, badFpr.err().lines().count(), badFpr.err());
    CliTest.Result badDetector = CliTest.cli("detect", in.toString(), "--data-dir", data, "--detector", "oracle");
    assertEquals(2, badDetector.status(), badDetector.err());
    assertFalse(badDetector.err().contains("internal error"), badDetector.err());
  }

  @Test
  void benchQuick_reportsEveryDetector() {
    CliTest.Result r = CliTest.cli("detect", "bench", "--quick");
    assertEquals(0, r.status(), r.err());
    for (String d : List.of("perplexity", "gltr", "binoculars", "stylometric", "full analysis")) {
      assertTrue(r.out().contains(d), d + ":\n" + r.out());
    }
  }
}
