package org.tailguard.text.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tailguard.text.corpus.BundledCorpus;
import org.tailguard.text.corpus.Document;
import org.tailguard.text.corpus.Split;

/**
 * Tokenises every bundled split once, prints its figures (documents, sentences, tokens, vocabulary at
 * min-count 1, 2, 5) and the tokenisation speed, and checks that the parts add up to their corpus.
 */
class CorpusFiguresTest {
  @Test
  void splits_tokeniseAndAddUpToTheirCorpus() {
    Map<String, TokenizedCorpus> parts = new LinkedHashMap<>();
    Map<String, Long> millis = new LinkedHashMap<>();
    for (String name : List.of("sotu:train", "sotu:test", "brown:train", "brown:dev", "brown:test", "moby-dick")) {
      long t0 = System.nanoTime();
      parts.put(name, TokenizedCorpus.of(Split.parse(name)));
      millis.put(name, (System.nanoTime() - t0) / 1_000_000);
    }
    Map<String, TokenizedCorpus> rows = new LinkedHashMap<>();
    rows.put("sotu", concat(parts.get("sotu:train"), parts.get("sotu:test")));
    rows.put("sotu:train", parts.get("sotu:train"));
    rows.put("sotu:test", parts.get("sotu:test"));
    rows.put("brown", concat(parts.get("brown:train"), parts.get("brown:dev"), parts.get("brown:test")));
    rows.put("brown:train", parts.get("brown:train"));
    rows.put("brown:dev", parts.get("brown:dev"));
    rows.put("brown:test", parts.get("brown:test"));
    rows.put("moby-dick", parts.get("moby-dick"));
    System.out.printf("%-12s %9s %9s %10s %8s %8s %8s%n", "split", "documents", "sentences", "tokens", "V(1)", "V(2)", "V(5)");
    for (Map.Entry<String, TokenizedCorpus> e : rows.entrySet()) {
      TokenizedCorpus c = e.getValue();
      System.out.printf("%-12s %9d %9d %10d %8d %8d %8d%n", e.getKey(), c.documents(), c.sentences().size(), c.tokens(),
          c.vocabulary(1).size() - 3, c.vocabulary(2).size() - 3, c.vocabulary(5).size() - 3);
      try (Stream<Document> d = Split.parse(e.getKey()).documents()) {
        assertEquals(d.count(), c.documents(), e.getKey());
      }
    }
    long sotuWords = BundledCorpus.SOTU.info().words();
    System.out.printf("tokenisation: sotu %d ms for %d whitespace words (%.2f M words/s)%n",
        millis.get("sotu:train") + millis.get("sotu:test"), sotuWords,
        sotuWords / 1000.0 / (millis.get("sotu:train") + millis.get("sotu:test")));
    millis.forEach((k, v) -> System.out.printf("  %-12s %6d ms%n", k, v));
    // Words lose punctuation tokens and split at hyphens: the token count stays near the whitespace count.
    for (BundledCorpus c : BundledCorpus.values()) {
      long tokens = rows.get(c.id()).tokens();
      double ratio = (double) tokens / c.info().words();
      assertTrue(ratio > 0.8 && ratio < 1.1, c + ": tokens / whitespace words = " + ratio);
    }
  }

  private static TokenizedCorpus concat(TokenizedCorpus... parts) {
    List<String[]> s = new ArrayList<>();
    int docs = 0;
    for (TokenizedCorpus p : parts) {
      s.addAll(p.sentences());
      docs += p.documents();
    }
    return new TokenizedCorpus(docs, s);
  }
}
