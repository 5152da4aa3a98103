package org.tailguard.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pipeline benchmark's quick mode runs and reports; {@code -Dbench.full=true} runs the 100 MB / 1 GB
 * measurement instead (minutes): {@code mvn -pl tailguard-guard -am test -Dtest=PipelineBenchmarkTest
 * -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Dbench.full=true}.
 */
class PipelineBenchmarkTest {
  @Test
  void benchmark_reportsBothSizes() {
    boolean full = Boolean.getBoolean("bench.full");
    List<PipelineBenchmark.Result> r = PipelineBenchmark.run(System.out, !full);
    assertEquals(2, r.size());
    assertTrue(r.get(1).inputBytes() >= 3.5 * r.get(0).inputBytes());
    assertTrue(r.get(1).documents() > r.get(0).documents());
    for (PipelineBenchmark.Result x : r) {
      assertTrue(x.kept() > 0 && x.kept() < x.documents(), "the pipeline removes duplicates and keeps the rest");
      assertTrue(x.seconds() > 0 && x.peakHeapMb() > 0 && x.cpuSeconds() > 0);
    }
  }
}
