package org.tailguard.text.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tailguard.spec.SpecException;

/** Named splits: their documents and words against figures recomputed from the raw records, determinism, errors. */
class SplitTest {
  private static List<Document> docs(Split s) {
    try (Stream<Document> d = s.documents()) {
      return d.toList();
    }
  }

  private static void assertSplitMatches(String name, BundledCorpus corpus, Predicate<JsonNode> rule) throws Exception {
    List<String> ids = new ArrayList<>();
    long words = 0;
    for (JsonNode r : BundledCorpusTest.raw(corpus).records()) {
      if (rule.test(r)) {
        ids.add(r.get("id").asText());
        words += BundledCorpusTest.words(r.get("text").asText());
      }
    }
    List<Document> got = docs(Split.parse(name));
    assertEquals(ids, got.stream().map(Document::id).toList(), name + ": documents");
    assertEquals(words, got.stream().mapToLong(d -> BundledCorpusTest.words(d.text())).sum(), name + ": words");
    assertTrue(!ids.isEmpty(), name + " is empty");
  }

  @Test
  void sotu_splitsByYear() throws Exception {
    assertSplitMatches("sotu", BundledCorpus.SOTU, r -> true);
    assertSplitMatches("sotu:train", BundledCorpus.SOTU, r -> r.get("year").asInt() < 1990);
    assertSplitMatches("sotu:test", BundledCorpus.SOTU, r -> r.get("year").asInt() >= 1990);
  }

  /** The rule of {@link Split}'s Javadoc, recomputed from file names: last ⌈n/10⌉ per genre test, the ⌈n/10⌉ before dev. */
  private static String brownRule(JsonNode r, Map<Character, List<String>> filesByLetter) {
    String file = r.get("file").asText();
    List<String> files = filesByLetter.get(file.charAt(1));
    int n = files.size();
    int index = files.indexOf(file) + 1;
    int held = (n + 9) / 10;
    return index > n - held ? "test" : index > n - 2 * held ? "dev" : "train";
  }

  @Test
  void brown_splitsByFileWithinGenre() throws Exception {
    List<JsonNode> records = BundledCorpusTest.raw(BundledCorpus.BROWN).records();
    Map<Character, List<String>> byLetter = new LinkedHashMap<>();
    for (JsonNode r : records) {
      String f = r.get("file").asText();
      byLetter.computeIfAbsent(f.charAt(1), k -> new ArrayList<>()).add(f);
    }
    byLetter.values().forEach(l -> l.sort(null));
    for (JsonNode r : records) {
      assertEquals(brownRule(r, byLetter), r.get("split").asText(), r.get("file").asText());
    }
    List<Document> all = docs(Split.parse("brown"));
    for (String part : List.of("train", "dev", "test")) {
      assertSplitMatches("brown:" + part, BundledCorpus.BROWN, r -> brownRule(r, byLetter).equals(part));
      for (String genre : Split.BROWN_GENRES) {
        Split s = Split.parse("brown:" + part + ":" + genre);
        List<Document> d = all.stream().filter(s::test).toList();
        assertTrue(!d.isEmpty(), s + " is empty");
        assertEquals(all.stream().filter(x -> x.get("genre").equals(genre) && x.get("split").equals(part)).toList(), d);
      }
    }
    assertSplitMatches("brown:all:humor", BundledCorpus.BROWN, r -> r.get("genre").asText().equals("humor"));
  }

  @Test
  void mobyDick_isWholeAndByChapter() throws Exception {
    assertSplitMatches("moby-dick", BundledCorpus.MOBY_DICK, r -> true);
    assertSplitMatches("moby-dick:test", BundledCorpus.MOBY_DICK, r -> true);
    assertSplitMatches("moby-dick:42", BundledCorpus.MOBY_DICK, r -> r.get("chapter").asInt() == 42);
    assertSplitMatches("moby-dick:1-10", BundledCorpus.MOBY_DICK, r -> r.get("chapter").asInt() <= 10);
    assertEquals("Epilogue", docs(Split.parse("moby-dick:136")).getFirst().get("title").split(" ")[0]);
  }

  @Test
  void splits_partitionTheirCorpus() {
    for (List<String> parts : List.of(List.of("sotu:train", "sotu:test"), List.of("brown:train", "brown:dev", "brown:test"))) {
      Split all = Split.parse(parts.getFirst().split(":")[0]);
      Set<String> seen = new HashSet<>();
      int total = 0;
      for (String p : parts) {
        for (Document d : docs(Split.parse(p))) {
          assertTrue(seen.add(d.id()), d.id() + " is in two parts");
          total++;
        }
      }
      assertEquals(docs(all).size(), total, parts.toString());
    }
  }

  @Test
  void splits_areDeterministic() {
    for (String name : List.of("sotu:test", "brown:dev", "moby-dick:100-136")) {
      assertEquals(docs(Split.parse(name)), docs(Split.parse(name)), name);
    }
  }

  @Test
  void parse_givesCanonicalNames() {
    assertEquals("sotu", Split.parse("sotu:all").name());
    assertEquals("brown", Split.parse("brown:all").name());
    assertEquals("brown:test:news", Split.parse("brown:test:news").name());
    assertEquals("moby-dick:7", Split.parse("moby-dick:7-7").name());
    assertEquals(Split.parse("sotu:train"), Split.parse(" sotu:train "));
    assertEquals(BundledCorpus.BROWN, Split.parse("brown:dev").corpus());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sotu:dev", "wiki", "brown:train:poetry", "brown:news", "moby-dick:x", "sotu:train:news", ""})
  void parse_rejectsUnknownNamesListingTheKnownOnes(String spec) {
    SpecException e = assertThrows(SpecException.class, () -> Split.parse("corpus.split", spec));
    assertEquals("corpus.split", e.field());
    assertTrue(e.getMessage().startsWith("corpus.split: unknown split '" + spec + "'; known: sotu, sotu:train, sotu:test, brown,"), e.getMessage());
    assertTrue(e.getMessage().contains("moby-dick:<from>-<to>"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"));
  }

  @Test
  void parse_rejectsChaptersOutOfRange() {
    SpecException e = assertThrows(SpecException.class, () -> Split.parse("moby-dick:130-140"));
    assertEquals("split: chapters of 'moby-dick:130-140' must satisfy 1 <= from <= to <= 136", e.getMessage());
    assertThrows(SpecException.class, () -> Split.parse("moby-dick:0"));
    assertThrows(SpecException.class, () -> Split.parse("moby-dick:9-3"));
  }
}
