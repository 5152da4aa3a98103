package org.tailguard.curate.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tailguard.random.RandomStreams;
import org.tailguard.spec.SpecException;

class ExactDedupTest {

  @Test
  void run_keepsFirstOfEachNormalisedText() {
    List<String> docs = List.of("Hello world", "other text", "hello,  WORLD!", "HELLO\tWorld.", "Other text");
    ExactDedup.Result r = new ExactDedup(TextNormalizer.DEFAULT).run(docs, 1);
    assertArrayEquals(new int[] {0, 1, 0, 0, 1}, r.keptIndex());
    assertEquals(3, r.removed());
  }

  @Test
  void run_rawNormalisationOnlyMergesIdenticalBytes() {
    List<String> docs = List.of("Hello world", "hello world", "Hello world");
    ExactDedup.Result r = new ExactDedup(TextNormalizer.NONE).run(docs, 1);
    assertArrayEquals(new int[] {0, 1, 0}, r.keptIndex());
  }

  @Test
  void hash_is128BitXxh3OfNormalisedUtf8() {
    ExactDedup d = new ExactDedup(TextNormalizer.DEFAULT);
    ExactDedup.Hash h = d.hash("Naïve café");
    assertEquals(32, h.hex().length());
    assertEquals(h, d.hash("NAIVE CAFE"));
    assertNotEquals(h, d.hash("naive cafes"));
    // Empty and whitespace-only texts are one another's duplicates (both normalise to "").
    assertEquals(d.hash(""), d.hash("  \n "));
  }

  @Test
  void run_sameResultOnAnyThreadCount() {
    var rng = RandomStreams.of(3);
    List<String> docs = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      docs.add("doc " + rng.nextInt(700) + (rng.nextBoolean() ? "!" : " "));
    }
    ExactDedup d = new ExactDedup(TextNormalizer.DEFAULT);
    ExactDedup.Result one = d.run(docs, 1);
    ExactDedup.Result four = d.run(docs, 4);
    assertArrayEquals(one.keptIndex(), four.keptIndex());
    assertArrayEquals(one.hashes(), four.hashes());
    for (int i = 0; i < docs.size(); i++) {
      assertEquals(true, one.keptIndex()[i] <= i, "kept index is never later than the document");
    }
  }

  @Test
  void run_rejectsZeroThreads() {
    SpecException e = assertThrows(SpecException.class,
        () -> new ExactDedup(TextNormalizer.DEFAULT).run(List.of("a"), 0));
    assertEquals("dedup.threads", e.field());
  }
}
