package org.tailguard.watermark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Radioactivity on a reduced size: generation 1 trains on 150,000 tokens of SOTU before 1990 of which 0% or
 * 20% were written with KGW-lefthash (h = 1, inside the trigram's context), and 20,000 of its tokens are
 * scored. Expected: no detection at 0% (the p-value is exact there, so p &lt; 1e-3 happens with probability
 * 1e-3; a fixed seed makes the outcome deterministic) and a strong one at 20% (p &lt; 1e-5, the paper's
 * threshold). The full size, with 1–10% and with KGW at h = 4, is {@link Radioactivity#main}.
 */
class RadioactivityTest {
  @Test
  void lefthash_isRadioactiveAtTwentyPercentOnly() {
    Radioactivity.Config c = new Radioactivity.Config(null, 150_000, null, List.of(0.0, 0.2),
        WatermarkSpec.named("w", "kgw-lefthash"), null, 20_000, 7L);
    List<Radioactivity.Row> rows = Radioactivity.run(c, Fixtures.sotuTrain(), System.out);
    System.out.println(Radioactivity.table(rows));
    assertEquals(2, rows.size());
    assertEquals(0, rows.get(0).watermarkedTokens());
    assertTrue(rows.get(0).all().pValue() >= 1e-3, "share 0: " + rows.get(0).all());
    assertTrue(rows.get(1).all().pValue() < 1e-5, "share 0.2: " + rows.get(1).all());
    assertTrue(rows.get(1).filtered().pValue() < 1e-5, "share 0.2 filtered: " + rows.get(1).filtered());
    assertEquals(0.2, Radioactivity.threshold(rows, 1e-5, false));
  }

  @Test
  void run_isDeterministicAndUnigramHasNoContextFilter() {
    Radioactivity.Config c = new Radioactivity.Config(null, 30_000, null, List.of(0.1), UnigramSpec.defaults(),
        null, 2_000, 3L);
    Radioactivity.Row r = Radioactivity.run(c, Fixtures.sotuTrain(), null).get(0);
    assertNull(r.filtered());
    assertTrue(r.watermarkedTokens() >= 3_000);
    assertEquals(r, Radioactivity.run(c, Fixtures.sotuTrain(), null).get(0));
  }
}
