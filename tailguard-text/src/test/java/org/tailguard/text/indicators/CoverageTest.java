package org.tailguard.text.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tailguard.text.token.Sentences;

class CoverageTest {
  /*
   * Held out "the cat sat" / "a dog ran": 6 types, 6 tokens. Generated (its own vocabulary) "the dog sat" /
   * "the the": keeps the, dog, sat; misses cat, a, ran → 3/6 of types and 3/6 of tokens. Held-out bigrams
   * (the cat) (cat sat) (a dog) (dog ran); generated ones (the dog) (dog sat) (the the): all 4 missing.
   */
  @Test
  void missing_countsHeldOutTypesAndNGramsAbsentFromTheGenerated() {
    Sentences heldOut = Texts.of("the cat sat", "a dog ran");
    Sentences generated = Texts.of("the dog sat", "the the");
    Coverage.Missing types = Coverage.missingTypes(heldOut, generated);
    assertEquals(new Coverage.Missing(6, 3, 6, 3), types);
    assertEquals(0.5, types.share(), 0);
    assertEquals(0.5, types.covered(), 0);
    assertEquals(new Coverage.Missing(4, 4, 4, 4), Coverage.missingNGrams(heldOut, generated, 2));
    // generated "a dog ran" / "the cat": only (cat sat) is missing; "the cat" + "sat" would not form it
    assertEquals(new Coverage.Missing(4, 1, 4, 1), Coverage.missingNGrams(heldOut, Texts.of("a dog ran", "the cat"), 2));
    assertEquals(new Coverage.Missing(4, 1, 4, 1), Coverage.missingNGrams(heldOut, Texts.of("a dog ran", "the cat", "sat"), 2));
  }

  /*
   * Held out with min count 2: "x" and "y" occur once and become <unk>, which is left out. Types: the (2),
   * cat (2) → 2 types, 4 tokens; generated "the dog": cat missing → 1/2 of types, 2/4 of tokens.
   */
  @Test
  void unknownWords_areLeftOut() {
    Sentences heldOut = Texts.of(2, "the cat x", "the cat y");
    assertEquals(new Coverage.Missing(2, 1, 4, 2), Coverage.missingTypes(heldOut, Texts.of("the dog")));
    // bigrams (the cat) ×2 kept; (cat <unk>) ×2 left out
    assertEquals(new Coverage.Missing(1, 0, 2, 0), Coverage.missingNGrams(heldOut, Texts.of("the cat"), 2));
  }

  @Test
  void byGroup_keepsTheGroupOrderAndMatchesSingleCalls() {
    Map<String, Sentences> groups = new LinkedHashMap<>();
    groups.put("news", Texts.of("the senate voted today"));
    groups.put("fiction", Texts.of("the dragon slept"));
    groups.put("humor", Texts.of("a dog walked into a bar"));
    Sentences generated = Texts.of("the senate slept", "a dog voted");
    List<Coverage.Group> g = Coverage.byGroup(groups, generated, 1);
    assertEquals(List.of("news", "fiction", "humor"), g.stream().map(Coverage.Group::name).toList());
    assertEquals(0.75, g.get(0).covered(), 0); // the senate voted; not today
    assertEquals(2.0 / 3, g.get(1).covered(), 1e-15); // the slept; not dragon
    assertEquals(0.4, g.get(2).covered(), 1e-15); // a dog of a dog walked into bar
    for (Coverage.Group group : g) {
      assertEquals(Coverage.missingTypes(groups.get(group.name()), generated), group.missing());
    }
  }

  @Test
  void missing_isZeroAgainstItselfAndIndependentOfOrder() {
    qt().withFixedSeed(501L).withExamples(30).forAll(longs().between(0, 1 << 20), integers().between(1, 3))
        .check((seed, n) -> {
          Sentences a = Texts.random(seed, 20, 0, 10, 30);
          Sentences b = Texts.random(seed + 1, 20, 0, 10, 30);
          Coverage.Missing self = Coverage.missingNGrams(a, a, n);
          Coverage.Missing m = Coverage.missingNGrams(a, b, n);
          Coverage.Missing shuffled = Coverage.missingNGrams(Texts.shuffled(a, seed), Texts.shuffled(b, seed + 2), n);
          return self.missingTypes() == 0 && m.equals(shuffled) && m.missingTypes() <= m.heldOutTypes()
              && m.missingOccurrences() <= m.heldOutOccurrences();
        });
  }
}
