package org.tailguard.watermark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.tailguard.random.RandomStreams;

/**
 * Windowed detection: a 200-word watermarked passage inserted at a random place in a human document of about
 * 1,600 words is found, and on human documents alone the Bonferroni-corrected p-value is valid.
 *
 * <p>Documents are 13 consecutive human texts of {@link Fixtures#humanTexts()} (about 1,600 words). Power: of
 * 20 documents per scheme at least 19 must reach corrected p ≤ 1e-4 (the whole-text test dilutes the passage
 * into ~8× more human tokens), and in at least 19 the best window must lie mostly inside the passage (more than
 * half of its tokens). Validity: with a fresh key per document, the share of the 189 human documents with
 * corrected p ≤ 0.05 must not exceed 0.05 + 3 binomial standard errors (Bonferroni only errs on the safe side).
 */
class WindowTest {
  private static final int PARTS = 13;

  private static List<int[]> humanDocuments() {
    List<int[]> texts = Fixtures.humanTexts();
    List<int[]> docs = new ArrayList<>();
    for (int i = 0; i + PARTS <= texts.size(); i += PARTS) {
      docs.add(concat(texts.subList(i, i + PARTS)));
    }
    return docs;
  }

  private static int[] concat(List<int[]> parts) {
    int n = parts.stream().mapToInt(p -> p.length).sum();
    int[] out = new int[n];
    int at = 0;
    for (int[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  @Test
  void scan_findsAWatermarkedPassage() {
    List<int[]> human = humanDocuments();
    for (String name : List.of("kgw", "exp", "synthid")) {
      Watermark wm = Watermark.of(WatermarkSpec.named("w", name), WatermarkKey.of("window"), Fixtures.vocabulary());
      WatermarkSampler sampler = new WatermarkSampler(Fixtures.trigram(), wm);
      UniformRandomProvider rng = RandomStreams.of(31);
      int found = 0;
      int located = 0;
      int wholeText = 0;
      for (int d = 0; d < 20; d++) {
        int[] doc = human.get(d);
        int[] passage = sampler.tokens(200, rng);
        int at = rng.nextInt(doc.length + 1);
        int[] mixed = new int[doc.length + passage.length];
        System.arraycopy(doc, 0, mixed, 0, at);
        System.arraycopy(passage, 0, mixed, at, passage.length);
        System.arraycopy(doc, at, mixed, at + passage.length, doc.length - at);
        WindowDetection w = wm.scan(mixed, Scan.defaults());
        found += w.flagged(1e-4) ? 1 : 0;
        int inside = Math.max(0, Math.min(w.to(), at + passage.length) - Math.max(w.from(), at));
        located += inside > (w.to() - w.from()) / 2 ? 1 : 0;
        wholeText += wm.detect(mixed).flagged(1e-4) ? 1 : 0;
        assertTrue(w.correctedPValue() >= w.pValue());
        assertEquals(Math.min(1, w.pValue() * w.windows()), w.correctedPValue(), 1e-300);
      }
      System.out.printf("window scan %s: %d/20 found at corrected p <= 1e-4, %d located, whole-text test %d/20%n",
          name, found, located, wholeText);
      assertTrue(found >= 19, name + ": found " + found);
      assertTrue(located >= 19, name + ": located " + located);
    }
  }

  @Test
  void scan_isValidOnHumanText() {
    List<int[]> human = humanDocuments();
    for (String name : List.of("kgw", "kgw-selfhash", "unigram", "exp", "synthid")) {
      int n = human.size();
      int below = 0;
      for (int d = 0; d < n; d++) {
        Watermark wm = Watermark.of(WatermarkSpec.named("w", name), WatermarkKey.random(RandomStreams.of(1000 + d)),
            Fixtures.vocabulary());
        below += wm.scan(human.get(d), Scan.defaults()).correctedPValue() <= 0.05 ? 1 : 0;
      }
      double bound = 0.05 * n + 3 * Math.sqrt(n * 0.05 * 0.95);
      System.out.printf("window scan %s on %d human documents: %d with corrected p <= 0.05%n", name, n, below);
      assertTrue(below <= bound, name + ": " + below + " of " + n);
    }
  }

  @Test
  void sizes_growGeometricallyAndEndWithTheWholeText() {
    int[] s = TokenScores.sizes(200, Scan.defaults());
    assertEquals(25, s[0]);
    assertEquals(38, s[1]);
    assertEquals(200, s[s.length - 1]);
    assertEquals(1, TokenScores.sizes(10, Scan.defaults()).length);
  }
}
