package org.tailguard.text.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The human corpora bundled in the jar, so that a fresh clone or the shaded CLI needs no download.
 *
 * <p>Each is a gzip JSONL resource next to {@code manifest.json} in this package's resource folder, made by
 * {@code scripts/prepare-corpora.sh} from a pinned npm tarball (sources and licences: the manifest, and
 * {@code data.md} §1):
 * <ul>
 *   <li>{@link #SOTU}: the 233 State of the Union addresses 1790–2021, one document per address, with
 *       {@code year}, {@code president}, {@code party}; public domain (PDDL-1.0 and CC0-1.0).</li>
 *   <li>{@link #BROWN}: the 500 files of the Brown corpus (Francis and Kučera 1964/1979) in 15 genres, POS tags
 *       stripped, one tokenised sentence per line, with {@code file}, {@code genre}, {@code split}.</li>
 *   <li>{@link #MOBY_DICK}: Melville's Moby-Dick, chapters 1–135 and the epilogue (numbered 136), with
 *       {@code chapter} and {@code title}; public domain (PDDL-1.0 and CC0-1.0).</li>
 * </ul>
 * Named subsets of them are {@link Split}s.
 */
public enum BundledCorpus {
  SOTU("sotu", false),
  BROWN("brown", true),
  MOBY_DICK("moby-dick", false);

  private static final String FOLDER = "/org/tailguard/text/corpus/";

  private final String id;
  private final boolean sentencePerLine;

  BundledCorpus(String id, boolean sentencePerLine) {
    this.id = id;
    this.sentencePerLine = sentencePerLine;
  }

  /** The corpus's name in split specs and the manifest, such as {@code moby-dick}. */
  public String id() {
    return id;
  }

  /**
   * Whether each line of a document's text is one sentence (Brown ships one tokenised sentence per line), so
   * that a tokenizer may trust the lines instead of detecting sentences.
   */
  public boolean sentencePerLine() {
    return sentencePerLine;
  }

  /** The corpus named {@code id} (such as {@code sotu}), or null. */
  public static BundledCorpus byId(String id) {
    for (BundledCorpus c : values()) {
      if (c.id.equals(id)) {
        return c;
      }
    }
    return null;
  }

  /** The classpath resource of the bundled file, such as {@code /org/tailguard/text/corpus/sotu.jsonl.gz}. */
  public String resource() {
    return FOLDER + info().file();
  }

  /** The bundled file's raw (gzip) bytes, for checking its hash. */
  public InputStream openRaw() {
    InputStream in = BundledCorpus.class.getResourceAsStream(resource());
    if (in == null) {
      throw new IllegalStateException("bundled corpus missing from the classpath: " + resource());
    }
    return in;
  }

  /** A reader of all documents, in the bundled order; bundled data is valid, so bad input fails. */
  public DocumentReader open() {
    return DocumentReader.open(openRaw(), info().file(), ReadOptions.of(TextFormat.JSONL));
  }

  /** All documents as a stream, to be closed. */
  public Stream<Document> documents() {
    return open().stream();
  }

  /** The corpus's manifest entry. */
  public CorpusInfo info() {
    return Manifest.INFO.get(this);
  }

  /** The manifest, parsed once. */
  private static final class Manifest {
    static final Map<BundledCorpus, CorpusInfo> INFO = load();

    private static Map<BundledCorpus, CorpusInfo> load() {
      try (InputStream in = BundledCorpus.class.getResourceAsStream(FOLDER + "manifest.json")) {
        if (in == null) {
          throw new IllegalStateException("bundled corpus manifest missing from the classpath: " + FOLDER + "manifest.json");
        }
        JsonNode corpora = new ObjectMapper().readTree(in).required("corpora");
        Map<BundledCorpus, CorpusInfo> out = new EnumMap<>(BundledCorpus.class);
        for (BundledCorpus c : values()) {
          JsonNode e = corpora.required(c.id);
          out.put(c, new CorpusInfo(c.id, e.required("file").asText(), e.required("source").asText(),
              e.required("tarball_sha256").asText(), e.required("package_license").asText(),
              e.required("data_license").asText(), e.required("sha256").asText(), e.required("jsonl_sha256").asText(),
              e.required("bytes").asLong(), e.required("documents").asInt(), e.required("words").asLong()));
        }
        return out;
      } catch (IOException e) {
        throw new UncheckedIOException("bundled corpus manifest: " + e.getMessage(), e);
      }
    }
  }
}
