package org.tailguard.models.categorical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tailguard.metrics.ZeroMassPolicy;
import org.tailguard.models.ModelFamilies;
import org.tailguard.sim.MemorySink;
import org.tailguard.sim.Simulator;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.spec.SpecException;
import org.tailguard.spec.SpecLoader;

/** YAML binding and validation of the categorical and tail-cut specs, and the shipped examples. */
class CategoricalSpecTest {
  private static final ModelFamilies FAMILIES = ModelFamilies.discover();
  private static final SpecLoader LOADER = FAMILIES.specLoader();
  private static final Path EXAMPLES = Path.of("..", "examples");

  private static ExperimentSpec parse(String model) {
    return LOADER.parse("""
        name: t
        generations: 3
        model:
        %s
        workflow: {type: replace, samples: 100}
        """.formatted(model.indent(2).stripTrailing()), "test.yaml");
  }

  @Test
  void families_areRegistered() {
    assertTrue(LOADER.families().containsAll(List.of("categorical", "tail-cut")), LOADER.families().toString());
  }

  @Test
  void parse_zipfWithDefaults() {
    CategoricalSpec m = (CategoricalSpec) parse("family: categorical\nstart: zipf\noutcomes: 1000\nbeta: 1.2").model();
    assertEquals(Start.ZIPF, m.start());
    assertEquals(1000, m.outcomes());
    assertEquals(100, m.tailRank());
    assertEquals(ZeroMassPolicy.SURVIVING_SUPPORT, m.zeroMassPolicy());
    assertInstanceOf(CategoricalFamily.class, FAMILIES.create(m));
    assertEquals("categorical", FAMILIES.create(m).name());
  }

  @Test
  void parse_countsSetsOutcomes() {
    CategoricalSpec m = (CategoricalSpec) parse("family: categorical\nstart: counts\ncounts: [5, 0, 95]\n"
        + "kl_policy: infinite").model();
    assertEquals(3, m.outcomes());
    assertEquals(ZeroMassPolicy.INFINITE, m.zeroMassPolicy());
    CategoricalFamily f = new CategoricalFamily(m);
    assertEquals(Counts.of(new int[] {5, 0, 95}), f.real(100, null), "generation 0 is the counts themselves");
    assertEquals(50, f.real(50, org.tailguard.random.RandomStreams.of(1)).size());
  }

  @Test
  void parse_tailCut() {
    TailCutSpec m = (TailCutSpec) parse("family: tail-cut\noutcomes: 5000\nbeta: 1.5\ncut: 50").model();
    assertEquals(50, m.effectiveCut());
    assertEquals(500, m.tailRank());
    assertEquals("tail-cut", FAMILIES.create(m).name());
    assertEquals(5000, TailCutSpec.of(5000, 2.0, null).effectiveCut());
  }

  @Test
  void canonicalJson_roundTrips() {
    for (String model : List.of("family: categorical\nstart: uniform\noutcomes: 10",
        "family: categorical\nstart: counts\ncounts: [1, 2]", "family: tail-cut\noutcomes: 100\nbeta: 2.0")) {
      ExperimentSpec s = parse(model);
      String json = LOADER.toCanonicalJson(s);
      assertEquals(s, LOADER.fromCanonicalJson(json), json);
      assertFalse(json.contains("effective_cut") || json.contains("zero_mass_policy"), json);
    }
  }

  /** Each case is a model block, its lines separated by "; ", and the start of the expected message. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "family: categorical; outcomes: 10|model.start: is required",
      "family: categorical; start: gamma; outcomes: 10|model.start: unknown start 'gamma'",
      "family: categorical; start: zipf; outcomes: 10|model.beta: is required",
      "family: categorical; start: zipf; outcomes: 10; beta: -1|model.beta: must be positive",
      "family: categorical; start: uniform; outcomes: 10; beta: 1.2|model.beta: is not allowed here",
      "family: categorical; start: uniform|model.outcomes: is required",
      "family: categorical; start: uniform; outcomes: 1|model.outcomes: must be at least 2, got 1",
      "family: categorical; start: uniform; outcomes: 100000000|model.outcomes: must be at most",
      "family: categorical; start: uniform; outcomes: 10; counts: [1]|model.counts: is not allowed here",
      "family: categorical; start: counts|model.counts: is required",
      "family: categorical; start: counts; counts: [3, -1]|model.counts[1]: must be at least 0, got -1",
      "family: categorical; start: counts; counts: [0, 0]|model.counts: needs at least one positive count",
      "family: categorical; start: counts; counts: [1, 2]; outcomes: 3|model.outcomes: must equal the number of counts",
      "family: categorical; start: uniform; outcomes: 10; tail_rank: 11|model.tail_rank: must be at most",
      "family: categorical; start: uniform; outcomes: 10; tail_rank: 0|model.tail_rank: must be at least 1",
      "family: categorical; start: uniform; outcomes: 10; kl_policy: zero|model.kl_policy: unknown policy 'zero'",
      "family: categorical; start: uniform; outcomes: 10; support: 3|support: unknown field",
      "family: tail-cut; outcomes: 100|model.beta: is required",
      "family: tail-cut; beta: 1.5|model.outcomes: is required",
      "family: tail-cut; outcomes: 100; beta: 1.5; cut: 101|model.cut: must be at most model.outcomes (100)",
      "family: tail-cut; outcomes: 100; beta: 1.5; cut: 0|model.cut: must be at least 1"})
  void parse_badInputNamesTheField(String model, String message) {
    SpecException e = assertThrows(SpecException.class, () -> parse(model.replace("; ", "\n")));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"categorical-zipf.yaml", "categorical-kimura.yaml", "tail-cut.yaml"})
  void example_loadsNamesItsPaperAndRuns(String file) throws IOException {
    Path path = EXAMPLES.resolve(file);
    assertTrue(Files.exists(path), path.toAbsolutePath().toString());
    ExperimentSpec spec = LOADER.load(path);
    assertFalse(spec.description().isBlank());
    assertFalse(spec.reproduces().isBlank());
    MemorySink sink = new MemorySink();
    new Simulator(2).run(spec.withSize(4, 3), FAMILIES.create(spec.model()), sink, null);
    assertEquals(4, sink.size());
    assertTrue(sink.summary("support", 3).median() >= 1);
  }
}
