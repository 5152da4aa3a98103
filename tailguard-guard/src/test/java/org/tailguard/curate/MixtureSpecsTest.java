package org.tailguard.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tailguard.spec.SpecException;

/** Mixture specs bind with defaults, and each error names the file, line and field. */
class MixtureSpecsTest {
  static final String OK = """
      name: m
      budget: {total: 1000}
      sources:
        - name: human
          tier: 1
          weight: 0.7
          inputs: [{split: sotu:train}]
          filters:
            - type: gopher_quality
              min_doc_words: 20
        - name: web
          tier: 3
          weight: 0.3
          inputs: [{split: moby-dick}]
          filters:
            - type: near_dedup
      """;

  static String error(String yaml) {
    return assertThrows(SpecException.class, () -> MixtureSpecs.parse(yaml, "m.yaml")).getMessage();
  }

  @Test
  void parse_bindsDefaults() {
    MixtureSpec s = MixtureSpecs.parse(OK, "m.yaml");
    assertEquals("tokens", s.budget().unit());
    assertEquals("truncate", s.budget().overflow());
    assertEquals(42L, s.seed());
    GopherQuality.Config g = assertInstanceOf(GopherQuality.Config.class, s.sources().get(0).filters().get(0));
    assertEquals(20, g.minDocWords());
    assertEquals(100_000, g.maxDocWords());
    assertEquals(0.7, assertInstanceOf(NearDedupStage.Config.class, s.sources().get(1).filters().get(0)).threshold());
  }

  @Test
  void parse_errorsNameTheField() {
    assertEquals("m.yaml:10: sources[0].filters[0].min_doc_words: must be at least 0, got -1",
        error(OK.replace("min_doc_words: 20", "min_doc_words: -1")));
    assertEquals("m.yaml:5: sources[0].tier: must be 1 (verified human / pre-2022), 2 (authenticated human) or 3 "
        + "(unverified web), got 4", error(OK.replace("tier: 1", "tier: 4")));
    String unknown = error(OK.replace("min_doc_words: 20", "min_doc_wrds: 20"));
    assertEquals(true, unknown.contains("sources[0].filters[0].min_doc_wrds: unknown field"), unknown);
    String type = error(OK.replace("type: near_dedup", "type: fuzzy"));
    assertEquals(true, type.contains("sources[1].filters[0].type: unknown stage type 'fuzzy'"), type);
    String weights = error(OK.replace("weight: 0.3", "weight: 0.2"));
    assertEquals(true, weights.contains("sources: weights must sum to 1"), weights);
    String split = error(OK.replace("split: moby-dick", "split: moby"));
    assertEquals(true, split.contains("sources[1].inputs[0].split: unknown split 'moby'"), split);
    String fpr = error(OK.replace("- type: near_dedup", "- type: synthetic_filter\n        reference: {train: "
        + "[brown:train]}\n        calibration: [brown:dev]\n        target_fpr: 1.5"));
    assertEquals(true, fpr.contains("sources[1].filters[0].target_fpr: must be in (0, 1), got 1.5"), fpr);
  }
}
