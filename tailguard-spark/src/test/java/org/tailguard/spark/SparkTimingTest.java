package org.tailguard.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.curate.DocReader;
import org.tailguard.curate.StageContext;
import org.tailguard.exec.LocalExecutor;
import org.tailguard.exec.Shard;

/**
 * Wall time of the embedded executor against Spark local mode on the same shards, each after a warm-up run
 * (opt-in: {@code -Dtailguard.spark.timing=true}; figures in BENCHMARKS.md).
 */
@EnabledIfSystemProperty(named = "tailguard.spark.timing", matches = "true")
class SparkTimingTest {
  @TempDir
  Path tmp;

  @Test
  void timing_embeddedAgainstSparkLocal() throws Exception {
    int threads = Integer.getInteger("tailguard.spark.threads", 2);
    List<Shard> shards = Inputs.shards(tmp.resolve("in"), "sotu:train", 8, 2000);
    try (JavaSparkContext spark = new JavaSparkContext(Inputs.conf("local[" + threads + "]"))) {
      double[] local = new double[2];
      double[] onSpark = new double[2];
      for (int round = 0; round < 2; round++) {
        long t0 = System.nanoTime();
        new LocalExecutor(tmp.resolve("local-" + round), threads).run(Inputs.pipeline(), shards);
        long t1 = System.nanoTime();
        new SparkExecutor(spark, tmp.resolve("spark-" + round), new StageContext()).run(Inputs.pipeline(), shards);
        long t2 = System.nanoTime();
        local[round] = (t1 - t0) / 1e9;
        onSpark[round] = (t2 - t1) / 1e9;
      }
      long docs = 0;
      for (Shard s : shards) {
        try (DocReader in = DocReader.open(s.file(), s.source())) {
          while (in.hasNext()) {
            in.next();
            docs++;
          }
        }
      }
      System.out.printf("%d documents in %d shards, %d threads: embedded %.2f s (warm-up %.2f s), "
          + "Spark local[%d] %.2f s (warm-up %.2f s), ratio %.2f%n", docs, shards.size(), threads, local[1], local[0],
          threads, onSpark[1], onSpark[0], onSpark[1] / local[1]);
      assertEquals(Inputs.digest(tmp.resolve("local-1")), Inputs.digest(tmp.resolve("spark-1")));
    }
  }
}
