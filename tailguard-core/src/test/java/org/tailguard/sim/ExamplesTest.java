package org.tailguard.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tailguard.metrics.Summary;
import org.tailguard.models.ModelFamilies;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.theory.CollapseLaws;

/**
 * Every spec in {@code examples/} loads, says what it reproduces, and runs; the cheap Gaussian examples run
 * at their full size and reproduce the figures their comments name, within four Monte-Carlo standard errors.
 */
class ExamplesTest {
  static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).resolve("../examples").normalize();
  static final ModelFamilies FAMILIES = ModelFamilies.discover();

  /** The examples of the families this module registers (modules added later test their own). */
  static Stream<Path> examples() throws IOException {
    List<String> known = FAMILIES.specLoader().families();
    try (Stream<Path> s = Files.list(EXAMPLES)) {
      return s.filter(p -> p.toString().endsWith(".yaml")).filter(p -> known.contains(family(p))).sorted()
          .toList().stream();
    }
  }

  static String family(Path yaml) {
    try {
      return new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(yaml.toFile()).path("model")
          .path("family").asText();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static ExperimentSpec load(String name) {
    return FAMILIES.specLoader().load(EXAMPLES.resolve(name + ".yaml"));
  }

  static MemorySink run(ExperimentSpec spec) throws IOException {
    MemorySink sink = new MemorySink();
    new Simulator(2).run(spec, FAMILIES.create(spec.model()), sink, null);
    return sink;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void example_loadsNamesItsSourceAndRuns(Path file) throws IOException {
    ExperimentSpec spec = FAMILIES.specLoader().load(file);
    assertEquals(file.getFileName().toString().replace(".yaml", ""), spec.name(), "name matches the file");
    assertFalse(spec.reproduces() == null || spec.reproduces().isBlank(), "names the result it reproduces");
    assertFalse(spec.description() == null || spec.description().isBlank(), "has a description");
    MemorySink sink = run(spec.withSize(3, 2));
    assertEquals(3, sink.size());
  }

  @Test
  void examplesFolder_isNotEmpty() throws IOException {
    assertTrue(examples().count() >= 10);
  }

  /** shumailov-gaussian-replace: median σ² ≈ exp(−n/M) at n = 100 and 1000 fits; E[μ²] = n/M. */
  @Test
  void shumailovGaussianReplace_reproducesItsFigures() throws IOException {
    ExperimentSpec spec = load("shumailov-gaussian-replace");
    MemorySink s = run(spec);
    int m = spec.workflow().samples();
    double var = org.hipparchus.special.Gamma.trigamma((m - 1) / 2.0);
    for (int n : new int[] {100, 1000}) {
      double[] logs = java.util.Arrays.stream(s.values("variance", n - 1)).map(Math::log).toArray();
      double seLog = Math.sqrt(Math.PI / 2) * Math.sqrt(n * var / spec.chains());
      assertEquals(Math.log(CollapseLaws.gaussianMedianVariance(m, n)), Summary.of(logs).median(), 4 * seLog);
    }
    Summary mu = s.summary("mean_sq_error", 999);
    assertEquals(CollapseLaws.gaussianMeanSquaredError(m, 1000), mu.mean(), 4 * mu.standardError());
  }

  /** gaussian-mle-replace: E[σ²] = (1 − 1/M)^n. */
  @Test
  void gaussianMleReplace_reproducesItsFigure() throws IOException {
    ExperimentSpec spec = load("gaussian-mle-replace");
    MemorySink s = run(spec);
    int g = spec.generations();
    Summary v = s.summary("variance", g);
    assertEquals(CollapseLaws.gaussianMleMeanVariance(spec.workflow().samples(), g + 1), v.mean(), 4 * v.standardError());
  }

  /** mad-gaussian-bias: E[σ²_g] = λ^g. */
  @Test
  void madGaussianBias_reproducesItsFigure() throws IOException {
    ExperimentSpec spec = load("mad-gaussian-bias");
    MemorySink s = run(spec);
    for (int g : new int[] {10, spec.generations()}) {
      Summary v = s.summary("variance", g);
      assertEquals(CollapseLaws.biasedMeanVariance(spec.workflow().bias(), g), v.mean(), 4 * v.standardError());
    }
  }

  /**
   * gerstgrasser-gaussian-accumulate, kazdan-gaussian-accumulate-subsample and shumailov-gaussian-keep10
   * against replace, on 300 of their chains: accumulate keeps E[μ²] at (π²/6)/M (5% allowance for σ² ≠ 1)
   * and the median σ² near 1; accumulate-subsample and keep-original plateau at a W₂² between accumulate's
   * and a tenth of replace's (Kazdan et al.: "degrades slowly and appears to plateau").
   */
  @Test
  void workflowExamples_orderAsPublished() throws IOException {
    ExperimentSpec acc = load("gerstgrasser-gaussian-accumulate").withSize(300, 200);
    MemorySink a = run(acc);
    int m = acc.workflow().samples();
    Summary mu = a.summary("mean_sq_error", 200);
    double bound = CollapseLaws.accumulateMeanSquaredError(m, 201);
    assertEquals(bound, mu.mean(), 4 * mu.standardError() + 0.05 * bound);
    assertEquals(1.0, a.summary("variance", 200).median(), 0.1);
    double w2Accumulate = a.summary("w2", 200).median();
    double w2Replace = run(load("shumailov-gaussian-replace").withSize(300, 200)).summary("w2", 200).median();
    double w2Subsample = run(load("kazdan-gaussian-accumulate-subsample").withSize(300, 200)).summary("w2", 200).median();
    double w2Keep = run(load("shumailov-gaussian-keep10").withSize(300, 200)).summary("w2", 200).median();
    assertTrue(w2Accumulate < w2Subsample && w2Subsample < w2Replace / 10,
        "median W2² accumulate " + w2Accumulate + " < accumulate-subsample " + w2Subsample + " < replace/10 " + w2Replace / 10);
    assertTrue(w2Accumulate < w2Keep && w2Keep < w2Replace / 10,
        "median W2² accumulate " + w2Accumulate + " < keep-original " + w2Keep + " < replace/10 " + w2Replace / 10);
  }
}
