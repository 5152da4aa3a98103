package org.tailguard.watermark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Property: on human text, every scheme's p-values are uniform. The texts are the 2,459 human texts of
 * {@link Fixtures#humanTexts()} (brown:test and sotu:test, 50–200 words, encoded with the SOTU-before-1990
 * vocabulary the watermark uses).
 *
 * <ul>
 *   <li>With a fresh key per text, the null under which the p-values are exact: the randomised p-values
 *       must pass a Kolmogorov–Smirnov test against U(0, 1) at significance 0.001 (a correct scheme fails one
 *       of the seven with probability 0.7%; fixed seeds make the outcome deterministic), and the exact,
 *       conservative p-values must satisfy P(p ≤ a) ≤ a + 3 standard errors at a = 0.01, 0.05, 0.1.</li>
 *   <li>With one fixed key for all texts, as deployed: texts share frequent words and phrases, so their
 *       tests are not independent and KS may reject (it does for the min-hash and Unigram, whose seeds depend
 *       on single frequent words; the figures are printed). What must hold is the false-positive rate: at most
 *       1% + 3 standard errors of the texts with p ≤ 0.01, and at most 0.25 + 3·0.5 (so 1) with p ≤ 1e-4.</li>
 * </ul>
 */
class NullUniformityTest {
  @Test
  void pValues_areUniformOnHumanText() {
    List<int[]> texts = Fixtures.humanTexts();
    int n = texts.size();
    assertTrue(n >= 2000, "thousands of texts, got " + n);
    for (String name : WatermarkSpec.names()) {
      WatermarkEvaluation.NullResult r = WatermarkEvaluation.nullUniformity(WatermarkSpec.named("w", name),
          Fixtures.vocabulary(), texts, 1e-4, 2);
      System.out.printf("%-13s KS p fresh keys %.3f; one key: KS p %.3g (D %.4f), %d with p <= 0.01, %d with p <= 1e-4%n",
          name, r.ksRandomKeys(), r.ksFixedKey(), r.ksStatisticFixedKey(), r.flaggedAtOnePercent(), r.flagged());
      assertTrue(r.ksRandomKeys() > 0.001, name + ": KS p " + r.ksRandomKeys());
      assertTrue(r.conservative(), name + ": exact p-values not conservative");
      assertTrue(r.flaggedAtOnePercent() <= 0.01 * n + 3 * Math.sqrt(n * 0.01 * 0.99), name + ": " + r.flaggedAtOnePercent());
      assertTrue(r.flagged() <= 1, name + ": " + r.flagged() + " false positives at 1e-4");
    }
  }
}
