package org.tailguard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.metrics.Summary;
import org.tailguard.models.Indicator;
import org.tailguard.sim.GenerationSink;

class RunExportTest {
  @TempDir
  Path dir;
  private RunStore store;
  private Run run;

  @BeforeEach
  void setUp() {
    store = RunStore.openForWriting(dir.resolve("tailguard.db"));
    run = StoreFixtures.storedRun(store, StoreFixtures.gaussian("g", 5, 4, 3));
  }

  @org.junit.jupiter.api.AfterEach
  void tearDown() {
    store.close();
  }

  @Test
  void summariesCsv_matchesTheStore() throws IOException {
    Path out = dir.resolve("out/summaries.csv");
    long n = RunExport.write(store, run.id(), RunExport.Table.SUMMARIES, RunExport.Format.CSV, out);
    List<String> lines = Files.readAllLines(out);
    assertEquals("generation,indicator,median,p10,p90,mean,sd,n,nan", lines.getFirst());
    assertTrue(Files.readString(out).contains("\r\n"), "RFC 4180 line ends");
    List<SummaryRow> expected = store.summaries(run.id());
    assertEquals(expected.size(), n);
    assertEquals(expected.size() + 1, lines.size());
    for (int i = 0; i < expected.size(); i++) {
      String[] f = lines.get(i + 1).split(",", -1);
      SummaryRow r = expected.get(i);
      Summary s = r.summary();
      assertEquals(r.generation(), Integer.parseInt(f[0]));
      assertEquals(r.indicator(), f[1]);
      assertEquals(s, new Summary(num(f[2]), num(f[3]), num(f[4]), num(f[5]), num(f[6]),
          Integer.parseInt(f[7]), Integer.parseInt(f[8])));
    }
  }

  @Test
  void chainsCsv_hasOneRowPerChainIndicatorAndGeneration() throws IOException {
    Path out = dir.resolve("chains.csv");
    long n = RunExport.write(store, run.id(), RunExport.Table.CHAINS, RunExport.Format.CSV, out);
    List<StoredIndicator> inds = store.indicators(run.id());
    assertEquals(4L * 4 * inds.size(), n);
    List<String> lines = Files.readAllLines(out);
    assertEquals("generation,chain,indicator,value", lines.getFirst());
    ChainValues variance = store.chainValues(run.id(), "variance");
    int seen = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      if (f[2].equals("variance")) {
        assertEquals(variance.values()[Integer.parseInt(f[0])][Integer.parseInt(f[1])], num(f[3]), 0.0);
        seen++;
      }
    }
    assertEquals(16, seen);
  }

  @Test
  void jsonl_carriesRunIdAndNonFiniteValues() throws IOException {
    Run odd = store.createRun(StoreFixtures.gaussian("odd", 1, 3, 0), StoreFixtures.LOADER, StoreFixtures.provenance());
    GenerationSink sink = store.sink(odd.id());
    sink.start(List.of(Indicator.of("kl,\"x\"", "a name that needs quoting")), -1);
    sink.generation(0, new double[][] {{Double.NaN}, {Double.POSITIVE_INFINITY}, {Double.NEGATIVE_INFINITY}});

    StringWriter w = new StringWriter();
    RunExport.write(store, odd.id(), RunExport.Table.CHAINS, RunExport.Format.JSONL, w);
    ObjectMapper m = new ObjectMapper();
    List<JsonNode> recs = new ArrayList<>();
    for (String line : w.toString().split("\n")) {
      recs.add(m.readTree(line));
    }
    assertEquals(3, recs.size());
    for (JsonNode r : recs) {
      assertEquals(odd.id(), r.get("run_id").asText());
      assertEquals("kl,\"x\"", r.get("indicator").asText());
    }
    assertTrue(recs.get(0).get("value").isNull());
    assertEquals("Infinity", recs.get(1).get("value").asText());
    assertEquals("-Infinity", recs.get(2).get("value").asText());

    StringWriter s = new StringWriter();
    RunExport.write(store, odd.id(), RunExport.Table.SUMMARIES, RunExport.Format.JSONL, s);
    JsonNode sum = m.readTree(s.toString().strip());
    assertEquals(odd.id(), sum.get("run_id").asText());
    assertEquals(0, sum.get("n").asInt()); // n counts finite values only (Summary.count)
    assertEquals(1, sum.get("nan").asInt());

    StringWriter c = new StringWriter();
    RunExport.write(store, odd.id(), RunExport.Table.CHAINS, RunExport.Format.CSV, c);
    assertEquals("generation,chain,indicator,value\r\n0,0,\"kl,\"\"x\"\"\",\r\n0,1,\"kl,\"\"x\"\"\",Inf\r\n"
        + "0,2,\"kl,\"\"x\"\"\",-Inf\r\n", c.toString());
  }

  @Test
  void summariesJsonl_matchesTheStore() throws IOException {
    Path out = dir.resolve("summaries.jsonl");
    RunExport.write(store, run.id(), RunExport.Table.SUMMARIES, RunExport.Format.JSONL, out);
    List<String> lines = Files.readAllLines(out);
    List<SummaryRow> expected = store.summaries(run.id());
    assertEquals(expected.size(), lines.size());
    ObjectMapper m = new ObjectMapper();
    for (int i = 0; i < lines.size(); i++) {
      JsonNode r = m.readTree(lines.get(i));
      assertEquals(expected.get(i).generation(), r.get("generation").asInt());
      assertEquals(expected.get(i).indicator(), r.get("indicator").asText());
      assertEquals(expected.get(i).summary().median(), r.get("median").asDouble(), 0.0);
      assertEquals(expected.get(i).summary().p90(), r.get("p90").asDouble(), 0.0);
    }
  }

  @Test
  void write_failingExportLeavesTheOldFileAndNoTemporaries() throws IOException {
    Run slim = store.createRun(StoreFixtures.gaussian("slim", 2, 2, 1), StoreFixtures.LOADER, StoreFixtures.provenance());
    StoreFixtures.simulate(StoreFixtures.gaussian("slim", 2, 2, 1), store.sink(slim.id(), RunStore.Detail.SUMMARIES_ONLY));
    Path out = Files.writeString(dir.resolve("chains.csv"), "old contents\n");
    assertThrows(StoreException.class,
        () -> RunExport.write(store, slim.id(), RunExport.Table.CHAINS, RunExport.Format.CSV, out));
    assertEquals("old contents\n", Files.readString(out));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
    }
    RunExport.write(store, run.id(), RunExport.Table.SUMMARIES, RunExport.Format.CSV, out);
    assertTrue(Files.readString(out).startsWith("generation,indicator"));
    IOException e = assertThrows(IOException.class,
        () -> RunExport.write(store, run.id(), RunExport.Table.SUMMARIES, RunExport.Format.CSV, dir));
    assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
  }

  @Test
  void csvField_roundTripsAnyString() {
    qt().withFixedSeed(20261122L).withExamples(500)
        .forAll(strings().ascii().ofLengthBetween(0, 20))
        .check(s -> parseField(RunExport.csv(s)).equals(s));
  }

  /** Parses one RFC 4180 field (the whole input). */
  private static String parseField(String f) {
    if (!f.startsWith("\"")) {
      return (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) ? null : f;
    }
    if (f.length() < 2 || !f.endsWith("\"")) {
      return null;
    }
    String inner = f.substring(1, f.length() - 1);
    if (inner.replace("\"\"", "").contains("\"")) {
      return null;
    }
    return inner.replace("\"\"", "\"");
  }

  private static double num(String f) {
    return switch (f) {
      case "" -> Double.NaN;
      case "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(f);
    };
  }
}
