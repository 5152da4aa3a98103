package org.tailguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tailguard.spec.SpecException;

class OptionsTest {

  @Test
  void defaults_areTheIssueSizes() {
    Options o = Options.defaults();
    assertEquals(1000, o.chains());
    assertEquals(1000, o.generations());
    assertEquals(100, o.gaussianSamples());
    assertEquals(1000, o.categoricalK());
    assertEquals(1000, o.categoricalSamples());
    assertEquals(Path.of("/usr/bin/python3"), o.python());
    assertEquals(List.of(BenchCase.GAUSSIAN, BenchCase.CATEGORICAL), o.caseList());
  }

  @Test
  void parse_appliesFlagsOverQuick() {
    Options o = Options.parse(List.of("--quick", "--threads", "2", "--cases", "gaussian", "--start", "uniform"));
    assertEquals(200, o.chains());
    assertEquals(2, o.threads());
    assertEquals(Set.of(BenchCase.GAUSSIAN), o.cases());
    assertEquals("uniform", o.start());
  }

  @Test
  void parse_badInput_namesTheFlag() {
    assertEquals("--chains: must be an integer, got 'x'",
        assertThrows(SpecException.class, () -> Options.parse(List.of("--chains", "x"))).getMessage());
    assertEquals("--threads: must be at least 1, got 0",
        assertThrows(SpecException.class, () -> Options.parse(List.of("--threads", "0"))).getMessage());
    assertEquals("--frobnicate: unknown option",
        assertThrows(SpecException.class, () -> Options.parse(List.of("--frobnicate", "1"))).getMessage());
    assertEquals("--json: needs a value",
        assertThrows(SpecException.class, () -> Options.parse(List.of("--json"))).getMessage());
    assertEquals("--cases: unknown case 'gauss'; expected one of gaussian, categorical",
        assertThrows(SpecException.class, () -> Options.parse(List.of("--cases", "gauss"))).getMessage());
    assertEquals("--start: must be zipf or uniform, got 'flat'",
        assertThrows(SpecException.class, () -> Options.parse(List.of("--start", "flat"))).getMessage());
  }
}
