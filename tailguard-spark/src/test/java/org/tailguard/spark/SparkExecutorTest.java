package org.tailguard.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.curate.ExactDedupStage;
import org.tailguard.curate.DocReader;
import org.tailguard.curate.GlobalStage;
import org.tailguard.curate.Mixer;
import org.tailguard.curate.MixtureSpec;
import org.tailguard.curate.MixtureSpecs;
import org.tailguard.curate.NearDedupStage;
import org.tailguard.curate.StageContext;
import org.tailguard.exec.Curation;
import org.tailguard.exec.LocalExecutor;
import org.tailguard.exec.RunSummary;
import org.tailguard.exec.Shard;
import org.tailguard.spec.SpecException;
import scala.Tuple2;

/**
 * The Spark executor in local mode ({@code local[2]}, one context for the class): it writes byte for byte the
 * files the embedded executor writes, resumes like it, and its exact-dedup shuffle decides as the stage does.
 */
class SparkExecutorTest {
  static JavaSparkContext spark;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    spark = new JavaSparkContext(Inputs.conf("local[2]"));
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.close();
    }
  }

  @Test
  void outputs_identicalToLocalExecutor() throws Exception {
    List<Shard> shards = Inputs.shards(tmp.resolve("in"), "sotu:test", 4, 160);
    long t0 = System.nanoTime();
    RunSummary local = new LocalExecutor(tmp.resolve("local"), 2).run(Inputs.pipeline(), shards);
    long t1 = System.nanoTime();
    RunSummary onSpark = new SparkExecutor(spark, tmp.resolve("spark"), new StageContext())
        .run(Inputs.pipeline(), shards);
    long t2 = System.nanoTime();
    System.out.printf("same input: embedded executor %.2f s, Spark local[2] %.2f s%n", (t1 - t0) / 1e9,
        (t2 - t1) / 1e9);

    Map<String, String> expected = Inputs.digest(tmp.resolve("local"));
    assertTrue(expected.keySet().stream().anyMatch(f -> f.startsWith("output/")), "kept documents compared");
    assertTrue(expected.containsKey("excluded/exact_dedup/part-001.jsonl.zst"), "exclusions compared");
    assertTrue(expected.containsKey("global/near_dedup.removals.jsonl"), "global decisions compared");
    assertEquals(expected, Inputs.digest(tmp.resolve("spark")));
    assertEquals(Inputs.summary(tmp.resolve("local")), Inputs.summary(tmp.resolve("spark")));
    // The planted duplicates were found, so the comparison covers real removals.
    assertTrue(onSpark.stage("exact_dedup").get("dropped_exact_duplicate") > 0);
    assertTrue(onSpark.stage("near_dedup").get("dropped_near_duplicate") > 0);
    assertEquals(local.documentsOut(), onSpark.documentsOut());
  }

  @Test
  void rerun_reusesFinishedShardsAndKeepsTheBytes() throws Exception {
    List<Shard> shards = Inputs.shards(tmp.resolve("in"), "sotu:test", 3, 90);
    Path out = tmp.resolve("spark");
    RunSummary first = new SparkExecutor(spark, out, new StageContext()).run(Inputs.pipeline(), shards);
    Map<String, String> before = Inputs.digest(out);
    // A killed run: the last phase of one shard never finished.
    Files.delete(out.resolve("done/phase-2/part-001"));
    RunSummary again = new SparkExecutor(spark, out, new StageContext()).run(Inputs.pipeline(), shards);
    assertEquals(1, again.tasksRun());
    assertEquals(first.tasksRun() - 1, again.tasksSkipped());
    assertEquals(before, Inputs.digest(out));
  }

  @Test
  void corruptShard_failsWithItsFileAndLineAndKeepsFinishedShards() throws Exception {
    List<Shard> shards = new ArrayList<>(Inputs.shards(tmp.resolve("in"), "sotu:test", 2, 40));
    Path bad = tmp.resolve("in").resolve("bad.jsonl");
    Files.writeString(bad, "{\"id\": \"a\", \"text\": \"fine\"}\n{\"id\": \"b\", \"text\": \n");
    shards.add(Shard.of(bad, "test"));
    Path out = tmp.resolve("spark");
    SpecException e = assertThrows(SpecException.class,
        () -> new SparkExecutor(spark, out, new StageContext()).run(Inputs.pipeline(), shards));
    assertTrue(e.getMessage().contains("bad.jsonl:2"), e.getMessage());
    // local[2] starts the bad shard only when one of the good ones has finished (Spark then kills the other).
    List<String> finished = List.of("part-000", "part-001").stream()
        .filter(id -> Files.exists(out.resolve("done/phase-0/" + id))).toList();
    assertTrue(!finished.isEmpty(), "a good shard finished before the bad one failed");
    for (String id : finished) {
      assertTrue(Files.exists(out.resolve("work/phase-0/" + id + ".keys")), id + " keeps its outputs");
    }
  }

  @Test
  void exactDedupShuffle_decidesAsTheStage() {
    // Equal hashes within a shard, across shards, and first seen in a later shard than a lower position.
    long[][] shard0 = {{1, 1}, {2, 2}, {1, 1}, {3, 3}};
    long[][] shard1 = {{3, 3}, {4, 4}, {2, 2}, {1, 1}};
    long[][] shard2 = {{5, 5}, {4, 4}, {4, 4}};
    List<long[][]> keys = List.of(shard0, shard1, shard2);
    List<Tuple2<SparkExecutor.ContentHash, Long>> rows = new ArrayList<>();
    for (int s = 0; s < keys.size(); s++) {
      for (int i = 0; i < keys.get(s).length; i++) {
        rows.add(new Tuple2<>(new SparkExecutor.ContentHash(keys.get(s)[i][0], keys.get(s)[i][1]),
            SparkExecutor.globalIndex(s, i)));
      }
    }
    JavaPairRDD<SparkExecutor.ContentHash, Long> rdd = spark.parallelizePairs(rows, 3);
    List<GlobalStage.Removal> expected = ExactDedupStage.Config.defaults().build(new StageContext()) instanceof
        GlobalStage g ? g.decide(keys) : List.of();
    assertEquals(6, expected.size());
    assertEquals(expected, SparkExecutor.exactDuplicates(rdd));
  }

  @Test
  void nearDedupShuffle_decidesAsTheStage_withAndWithoutVerification() throws Exception {
    List<Shard> shards = Inputs.shards(tmp.resolve("in"), "sotu:test", 3, 90);
    for (boolean verify : new boolean[] {true, false}) {
      NearDedupStage.Config config = new NearDedupStage.Config(null, null, null, null, null, null, verify, null);
      NearDedupStage stage = (NearDedupStage) config.build(new StageContext());
      List<long[][]> keys = new ArrayList<>();
      List<Tuple2<Long, long[]>> rows = new ArrayList<>();
      for (int s = 0; s < shards.size(); s++) {
        List<long[]> k = new ArrayList<>();
        try (DocReader in = DocReader.open(shards.get(s).file(), "test")) {
          while (in.hasNext()) {
            long[] key = stage.key(in.next());
            rows.add(new Tuple2<>(SparkExecutor.globalIndex(s, k.size()), key));
            k.add(key);
          }
        }
        keys.add(k.toArray(long[][]::new));
      }
      List<GlobalStage.Removal> expected = stage.decide(keys);
      assertTrue(expected.size() >= 3, "the planted near duplicates are found");
      assertEquals(expected, SparkExecutor.nearDuplicates(spark.parallelizePairs(rows, 3), stage.lsh().bands(),
          config), "verify " + verify);
    }
  }

  @Test
  void mixture_identicalToEmbeddedRun() throws Exception {
    MixtureSpec spec = MixtureSpecs.parse(MIXTURE, "test mixture");
    StageContext context = new StageContext();
    Curation.Result local = Curation.run(spec, tmp.resolve("local"), 2, null, null);
    Curation.Result onSpark = Curation.run(spec, tmp.resolve("spark"), dir -> new SparkExecutor(spark, dir, context),
        null, context);
    for (int i = 0; i < local.quotas().size(); i++) {
      Mixer.Quota q = onSpark.quotas().get(i);
      assertEquals(0, q.shortfall(), q.source());
      assertEquals(q.target(), q.selected(), q.source() + " meets its quota");
    }
    Map<String, String> expected = Inputs.digest(tmp.resolve("local").resolve("training-set"));
    assertEquals(4, expected.size(), "three sources and mixture.json");
    assertEquals(expected, Inputs.digest(tmp.resolve("spark").resolve("training-set")));
    for (String source : List.of("human", "web", "synthetic")) {
      Path l = tmp.resolve("local").resolve("sources").resolve(source);
      Path s = tmp.resolve("spark").resolve("sources").resolve(source);
      assertEquals(Inputs.digest(l, tmp.resolve("local")), Inputs.digest(s, tmp.resolve("spark")), source);
      assertEquals(Inputs.summary(l), Inputs.summary(s), source);
    }
  }

  /** A small three-tier mixture over the bundled corpora and text from our own bigram model. */
  static final String MIXTURE = """
      name: spark-mix
      seed: 42
      budget: {unit: tokens, total: 8000, overflow: truncate}
      shard_documents: 40
      sources:
        - name: human
          tier: 1
          weight: 0.7
          licence: PDDL-1.0
          inputs: [{split: sotu:test}]
          filters: [{type: exact_dedup}, {type: gopher_quality}]
        - name: web
          tier: 3
          weight: 0.2
          licence: PDDL-1.0
          inputs:
            - split: sotu:test
            - generate: {train: sotu:test, order: 2, documents: 10, sentences: 10, seed: 7}
          filters: [{type: exact_dedup}, {type: near_dedup}, {type: gopher_repetition}]
        - name: synthetic
          tier: 3
          weight: 0.1
          licence: CC0-1.0
          inputs:
            - generate: {train: sotu:test, order: 2, documents: 12, sentences: 12, seed: 11}
          filters: [{type: gopher_quality}]
      """;
}
