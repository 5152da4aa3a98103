package org.tailguard.detect.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tailguard.detect.Canonicalizer;
import org.tailguard.random.RandomStreams;

/** Every attack is a deterministic, seeded transform that does what its documentation says. */
class AttackTest {
  static final String TEXT = "The nation must preserve the union. Our people want peace and prosperity for every "
      + "family. Congress should act quickly on these important questions. We shall build a stronger country.";

  static final List<Attack> ALL = List.of(new WordDeletion(0.3), new SynonymSubstitution(0.3), new Homoglyphs(1.0),
      new Whitespace(0.5), new ZeroWidth(1.0), new Misspelling(0.2), new CaseFlip(0.5),
      new HumanInsertion(0.5, List.of("I walked down to the harbour and looked at the old ships for an hour or more today.")));

  @Test
  void attacks_areDeterministicAndSeeded() {
    for (Attack a : ALL) {
      String x = a.apply(TEXT, RandomStreams.of(5));
      assertEquals(x, a.apply(TEXT, RandomStreams.of(5)), a.name());
      assertNotEquals(TEXT, x, a.name() + " changes the text");
      if (!(a instanceof HumanInsertion)) {
        boolean differs = false;
        for (long s = 6; s < 12 && !differs; s++) {
          differs = !x.equals(a.apply(TEXT, RandomStreams.of(s)));
        }
        // at ratio 1 zero-width spaces go after every character: nothing is left to chance
        assertTrue(differs || a instanceof ZeroWidth, a.name() + " depends on the seed");
      }
    }
  }

  @Test
  void wordDeletion_deletesTheShareInOrder() {
    qt().withFixedSeed(3).withExamples(50).forAll(longs().all(), doubles().between(0, 1)).checkAssert((seed, r) -> {
      String[] in = TEXT.split(" ");
      String[] out = new WordDeletion(r).apply(TEXT, RandomStreams.of(seed)).split(" ");
      int expected = in.length - (int) (r * in.length);
      if (expected == 0) {
        assertEquals("", new WordDeletion(r).apply(TEXT, RandomStreams.of(seed)));
        return;
      }
      assertEquals(expected, out.length);
      int j = 0;
      for (String w : out) {
        while (j < in.length && !in[j].equals(w)) {
          j++;
        }
        assertTrue(j < in.length, "kept words keep their order");
        j++;
      }
    });
  }

  @Test
  void characterAttacks_areUndoneByTheCanonicalForm() {
    qt().withFixedSeed(4).withExamples(30).forAll(longs().all()).checkAssert(seed -> {
      assertEquals(TEXT, Canonicalizer.canonical(new Homoglyphs(1.0).apply(TEXT, RandomStreams.of(seed))));
      String z = new ZeroWidth(0.5).apply(TEXT, RandomStreams.of(seed));
      assertEquals((int) (0.5 * TEXT.length()), z.chars().filter(c -> c == ZeroWidth.ZWSP).count());
      assertEquals(TEXT, Canonicalizer.canonical(z));
      String w = new Whitespace(0.5).apply(TEXT, RandomStreams.of(seed));
      assertEquals(TEXT, w.replaceAll(" +", " ").strip(), "only spaces were added");
      assertEquals(TEXT.split(" ").length / 2, w.length() - TEXT.length(), "one space per draw");
      String c = new CaseFlip(0.5).apply(TEXT, RandomStreams.of(seed));
      assertEquals(TEXT.toLowerCase(), c.toLowerCase());
    });
  }

  @Test
  void homoglyphs_replaceEveryMappableLetterAtRatioOne() {
    String h = new Homoglyphs(1.0).apply("ace", RandomStreams.of(1));
    assertEquals("асе", h, "Cyrillic а, с, е");
    assertFalse(h.chars().anyMatch(ch -> ch < 128));
  }

  @Test
  void misspelling_editsTheShareOfWordsSlightly() {
    qt().withFixedSeed(5).withExamples(40).forAll(longs().all()).checkAssert(seed -> {
      String[] in = TEXT.split(" ");
      String[] out = new Misspelling(0.2).apply(TEXT, RandomStreams.of(seed)).split(" ");
      assertEquals(in.length, out.length);
      int changed = 0;
      int eligible = 0;
      for (int i = 0; i < in.length; i++) {
        eligible += in[i].replaceAll("[^A-Za-z].*", "").length() >= 3 ? 1 : 0;
        if (!in[i].equals(out[i])) {
          changed++;
          assertTrue(Math.abs(in[i].length() - out[i].length()) <= 1, in[i] + " -> " + out[i]);
        }
      }
      assertTrue(changed <= (int) (0.2 * eligible), "at most the chosen words change");
      assertTrue(changed >= (int) (0.2 * eligible) - 2, "a swap of two equal letters leaves a word unchanged");
    });
  }

  @Test
  void synonyms_comeFromWordNetOffline() {
    List<String> s = SynonymSubstitution.synonyms("happy");
    assertTrue(s.contains("glad"), "WordNet 3.1 lists glad for happy: " + s);
    assertTrue(SynonymSubstitution.synonyms("the").isEmpty(), "function words are not replaced");
    String out = new SynonymSubstitution(0.3).apply(TEXT, RandomStreams.of(9));
    String[] in = TEXT.split(" ");
    String[] o = out.split(" ");
    assertEquals(in.length, o.length);
    int changed = 0;
    for (int i = 0; i < in.length; i++) {
      if (!in[i].equals(o[i])) {
        changed++;
        String core = in[i].replaceAll("[^A-Za-z].*", "");
        String repl = o[i].replaceAll("[^A-Za-z].*", "").toLowerCase();
        assertTrue(SynonymSubstitution.synonyms(core).contains(repl), in[i] + " -> " + o[i]);
      }
    }
    assertEquals((int) (0.3 * in.length), changed, "30% of the words, all of them eligible here");
  }

  @Test
  void humanInsertion_keepsLengthAndPlacesMachineWordsInTheMiddle() {
    HumanInsertion a = new HumanInsertion(0.5, List.of(String.join(" ", java.util.Collections.nCopies(40, "human"))));
    String[] out = a.apply(TEXT, RandomStreams.of(1)).split(" ");
    String[] in = TEXT.split(" ");
    assertEquals(in.length, out.length);
    int keep = (int) Math.ceil(0.5 * in.length);
    int before = (in.length - keep) / 2;
    for (int i = 0; i < out.length; i++) {
      boolean machine = i >= before && i < before + keep;
      assertEquals(machine ? in[i - before] : "human", out[i]);
    }
  }
}
