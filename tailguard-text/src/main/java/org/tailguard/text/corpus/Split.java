package org.tailguard.text.corpus;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.tailguard.spec.SpecException;

/**
 * A named, deterministic subset of a bundled corpus, such as {@code sotu:train} or {@code brown:test}.
 *
 * <p>The splits (data.md §7):
 * <ul>
 *   <li>SOTU by year: {@code sotu:train} is the addresses before {@value #SOTU_TEST_FROM},
 *       {@code sotu:test} those from {@value #SOTU_TEST_FROM} on; {@code sotu} is all of them.</li>
 *   <li>Brown by file within each genre: of a genre's n files in file order (ca01, ca02, …), the last
 *       ⌈n/10⌉ are {@code brown:test}, the ⌈n/10⌉ before them {@code brown:dev}, the rest
 *       {@code brown:train} (392/54/54 files), so every genre is in every split. The preparation script
 *       writes each file's split into its record and the tests re-derive it from this rule.
 *       {@code brown:PART:GENRE} restricts a part ({@code all}, {@code train}, {@code dev}, {@code test}) to
 *       one genre, such as {@code brown:test:news}.</li>
 *   <li>Moby-Dick is held-out test text: {@code moby-dick} (or {@code moby-dick:test}) is the whole book, one
 *       document per chapter; {@code moby-dick:N} is chapter N and {@code moby-dick:N-M} chapters N to M
 *       (1–136, 136 being the epilogue).</li>
 * </ul>
 * {@code CORPUS:all} is the same as {@code CORPUS}. The documents come in the bundled order.
 */
public final class Split {
  /** The first year of {@code sotu:test}. */
  public static final int SOTU_TEST_FROM = 1990;
  /** The last Moby-Dick chapter number (the epilogue). */
  public static final int MOBY_DICK_CHAPTERS = 136;
  /** The 15 Brown genres in file-letter order (a, b, c, d, e, f, g, h, j, k, l, m, n, p, r), with NLTK's names. */
  public static final List<String> BROWN_GENRES = List.of("news", "editorial", "reviews", "religion", "hobbies",
      "lore", "belles_lettres", "government", "learned", "fiction", "mystery", "science_fiction", "adventure",
      "romance", "humor");
  private static final List<String> BROWN_PARTS = List.of("all", "train", "dev", "test");

  private final String name;
  private final BundledCorpus corpus;
  private final Predicate<Document> filter;

  private Split(String name, BundledCorpus corpus, Predicate<Document> filter) {
    this.name = name;
    this.corpus = corpus;
    this.filter = filter;
  }

  /** The whole of a corpus. */
  public static Split all(BundledCorpus corpus) {
    return new Split(corpus.id(), corpus, d -> true);
  }

  /** {@link #parse(String, String)} for the field {@code split}. */
  public static Split parse(String spec) {
    return parse("split", spec);
  }

  /**
   * The split a name denotes.
   *
   * @param field the spec field or option being parsed, for the message
   * @throws SpecException naming the field and listing the known names if {@code spec} is not one
   */
  public static Split parse(String field, String spec) {
    if (spec == null) {
      throw new SpecException(field, "is required; known splits: " + String.join(", ", names()));
    }
    String[] parts = spec.trim().split(":", -1);
    BundledCorpus corpus = BundledCorpus.byId(parts[0]);
    if (corpus == null || parts.length > (corpus == BundledCorpus.BROWN ? 3 : 2)) {
      throw unknown(field, spec);
    }
    String part = parts.length > 1 ? parts[1] : "all";
    return switch (corpus) {
      case SOTU -> switch (part) {
        case "all" -> all(corpus);
        case "train" -> new Split("sotu:train", corpus, d -> d.getInt("year") < SOTU_TEST_FROM);
        case "test" -> new Split("sotu:test", corpus, d -> d.getInt("year") >= SOTU_TEST_FROM);
        default -> throw unknown(field, spec);
      };
      case BROWN -> brown(field, spec, part, parts.length > 2 ? parts[2] : null);
      case MOBY_DICK -> part.equals("all") || part.equals("test") ? new Split(part.equals("all") ? "moby-dick" : "moby-dick:test", corpus, d -> true)
          : chapters(field, spec, part);
    };
  }

  private static Split brown(String field, String spec, String part, String genre) {
    if (!BROWN_PARTS.contains(part) || (genre != null && !BROWN_GENRES.contains(genre))) {
      throw unknown(field, spec);
    }
    Predicate<Document> inPart = part.equals("all") ? d -> true : d -> part.equals(d.get("split"));
    Predicate<Document> filter = genre == null ? inPart : inPart.and(d -> genre.equals(d.get("genre")));
    String name = "brown" + (genre == null ? (part.equals("all") ? "" : ":" + part) : ":" + part + ":" + genre);
    return new Split(name, BundledCorpus.BROWN, filter);
  }

  private static Split chapters(String field, String spec, String part) {
    int dash = part.indexOf('-');
    int from;
    int to;
    try {
      from = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
      to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1));
    } catch (NumberFormatException e) {
      throw unknown(field, spec);
    }
    if (from < 1 || to > MOBY_DICK_CHAPTERS || from > to) {
      throw new SpecException(field, "chapters of '" + spec + "' must satisfy 1 <= from <= to <= " + MOBY_DICK_CHAPTERS);
    }
    String name = "moby-dick:" + (from == to ? Integer.toString(from) : from + "-" + to);
    return new Split(name, BundledCorpus.MOBY_DICK, d -> {
      int c = d.getInt("chapter");
      return c >= from && c <= to;
    });
  }

  private static SpecException unknown(String field, String spec) {
    return new SpecException(field, "unknown split '" + spec + "'; known: " + String.join(", ", names()));
  }

  /** The known names, as listed in error messages (patterns in angle brackets). */
  public static List<String> names() {
    return List.of("sotu", "sotu:train", "sotu:test", "brown", "brown:train", "brown:dev", "brown:test",
        "brown:<all|train|dev|test>:<genre> with genre one of " + String.join("|", BROWN_GENRES),
        "moby-dick", "moby-dick:test", "moby-dick:<chapter>", "moby-dick:<from>-<to> (chapters 1-" + MOBY_DICK_CHAPTERS + ")");
  }

  /** The canonical name, such as {@code sotu:train} ({@code sotu:all} is {@code sotu}). */
  public String name() {
    return name;
  }

  public BundledCorpus corpus() {
    return corpus;
  }

  /** Whether a document of the corpus belongs to this split. */
  public boolean test(Document d) {
    return filter.test(d);
  }

  /** The split's documents in the bundled order, as a stream to be closed. */
  public Stream<Document> documents() {
    return corpus.documents().filter(filter);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Split s && s.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
