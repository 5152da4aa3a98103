package org.tailguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.models.ModelFamilies;

/**
 * Runs the peer benchmark end to end at the {@code --quick} size, with the NumPy peer when the system
 * interpreter has NumPy (CI installs python3-numpy), and checks the table's shape and that both sides
 * computed consistent statistics. Speed is measured, not asserted: the 2× goal is a figure for
 * BENCHMARKS.md, not a property a shared 2-core CI machine can guarantee.
 */
class PeerBenchmarkTest {

  private static final boolean NUMPY = numpyAvailable();

  private static boolean numpyAvailable() {
    try (NumpyPeer peer = NumpyPeer.locate(Options.SYSTEM_PYTHON).peer()) {
      return peer != null;
    }
  }

  @Test
  void quickRun_printsTableWithRatioAndConsistentStatistics(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("bench.json");
    Options o = Options.quick().withThreads(2).withJson(json);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Report report = PeerBenchmark.run(o, new PrintStream(buf, true, StandardCharsets.UTF_8));
    String text = buf.toString(StandardCharsets.UTF_8);

    assertEquals(NUMPY, report.peerAvailable(), text);
    assertTrue(report.consistent(), text);
    List<String> lines = text.lines().toList();
    int head = lines.indexOf(Report.HEADER);
    assertTrue(head >= 0, "no table header in:\n" + text);
    assertEquals("|---|---|---|---|---|---|---|---|", lines.get(head + 1));
    for (BenchCase c : BenchCase.values()) {
      String row = lines.get(head + 2 + c.ordinal());
      assertTrue(row.startsWith("| " + c.id() + " | "), row);
      assertEquals(10, row.split("\\|", -1).length, "eight cells between nine bars: " + row);
    }

    CaseResult gaussian = report.cases().getFirst();
    assertEquals(BenchCase.GAUSSIAN, gaussian.benchCase());
    assertTrue(gaussian.ran());
    assertEquals(1, gaussian.tailguardSeconds().size());
    assertTrue(gaussian.tailguardBest() > 0);
    assertEquals(NUMPY ? 3 : 1, gaussian.checks().size(), text);
    if (NUMPY) {
      assertTrue(gaussian.ratio() > 0 && Double.isFinite(gaussian.ratio()), text);
      assertTrue(gaussian.cpuRatio() > 0 && Double.isFinite(gaussian.cpuRatio()), text);
      assertTrue(text.contains("goal: Tailguard at least 2.00× faster than NumPy: "), text);
    }

    CaseResult categorical = report.cases().get(1);
    String missing = TailguardLoop.unavailable(BenchCase.CATEGORICAL, ModelFamilies.discover());
    if (missing != null) {
      assertFalse(categorical.ran());
      assertTrue(text.contains("categorical: skipped: family 'categorical' is not registered"), text);
    } else {
      assertTrue(categorical.ran(), text);
      assertEquals(2, categorical.checks().size(), text);
    }

    JsonNode root = new ObjectMapper().readTree(Files.readString(json));
    assertEquals(2, root.get("cases").size());
    assertEquals("gaussian", root.get("cases").get(0).get("case").asText());
    assertEquals(1, root.get("cases").get(0).get("tailguard_seconds").size());
    assertEquals(NUMPY, root.get("cases").get(0).get("ratio").isNumber());
    assertTrue(root.get("consistent").asBoolean());
  }

  @Test
  void missingPython_saysSoInOneLineAndTimesTailguardOnly() {
    Options o = new Options(40, 20, 20, 20, 20, "zipf", 1.2, 3, 0, 1, 1, EnumSet.of(BenchCase.GAUSSIAN),
        Path.of("/nonexistent/python3"), null);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Report report = PeerBenchmark.run(o, new PrintStream(buf, true, StandardCharsets.UTF_8));
    String text = buf.toString(StandardCharsets.UTF_8);

    assertFalse(report.peerAvailable());
    assertTrue(text.contains("NumPy peer unavailable: /nonexistent/python3 not found; timing Tailguard only\n"), text);
    CaseResult g = report.cases().getFirst();
    assertTrue(g.ran());
    assertFalse(g.hasPeer());
    assertTrue(Double.isNaN(g.ratio()));
    assertTrue(text.contains("| gaussian | 40 chains × 20 gens, M=20 | "), text);
    assertTrue(text.contains("not judged, no NumPy peer"), text);
    assertFalse(report.goalMet());
  }

  @Test
  void interpreterWithoutNumpy_isUnavailableWithAReason() {
    Path fails = Path.of("/bin/false"); // runs, exits 1: as a python3 without NumPy would
    NumpyPeer.Located located = NumpyPeer.locate(fails);
    assertNull(located.peer());
    assertTrue(located.unavailable().startsWith("/bin/false cannot import numpy (install python3-numpy)"),
        located.unavailable());
  }

  @Test
  void gaussianSpec_parsesAndRecordsOnlyTheFit() {
    TailguardLoop loop = TailguardLoop.prepare(BenchCase.GAUSSIAN, Options.quick(), ModelFamilies.discover());
    assertEquals(List.of("variance", "mean_sq_error"), loop.spec().metrics());
    assertEquals(200, loop.spec().chains());
    assertEquals(100, loop.spec().workflow().samples());
  }
}
