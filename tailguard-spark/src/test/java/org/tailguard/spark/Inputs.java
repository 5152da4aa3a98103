package org.tailguard.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.tailguard.curate.C4Quality;
import org.tailguard.curate.Doc;
import org.tailguard.curate.DocWriter;
import org.tailguard.curate.ExactDedupStage;
import org.tailguard.curate.FineWebQuality;
import org.tailguard.curate.GopherQuality;
import org.tailguard.curate.GopherRepetition;
import org.tailguard.curate.NearDedupStage;
import org.tailguard.exec.Pipeline;
import org.tailguard.exec.Shard;
import org.tailguard.provenance.Sha256;
import org.tailguard.text.corpus.Document;
import org.tailguard.text.corpus.Split;

/** Test inputs from the bundled corpora, the shared pipeline, Spark settings and file digests. */
final class Inputs {
  private Inputs() {}

  /** Every stage kind: document filters before, between and after two global (dedup) stages. */
  static Pipeline pipeline() {
    return Pipeline.of("spark-test", GopherQuality.Config.defaults(), ExactDedupStage.Config.defaults(),
        GopherRepetition.Config.defaults(), NearDedupStage.Config.defaults(), FineWebQuality.Config.defaults(),
        C4Quality.Config.defaults());
  }

  /** Spark settings for a loopback test run (no UI, few shuffle partitions). */
  static SparkConf conf(String master) {
    return new SparkConf().setMaster(master).setAppName("tailguard-spark-test")
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.default.parallelism", "2");
  }

  /**
   * Writes {@code shards} JSONL shards of a split's documents cut into paragraphs of at most 400 words, with
   * planted exact duplicates (every 7th, often in another shard), near duplicates (every 11th, one word
   * changed) and short junk (every 13th), dealt round-robin over the shards.
   */
  static List<Shard> shards(Path dir, String split, int shards, int maxDocs) throws IOException {
    List<Doc> docs = new ArrayList<>();
    try (Stream<Document> in = Split.parse(split).documents()) {
      for (Document d : (Iterable<Document>) in::iterator) {
        String[] words = d.text().split("\\s+");
        for (int from = 0; from < words.length && docs.size() < maxDocs; from += 400) {
          String text = String.join(" ", Arrays.copyOfRange(words, from, Math.min(words.length, from + 400)));
          docs.add(new Doc(d.id() + "-" + from / 400, text, split, null, null, Map.of("origin", d.id())));
        }
      }
    }
    List<Doc> all = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      Doc d = docs.get(i);
      all.add(d);
      if (i % 7 == 3) {
        all.add(new Doc(d.id() + "-copy", d.text(), split, null, null, Map.of()));
      }
      if (i % 11 == 5) {
        all.add(new Doc(d.id() + "-near", d.text().replaceFirst("\\bthe\\b", "a"), split, null, null, Map.of()));
      }
      if (i % 13 == 0) {
        all.add(new Doc(d.id() + "-junk", "click here ### ### ###", split, null, null, Map.of()));
      }
    }
    Files.createDirectories(dir);
    List<Shard> out = new ArrayList<>();
    for (int s = 0; s < shards; s++) {
      Path f = dir.resolve(String.format("part-%03d.jsonl.gz", s));
      try (DocWriter w = DocWriter.create(f)) {
        for (int i = s; i < all.size(); i += shards) {
          w.write(all.get(i));
        }
        w.commit();
      }
      out.add(Shard.of(f, split));
    }
    return out;
  }

  /**
   * Every file under a run directory with its bytes' SHA-256, by relative path. Left out: done markers (empty)
   * and {@code summary.json}, which names the output files by absolute path (compared separately).
   */
  static Map<String, String> digest(Path root) throws IOException {
    return digest(root, null);
  }

  /**
   * As {@link #digest(Path)}, but {@code pipeline.json} files are hashed with the folder {@code base} replaced
   * by a placeholder: they list the input shards by path, and a curation run materialises its inputs under its
   * own folder.
   */
  static Map<String, String> digest(Path root, Path base) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String rel = root.relativize(f).toString();
        if (rel.startsWith("done") || rel.equals("summary.json")) {
          continue;
        }
        if (base != null && f.getFileName().toString().equals("pipeline.json")) {
          String text = Files.readString(f).replace(base.toAbsolutePath().toString(), "BASE");
          out.put(rel, Sha256.of(text.getBytes(StandardCharsets.UTF_8)).hex());
        } else {
          out.put(rel, Sha256.ofFile(f).hex());
        }
      }
    }
    return out;
  }

  /** A summary.json with its run directory replaced by a placeholder, so two runs' summaries compare. */
  static String summary(Path root) throws IOException {
    return Files.readString(root.resolve("summary.json")).replace(root.toAbsolutePath().toString(), "RUN");
  }
}
