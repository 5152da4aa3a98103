package org.tailguard.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tailguard.models.ModelFamilies;
import org.tailguard.models.gmm.GmmSpec;
import org.tailguard.models.kde.KdeSpec;
import org.tailguard.spec.ExperimentSpec;

/** The mixture examples in {@code examples/} load, name what they reproduce, and run for two generations. */
class MixtureExamplesTest {
  private static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).resolve("../examples").normalize();

  @ParameterizedTest
  @ValueSource(strings = {"shumailov-gmm", "mad-25-modes", "kazdan-kde"})
  void example_loadsAndRuns(String name) throws Exception {
    ModelFamilies families = ModelFamilies.discover();
    ExperimentSpec spec = families.specLoader().load(EXAMPLES.resolve(name + ".yaml"));
    assertEquals(name, spec.name());
    assertTrue(spec.reproduces() != null && !spec.reproduces().isBlank());
    assertTrue(spec.description() != null && !spec.description().isBlank());
    switch (name) {
      case "shumailov-gmm" -> assertEquals(2, assertInstanceOf(GmmSpec.class, spec.model()).components());
      case "mad-25-modes" -> assertEquals(25, assertInstanceOf(GmmSpec.class, spec.model()).truth().toMixture().size());
      default -> assertEquals(0.5, assertInstanceOf(KdeSpec.class, spec.model()).bandwidth());
    }
    MemorySink sink = new MemorySink();
    new Simulator(1).run(spec.withSize(2, 2), families.create(spec.model()), sink, null);
    assertEquals(3, sink.size());
    assertEquals(spec.metrics().size(), sink.indicators().size());
  }
}
