package org.tailguard.text.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tailguard.sim.MemorySink;
import org.tailguard.sim.Simulator;
import org.tailguard.spec.ExperimentSpec;

/** The n-gram examples load, name their sources, and run (two generations on 300 sentences). */
class NGramExamplesTest {
  static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).resolve("../examples").normalize();

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> s = Files.list(EXAMPLES)) {
      return s.filter(p -> p.getFileName().toString().startsWith("ngram-")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void example_loadsAndRuns(Path file) throws IOException {
    ExperimentSpec spec = NGramLabTest.FAMILIES.specLoader().load(file);
    assertEquals(file.getFileName().toString().replace(".yaml", ""), spec.name());
    assertFalse(spec.reproduces() == null || spec.reproduces().isBlank());
    ExperimentSpec small = spec.withSize(1, 1).withWorkflow(spec.workflow().withSamples(300));
    MemorySink sink = new MemorySink();
    new Simulator(2).run(small, NGramLabTest.FAMILIES.create(small.model()), sink, null);
    assertEquals(2, sink.size());
  }
}
