package org.tailguard.text.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bundled files against their manifest, and their counts, recomputed here along a path independent of
 * {@link DocumentReader} (gunzip, split at LF, Jackson's tree model).
 */
class BundledCorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The raw bytes and the records of a bundled file, read without the reader under test. */
  record Raw(byte[] gzip, byte[] jsonl, List<JsonNode> records) {}

  private static final Map<BundledCorpus, Raw> RAW = new java.util.concurrent.ConcurrentHashMap<>();

  /** The raw file, read once per test JVM (the tests only read it). */
  static Raw raw(BundledCorpus c) {
    return RAW.computeIfAbsent(c, k -> {
      try {
        return read(k);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  private static Raw read(BundledCorpus c) throws IOException {
    byte[] gz;
    try (InputStream in = c.openRaw()) {
      gz = in.readAllBytes();
    }
    byte[] jsonl;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      jsonl = in.readAllBytes();
    }
    List<JsonNode> records = new ArrayList<>();
    for (String line : new String(jsonl, StandardCharsets.UTF_8).split("\n")) {
      records.add(JSON.readTree(line));
    }
    return new Raw(gz, jsonl, records);
  }

  static String sha256(byte[] b) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  /** Whitespace-separated tokens, the manifest's "words" (the preparation leaves only ' ' and LF as whitespace). */
  static long words(String text) {
    long n = 0;
    boolean in = false;
    for (int i = 0; i < text.length(); i++) {
      boolean space = text.charAt(i) == ' ' || text.charAt(i) == '\n';
      if (!space && !in) {
        n++;
      }
      in = !space;
    }
    return n;
  }

  @ParameterizedTest
  @EnumSource(BundledCorpus.class)
  void manifest_hashesMatchTheBundledFile(BundledCorpus c) throws Exception {
    Raw raw = raw(c);
    CorpusInfo info = c.info();
    assertEquals(info.sha256(), sha256(raw.gzip()), c + ": gzip SHA-256");
    assertEquals(info.jsonlSha256(), sha256(raw.jsonl()), c + ": JSONL SHA-256");
    assertEquals(info.bytes(), raw.gzip().length, c + ": size");
    assertEquals(c.id() + ".jsonl.gz", info.file());
    assertTrue(info.tarballSha256().matches("[0-9a-f]{64}"), info.tarballSha256());
    assertTrue(info.source().matches(".+@\\d+\\.\\d+\\.\\d+"), info.source());
  }

  @ParameterizedTest
  @EnumSource(BundledCorpus.class)
  void manifest_countsMatchTheBundledFile(BundledCorpus c) throws Exception {
    Raw raw = raw(c);
    long words = 0;
    for (JsonNode r : raw.records()) {
      words += words(r.get("text").asText());
    }
    assertEquals(c.info().documents(), raw.records().size(), c + ": documents");
    assertEquals(c.info().words(), words, c + ": words");
  }

  @ParameterizedTest
  @EnumSource(BundledCorpus.class)
  void reader_yieldsEveryRecordUnchanged(BundledCorpus c) throws Exception {
    Raw raw = raw(c);
    List<Document> docs;
    try (Stream<Document> s = c.documents()) {
      docs = s.toList();
    }
    assertEquals(raw.records().size(), docs.size());
    for (int i = 0; i < docs.size(); i++) {
      JsonNode r = raw.records().get(i);
      Document d = docs.get(i);
      assertEquals(r.get("id").asText(), d.id());
      assertEquals(r.get("text").asText(), d.text());
      Map<String, String> meta = new LinkedHashMap<>();
      r.properties().forEach(e -> {
        if (!e.getKey().equals("id") && !e.getKey().equals("text")) {
          meta.put(e.getKey(), e.getValue().asText());
        }
      });
      assertEquals(meta, d.metadata(), d.id());
    }
  }

  /** data.md §1.1: 233 addresses 1790–2021, 1,794,882 words by wc -w; ours differs by cleaning only. */
  @Test
  void sotu_isPlausibleAgainstDataMd() throws Exception {
    List<JsonNode> records = raw(BundledCorpus.SOTU).records();
    assertEquals(233, records.size());
    assertEquals(1790, records.getFirst().get("year").asInt());
    assertEquals(2021, records.getLast().get("year").asInt());
    assertEquals(1_794_882, BundledCorpus.SOTU.info().words(), 1_794_882 * 0.001);
    for (JsonNode r : records) {
      for (String k : List.of("id", "year", "president", "party", "text")) {
        assertNotNull(r.get(k), r + " lacks " + k);
      }
    }
  }

  /** data.md §1.2: 500 files in 15 genres, 1,165,171 tokens (NLTK's brown.words() gives 1,161,192). */
  @Test
  void brown_isPlausibleAgainstDataMd() throws Exception {
    List<JsonNode> records = raw(BundledCorpus.BROWN).records();
    assertEquals(500, records.size());
    assertEquals(1_165_171, BundledCorpus.BROWN.info().words(), 1_165_171 * 0.01);
    Map<String, String> genreOfLetter = new TreeMap<>();
    long slashed = 0;
    for (JsonNode r : records) {
      String file = r.get("file").asText();
      assertTrue(file.matches("c[a-r]\\d\\d"), file);
      String previous = genreOfLetter.putIfAbsent(file.substring(1, 2), r.get("genre").asText());
      assertTrue(previous == null || previous.equals(r.get("genre").asText()), file + ": genre differs from its letter's");
      for (String token : r.get("text").asText().split("[ \n]")) {
        slashed += token.indexOf('/') >= 0 ? 1 : 0;
      }
    }
    // Tagged, every token had a slash; stripped, only words such as "and/or" and "1/2" keep one.
    assertTrue(slashed < BundledCorpus.BROWN.info().words() / 1000, slashed + " tokens with a slash");
    assertEquals("The Fulton County Grand Jury said Friday an investigation of Atlanta's recent primary election produced"
        + " `` no evidence '' that any irregularities took place .", records.getFirst().get("text").asText().split("\n")[0]);
    assertEquals(15, genreOfLetter.size());
    assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r"), List.copyOf(genreOfLetter.keySet()));
    assertEquals(Split.BROWN_GENRES, List.copyOf(genreOfLetter.values()));
  }

  /** data.md §1.3: 208,160 words for chapters 1–135 with their headings; ours drops headings, adds the epilogue. */
  @Test
  void mobyDick_isPlausibleAgainstDataMd() throws Exception {
    List<JsonNode> records = raw(BundledCorpus.MOBY_DICK).records();
    assertEquals(Split.MOBY_DICK_CHAPTERS, records.size());
    for (int i = 0; i < records.size(); i++) {
      assertEquals(i + 1, records.get(i).get("chapter").asInt());
    }
    assertTrue(records.getFirst().get("text").asText().startsWith("Call me Ishmael."));
    assertEquals(208_160, BundledCorpus.MOBY_DICK.info().words(), 208_160 * 0.01);
  }
}
