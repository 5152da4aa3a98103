package org.tailguard.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.random.RandomStreams;
import org.tailguard.text.corpus.Split;
import org.tailguard.text.token.TokenizedCorpus;

/**
 * Each default rule fires on a version built to trip it, and none fires between versions drawn from the same
 * pool. Responses are Moby-Dick sentences (chapters 46–136); the human reference (coverage, tail mass and
 * the Kneser–Ney reference LM) is chapters 1–45, so responses are held-out text for the reference.
 *
 * <p>The manipulations: <i>narrow</i> draws a version's 400 responses with replacement from only 40
 * sentences (diversity and coverage collapse); <i>shuffled</i> permutes the words of each sentence (the same
 * bag of words, so drift and distinct-1 stay put, while the reference LM finds it far less likely);
 * <i>sign-off</i> appends "I hope this helps you." to every response (a drift a classifier sees at once);
 * the <i>trend</i> draws version k from 2,000, 700, 300, 150 and 80 sentences (a steady decline).
 */
class WarningRulesTest {
  /** Responses per version in the stable model: 400 held-out per side in the drift test. */
  static final int STABLE = 800;
  static List<String> pool;
  @TempDir Path dir;

  @BeforeAll
  static void loadPool() {
    List<String> out = new ArrayList<>();
    for (String[] s : TokenizedCorpus.of(Split.parse("moby-dick:46-136")).sentences()) {
      if (s.length >= 4 && s.length <= 40) {
        out.add(String.join(" ", s) + ".");
      }
    }
    UniformRandomProvider rng = RandomStreams.of(11);
    for (int i = out.size() - 1; i > 0; i--) { // seeded shuffle: versions take disjoint chunks
      java.util.Collections.swap(out, i, rng.nextInt(i + 1));
    }
    pool = List.copyOf(out);
  }

  /** Small budgets (the test's versions hold 400 responses) and a held-out Moby-Dick reference. */
  static MonitorConfig config() {
    return new MonitorConfig(2024, 1000, 200, 8, 11, 12, 1L << 20, "moby-dick:1-45", "moby-dick:1-45", 1000,
        3000, 300, 5000, 400, 800, 200, 5000, MonitorConfig.Durability.NORMAL);
  }

  static List<ResponseRecord> version(String model, String version, List<String> texts) {
    return texts.stream().map(t -> ResponseRecord.of(model, version, t)).toList();
  }

  /** Responses {@code from}..{@code from+n} of the pool. */
  static List<String> chunk(int from, int n) {
    return pool.subList(from, from + n);
  }

  /** n responses drawn with replacement from the first {@code distinct} sentences starting at {@code from}. */
  static List<String> narrow(int from, int distinct, int n, long seed) {
    UniformRandomProvider rng = RandomStreams.of(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(pool.get(from + rng.nextInt(distinct)));
    }
    return out;
  }

  static Set<String> rules(List<Warning> ws) {
    return ws.stream().map(Warning::rule).collect(Collectors.toCollection(TreeSet::new));
  }

  static List<Warning> run(Path db, List<List<String>> versions) {
    try (Monitor m = Monitor.open(db, config())) {
      for (int v = 0; v < versions.size(); v++) {
        m.ingest(version("m", "v" + v, versions.get(v)));
      }
      return m.evaluate("m");
    }
  }

  @Test
  void stableVersions_noRuleFires() {
    List<List<String>> versions = new ArrayList<>();
    for (int v = 0; v < 5; v++) {
      versions.add(chunk(STABLE * v, STABLE));
    }
    List<Warning> ws = run(dir.resolve("stable.db"), versions);
    assertTrue(ws.isEmpty(), () -> ws.stream().map(Warning::message).collect(Collectors.joining("\n")));
  }

  @Test
  void narrowVersion_distinctAndCoverageFire_withEvidence() {
    List<Warning> ws = run(dir.resolve("narrow.db"), List.of(chunk(0, 400), narrow(400, 40, 400, 3)));
    Set<String> fired = rules(ws);
    assertTrue(fired.containsAll(Set.of("distinct-n-down", "coverage-down")), fired.toString());
    Warning d = ws.stream().filter(w -> w.rule().equals("distinct-n-down")).findFirst().orElseThrow();
    assertEquals("distinct_n", d.indicator());
    assertEquals("v0", d.baselineVersion());
    assertEquals("v1", d.version());
    assertTrue(d.change() <= -0.10, "change " + d.change());
    assertEquals((d.value() - d.baselineValue()) / d.baselineValue(), d.change(), 1e-12);
    assertTrue(d.message().contains("from") && d.message().contains("v0"), d.message());
    assertFalse(d.examples().overRepresented().isEmpty(), "over-represented phrases");
    assertFalse(d.examples().vanished().isEmpty(), "vanished words");
    assertFalse(d.examples().repeated().isEmpty(), "repeated responses");
    for (Examples.VanishedWord w : d.examples().vanished()) {
      assertTrue(w.expected() >= Examples.VANISHED_MIN_EXPECTED, w.toString());
    }
    assertTrue(d.message().contains("Vanished") && d.message().contains("Over-represented"), d.message());
  }

  @Test
  void shuffledWords_perplexityFires_driftAndDiversityQuiet() {
    UniformRandomProvider rng = RandomStreams.of(5);
    List<String> shuffled = new ArrayList<>();
    for (String s : chunk(400, 400)) {
      List<String> w = new ArrayList<>(List.of(s.substring(0, s.length() - 1).split(" ")));
      for (int i = w.size() - 1; i > 0; i--) {
        java.util.Collections.swap(w, i, rng.nextInt(i + 1));
      }
      shuffled.add(String.join(" ", w) + ".");
    }
    List<Warning> ws = run(dir.resolve("shuffled.db"), List.of(chunk(0, 400), shuffled));
    assertEquals(Set.of("perplexity-up"), rules(ws), () -> ws.stream().map(Warning::message).toList().toString());
    Warning p = ws.get(0);
    assertEquals("ref_perplexity", p.indicator());
    assertTrue(p.change() >= 0.10, "change " + p.change());
  }

  @Test
  void signOff_driftFires_namingTheNewPhrase() {
    List<String> signed = chunk(400, 400).stream().map(s -> s + " I hope this helps you.").toList();
    List<Warning> ws = run(dir.resolve("signoff.db"), List.of(chunk(0, 400), signed));
    Warning d = ws.stream().filter(w -> w.rule().equals("drift")).findFirst()
        .orElseThrow(() -> new AssertionError("no drift warning: " + rules(ws)));
    assertEquals("drift_auc", d.indicator());
    assertTrue(d.value() >= 0.55, "auc " + d.value());
    assertTrue(d.detail().contains("AUC"), d.detail());
    assertTrue(d.examples().overRepresented().stream().anyMatch(p -> p.phrase().contains("hope this")),
        d.examples().overRepresented().toString());
  }

  @Test
  void steadyDecline_trendFires_stableWindowDoesNot() {
    int[] distinct = {2000, 700, 300, 150, 80};
    List<List<String>> versions = new ArrayList<>();
    for (int v = 0; v < distinct.length; v++) {
      versions.add(narrow(0, distinct[v], 400, 20 + v));
    }
    List<Warning> ws = run(dir.resolve("trend.db"), versions);
    Warning t = ws.stream().filter(w -> w.rule().equals("trend") && w.indicator().equals("distinct_n")).findFirst()
        .orElseThrow(() -> new AssertionError("no distinct_n trend: " + rules(ws)));
    assertEquals("v4", t.version());
    assertEquals("v0", t.baselineVersion());
    assertTrue(t.detail().contains("Mann-Kendall") && t.detail().contains("S = -10"), t.detail());
  }

  /**
   * Without a human reference the coverage rule compares with the baseline version's own vocabulary: quiet
   * between stable versions (each keeps about as many of v0's types as v0 keeps in a second sample of itself),
   * firing on the narrow version.
   */
  @Test
  void noHumanReference_coverageUsesTheBaselineVersion() {
    MonitorConfig none = config().withReference(MonitorConfig.NONE, MonitorConfig.NONE);
    try (Monitor m = Monitor.open(dir.resolve("none.db"), none)) {
      m.ingest(version("m", "v0", chunk(0, STABLE)));
      m.ingest(version("m", "v1", chunk(STABLE, STABLE)));
      m.ingest(version("m", "v2", narrow(2 * STABLE, 40, 400, 3)));
      List<Warning> ws = m.evaluate("m");
      List<Warning> cov = ws.stream().filter(w -> w.rule().equals("coverage-down")).toList();
      assertEquals(List.of("v2"), cov.stream().map(Warning::version).toList(), () -> ws.toString());
      Warning w = cov.get(0);
      assertEquals(WarningEngine.BASELINE_COVERAGE, w.indicator());
      assertTrue(w.value() < 0.8 && w.change() <= -0.2, w.message());
      assertTrue(w.detail().contains("occur in the next"), w.detail());
      double[] stable = Comparer.baselineCoverage(m.data(m.version("m", "v0")), m.data(m.version("m", "v1")), none);
      System.out.printf("baseline coverage v0→v1 (stable): kept %.3f, expected %.3f, ratio %.3f on %.0f tokens%n",
          stable[1], stable[2], stable[0], stable[3]);
      assertTrue(Math.abs(stable[0] - 1) < 0.1, "stable ratio " + stable[0]);
    }
  }

  @Test
  void previousBaseline_comparesNeighbours() {
    try (Monitor m = Monitor.open(dir.resolve("prev.db"), config())) {
      m.setPolicy(WarningPolicy.defaults().withBaseline("previous"));
      m.ingest(version("m", "v0", chunk(0, 400)));
      m.ingest(version("m", "v1", narrow(400, 40, 400, 3)));
      m.ingest(version("m", "v2", narrow(400, 40, 400, 4)));
      List<Warning> ws = m.evaluate("m");
      assertTrue(ws.stream().anyMatch(w -> w.version().equals("v1") && w.rule().equals("distinct-n-down")), rules(ws)::toString);
      // v2 repeats v1's 40 sentences: against v1 nothing collapsed further
      assertTrue(ws.stream().noneMatch(w -> w.version().equals("v2") && w.rule().equals("distinct-n-down")),
          () -> ws.stream().map(Warning::message).toList().toString());
    }
  }
}
