package org.tailguard.curate.dedup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.tailguard.spec.SpecException;

/**
 * Reads the bundled corpora (gzip JSONL with a {@code text} field, under
 * {@code org/tailguard/text/corpus/} in tailguard-text) and cuts them into fixed-length word chunks, the
 * documents of the dedup evaluation and benchmark.
 */
public final class CorpusTexts {
  /** The bundled corpora, in the order they are read. */
  public static final List<String> BUNDLED = List.of("sotu", "brown", "moby-dick");

  private static final String ROOT = "org/tailguard/text/corpus/";

  private CorpusTexts() {}

  /** True if the bundled corpus is on the classpath. */
  public static boolean available(String name) {
    return CorpusTexts.class.getClassLoader().getResource(ROOT + name + ".jsonl.gz") != null;
  }

  /**
   * The {@code text} fields of one bundled corpus, in file order.
   *
   * @throws SpecException if the corpus is not on the classpath or a line has no text
   */
  public static List<String> texts(String name) {
    InputStream in = CorpusTexts.class.getClassLoader().getResourceAsStream(ROOT + name + ".jsonl.gz");
    if (in == null) {
      throw new SpecException("corpus", "bundled corpus '" + name + "' is not on the classpath");
    }
    try (InputStream gz = new GZIPInputStream(in)) {
      return texts(gz, name);
    } catch (IOException e) {
      throw new UncheckedIOException("reading bundled corpus " + name, e);
    }
  }

  /** The {@code text} fields of a JSONL stream. */
  static List<String> texts(InputStream jsonl, String what) throws IOException {
    ObjectMapper om = new ObjectMapper();
    List<String> out = new ArrayList<>();
    BufferedReader r = new BufferedReader(new InputStreamReader(jsonl, StandardCharsets.UTF_8));
    int lineNo = 0;
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode text = om.readTree(line).get("text");
      if (text == null || !text.isTextual()) {
        throw new SpecException(what + ":" + lineNo + ": no \"text\" string field");
      }
      out.add(text.asText());
    }
    return out;
  }

  /**
   * Consecutive non-overlapping chunks of exactly {@code words} whitespace-separated words of each text;
   * a text's shorter tail is dropped.
   */
  public static List<String> chunks(List<String> texts, int words) {
    List<String> out = new ArrayList<>();
    for (String t : texts) {
      String[] w = t.trim().split("\\s+");
      for (int i = 0; i + words <= w.length; i += words) {
        out.add(String.join(" ", java.util.Arrays.copyOfRange(w, i, i + words)));
      }
    }
    return out;
  }

  /**
   * Synthetic documents of Zipf-distributed made-up words (exponent 0.8 over a 50 000-word vocabulary: a
   * heavy head, but flat enough that unrelated documents rarely share a 5-gram), for tests and benchmarks
   * run without the corpora.
   */
  public static List<String> synthetic(int docs, int words, org.apache.commons.rng.UniformRandomProvider rng) {
    var zipf = org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler.of(rng, 50_000, 0.8);
    List<String> out = new ArrayList<>(docs);
    StringBuilder sb = new StringBuilder();
    for (int d = 0; d < docs; d++) {
      sb.setLength(0);
      for (int w = 0; w < words; w++) {
        if (w > 0) {
          sb.append(' ');
        }
        sb.append('w').append(Integer.toString(zipf.sample(), 36));
      }
      out.add(sb.toString());
    }
    return out;
  }

  /** Chunks of every bundled corpus present on the classpath, in {@link #BUNDLED} order. */
  public static List<String> bundledChunks(int words) {
    List<String> out = new ArrayList<>();
    for (String c : BUNDLED) {
      if (available(c)) {
        out.addAll(chunks(texts(c), words));
      }
    }
    return out;
  }
}
