package org.tailguard.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.tailguard.curate.Doc;
import org.tailguard.curate.DocWriter;
import org.tailguard.text.corpus.Document;
import org.tailguard.text.corpus.Split;

/** Small shard sets from the bundled corpora, with planted duplicates and junk, for executor tests. */
final class Fixtures {
  private Fixtures() {}

  /**
   * Writes {@code shards} JSONL shards from a split's documents, cut into paragraphs of at most 400 words, plus
   * planted exact duplicates (every 7th), near duplicates (every 11th, one word changed) and short junk.
   */
  static List<Shard> shards(Path dir, String split, int shards, int maxDocs, String ext) throws IOException {
    List<Doc> docs = new ArrayList<>();
    try (Stream<Document> in = Split.parse(split).documents()) {
      for (Document d : (Iterable<Document>) in::iterator) {
        String[] words = d.text().split("\\s+");
        for (int from = 0; from < words.length && docs.size() < maxDocs; from += 400) {
          String text = String.join(" ", java.util.Arrays.copyOfRange(words, from, Math.min(words.length, from + 400)));
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
      Path f = dir.resolve(String.format("part-%03d%s", s, ext));
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

  /** Every file under a directory with its bytes' SHA-256, by relative path (summary and markers excluded). */
  static Map<String, String> digest(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String rel = root.relativize(f).toString();
        if (rel.startsWith("summary") || rel.startsWith("done") || rel.startsWith("pipeline.json")) {
          continue;
        }
        out.put(rel, org.tailguard.provenance.Sha256.ofFile(f).hex());
      }
    }
    return out;
  }
}
