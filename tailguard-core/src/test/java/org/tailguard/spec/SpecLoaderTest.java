package org.tailguard.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tailguard.models.ModelFamilies;
import org.tailguard.models.gaussian.Estimator;
import org.tailguard.models.gaussian.GaussianSpec;

class SpecLoaderTest {
  private final SpecLoader loader = ModelFamilies.discover().specLoader();

  private static final String GOOD = """
      name: g1
      seed: 3
      chains: 10
      generations: 5
      model:
        family: gaussian
        estimator: mle
      workflow:
        type: keep-original
        samples: 100
        keep: 0.1
      """;

  @Test
  void goodSpec_loadsWithDefaults() {
    ExperimentSpec s = loader.parse(GOOD, "good.yaml");
    assertEquals(new GaussianSpec(1, Estimator.MLE, 0.0, 1.0, 500), s.model());
    assertEquals(10, s.workflow().keptOriginal());
    assertEquals(90, s.workflow().synthetic());
    assertEquals(1.0, s.workflow().bias());
    assertEquals(1, s.checkpointEvery());
  }

  @Test
  void canonicalJson_roundTrips_andHashIsStable() {
    ExperimentSpec s = loader.parse(GOOD, "good.yaml");
    assertEquals(s, loader.fromCanonicalJson(loader.toCanonicalJson(s)));
    assertEquals(s, loader.parse(loader.toYaml(s), "again.yaml"));
    assertEquals(loader.sha256(s), loader.sha256(loader.parse(loader.toYaml(s), "again.yaml")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      M below 2            | samples: 100      | samples: 1      | spec.yaml:10: workflow.samples: must be at least 2, got 1
      gamma above 1        | keep: 0.1         | keep: 1.5       | spec.yaml:11: workflow.keep: must be in [0.0, 1.0], got 1.5
      gamma NaN            | keep: 0.1         | keep: .nan      | spec.yaml:11: workflow.keep: 
      unknown field        | keep: 0.1         | kep: 0.1        | spec.yaml:11: workflow.kep: unknown field; known fields:
      unknown workflow     | type: keep-original | type: recycle | spec.yaml:9: workflow.type: unknown workflow 'recycle'; expected one of replace, accumulate, accumulate-subsample, fresh, keep-original
      unknown family       | family: gaussian  | family: poisson | spec.yaml:6: model.family: unknown family 'poisson'; expected one of
      unknown estimator    | estimator: mle    | estimator: ols  | spec.yaml:7: model.estimator: unknown estimator 'ols'
      wrong type           | chains: 10        | chains: many    | spec.yaml:3: chains: expected a whole number, got "many"
      float for int        | chains: 10        | chains: 2.5     | spec.yaml:3: chains: expected a whole number, got 2.5
      negative variance    | estimator: mle    | variance: -1    | spec.yaml:7: model.variance: must be positive, got -1.0
      zero chains          | chains: 10        | chains: 0       | spec.yaml:3: chains: must be at least 1, got 0
      duplicate key        | seed: 3           | seed: 3\\nseed: 4 | spec.yaml:3: malformed YAML: Duplicate field 'seed'
      irrelevant parameter | keep: 0.1         | keep: 0.1\\n  subsample: 5 | spec.yaml:12: workflow.subsample: is not allowed here: only accumulate-subsample uses it
      bad name             | name: g1          | name: 'a b'     | spec.yaml:1: name: must be 1-80 letters
      """)
  void badSpec_givesOneLineErrorNamingFileLineAndField(String why, String from, String to, String expected) {
    String text = GOOD.replace(from, to.replace("\\n", "\n"));
    SpecException e = assertThrows(SpecException.class, () -> loader.parse(text, "spec.yaml"), why);
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    assertTrue(e.getMessage().startsWith(expected.trim()), why + ": got «" + e.getMessage() + "»");
  }

  @Test
  void missingFile_emptyFile_invalidUtf8(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("missing.yaml");
    assertTrue(assertThrows(SpecException.class, () -> loader.load(missing)).getMessage()
        .equals(missing + ": no such file"));
    Path empty = Files.writeString(dir.resolve("empty.yaml"), "  \n");
    assertEquals(empty + ": the spec is empty", assertThrows(SpecException.class, () -> loader.load(empty)).getMessage());
    Path bad = Files.write(dir.resolve("bad.yaml"), new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xC3, (byte) 0x28});
    assertEquals(bad + ": not valid UTF-8", assertThrows(SpecException.class, () -> loader.load(bad)).getMessage());
  }

  @Test
  void malformedYaml_namesTheLine() {
    SpecException e = assertThrows(SpecException.class, () -> loader.parse("name: x\nmodel: [unclosed\n", "m.yaml"));
    assertTrue(e.getMessage().startsWith("m.yaml:2:"), e.getMessage());
    assertTrue(e.getMessage().contains("malformed YAML"), e.getMessage());
  }
}
