package org.tailguard.models.regression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tailguard.models.ModelFamilies;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.spec.SpecException;
import org.tailguard.spec.SpecLoader;

/** YAML binding and validation of {@code model: {family: linear-regression}}. */
class LinearRegressionSpecTest {
  static final ModelFamilies FAMILIES = ModelFamilies.discover();
  static final SpecLoader LOADER = FAMILIES.specLoader();

  static String yaml(String model, String workflow) {
    return "name: r\ngenerations: 3\nmodel:\n  family: linear-regression\n" + model
        + "workflow:\n" + workflow;
  }

  static ExperimentSpec parse(String model) {
    return LOADER.parse(yaml(model, "  type: replace\n  samples: 100\n"), "t.yaml");
  }

  @Test
  void loader_knowsTheFamily_andFillsDefaults() {
    assertTrue(LOADER.families().contains("linear-regression"));
    LinearRegressionSpec m = (LinearRegressionSpec) parse("  dim: 10\n").model();
    assertEquals(new LinearRegressionSpec(10, 1.0, TrueWeights.ONES, null), m);
    assertEquals("linear-regression", FAMILIES.create(m).name());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ones           | 1, 1, 1",
      "2.5            | 2.5, 2.5, 2.5",
      "-1             | -1, -1, -1",
      "[1, -2, 0.5]   | 1, -2, 0.5"})
  void trueWeights_acceptsOnesNumbersAndLists(String yaml, String expected) {
    ExperimentSpec s = parse("  dim: 3\n  true_weights: " + yaml + "\n");
    double[] w = new LinearRegressionFamily((LinearRegressionSpec) s.model()).trueWeights();
    double[] e = java.util.Arrays.stream(expected.split(",")).mapToDouble(x -> Double.parseDouble(x.trim())).toArray();
    assertArrayEquals(e, w);
    assertEquals(s, LOADER.fromCanonicalJson(LOADER.toCanonicalJson(s)));
    assertEquals(s, LOADER.parse(LOADER.toYaml(s), "again.yaml"));
  }

  @Test
  void trueWeights_random_isSeededAndRoundTrips() {
    ExperimentSpec a = parse("  dim: 4\n  true_weights: random\n  weights_seed: 9\n");
    ExperimentSpec b = parse("  dim: 4\n  true_weights: random\n  weights_seed: 9\n");
    ExperimentSpec c = parse("  dim: 4\n  true_weights: random\n");
    double[] wa = new LinearRegressionFamily((LinearRegressionSpec) a.model()).trueWeights();
    assertArrayEquals(wa, new LinearRegressionFamily((LinearRegressionSpec) b.model()).trueWeights());
    assertTrue(wa[0] != new LinearRegressionFamily((LinearRegressionSpec) c.model()).trueWeights()[0]);
    assertEquals(0L, ((LinearRegressionSpec) c.model()).weightsSeed());
    assertEquals(a, LOADER.fromCanonicalJson(LOADER.toCanonicalJson(a)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "dim: 0                        | model.dim: must be at least 1",
      "noise: -0.5                   | model.noise: must be at least 0",
      "true_weights: twos            | model.true_weights: must be ones, random",
      "dim: 3; true_weights: [1, 2]  | model.true_weights: has 2 entries but model.dim is 3",
      "true_weights: [1, x]          | model.true_weights[1]: must be a number",
      "weights_seed: 3               | model.weights_seed: is not allowed here",
      "ridge: 1                      | unknown field"})
  void badModel_isRejectedNamingTheField(String model, String message) {
    SpecException e = assertThrows(SpecException.class, () -> parse("  " + model.replace("; ", "\n  ") + "\n"));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void samples_mustExceedDimPlusOne() {
    SpecException e = assertThrows(SpecException.class,
        () -> LOADER.parse(yaml("  dim: 10\n", "  type: accumulate\n  samples: 11\n"), "t.yaml"));
    assertTrue(e.getMessage().contains("t.yaml"), e.getMessage());
    assertTrue(e.getMessage().contains("workflow.samples: must be greater than model.dim + 1 = 11"), e.getMessage());
    assertTrue(e.getMessage().contains("T > d + 1"), e.getMessage());
    LOADER.parse(yaml("  dim: 10\n", "  type: accumulate\n  samples: 12\n"), "t.yaml");
  }

  @Test
  void fresh_withFreshRealData_isRejected() {
    SpecException e = assertThrows(SpecException.class, () -> LOADER.parse(
        yaml("  dim: 2\n", "  type: fresh\n  samples: 50\n  fresh_real: 10\n"), "t.yaml"));
    assertTrue(e.getMessage().contains("workflow.type: fresh is not supported by linear-regression"), e.getMessage());
  }

  @Test
  void examples_loadAndNameTheirPaper() {
    for (String f : new String[] {"gerstgrasser-regression-replace.yaml", "gerstgrasser-regression-accumulate.yaml"}) {
      ExperimentSpec s = LinearRegressionGoldenTest.example(f);
      assertTrue(s.reproduces().contains("2404.01413"), f);
      assertEquals(new LinearRegressionSpec(10, 1.0, TrueWeights.ONES, null), s.model());
      assertEquals(100, s.workflow().samples());
      assertEquals(19, s.generations());
    }
  }
}
