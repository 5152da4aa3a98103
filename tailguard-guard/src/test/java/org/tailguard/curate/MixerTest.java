package org.tailguard.curate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quotas split the budget exactly; selection meets them exactly (truncate) or fills first-fit (skip). */
class MixerTest {
  @TempDir
  Path tmp;

  @Test
  void targets_largestRemainder() {
    assertArrayEquals(new long[] {70, 20, 10}, Mixer.targets(100, new double[] {0.7, 0.2, 0.1}));
    assertArrayEquals(new long[] {4, 3, 3}, Mixer.targets(10, new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}));
    assertArrayEquals(new long[] {1, 1, 0}, Mixer.targets(2, new double[] {0.4, 0.35, 0.25}));
  }

  @Test
  void targets_sumToBudgetWithinOneOfExact() {
    qt().withFixedSeed(5).withExamples(300).forAll(longs().between(1, 10_000_000), integers().between(1, 9),
        integers().between(1, 1000)).check((total, k, salt) -> {
          double[] w = new double[k];
          double sum = 0;
          for (int i = 0; i < k; i++) {
            w[i] = 1 + (salt * 31 + i * 17) % 13;
            sum += w[i];
          }
          long got = 0;
          long[] t = Mixer.targets(total, normalise(w, sum));
          for (int i = 0; i < k; i++) {
            got += t[i];
            if (Math.abs(t[i] - w[i] / sum * total) >= 1) {
              return false;
            }
          }
          return got == total;
        });
  }

  static double[] normalise(double[] w, double sum) {
    double[] out = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = w[i] / sum;
    }
    return out;
  }

  static Path source(Path dir, String name, int... wordsPerDoc) {
    Path f = dir.resolve(name + ".jsonl");
    try (DocWriter w = DocWriter.create(f)) {
      for (int i = 0; i < wordsPerDoc.length; i++) {
        w.write(Doc.of(name + "-" + i, "w ".repeat(wordsPerDoc[i]).strip(), name));
      }
      w.commit();
    }
    return f;
  }

  static MixtureSpec spec(long total, String overflow, String unit) {
    MixtureSpec.Input in = new MixtureSpec.Input("sotu", null, null);
    return new MixtureSpec("m", 1L, new MixtureSpec.Budget(unit, total, overflow), null, List.of(
        new MixtureSpec.Source("a", 1, 0.7, null, List.of(in), null),
        new MixtureSpec.Source("b", 3, 0.3, null, List.of(in), null)));
  }

  @Test
  void mix_truncate_meetsQuotasExactly() {
    Map<String, List<Path>> kept = Map.of("a", List.of(source(tmp, "a", 30, 50, 20, 40, 10)),
        "b", List.of(source(tmp, "b", 25, 25, 25)));
    List<Mixer.Quota> q = Mixer.mix(spec(100, "truncate", "tokens"), kept, tmp.resolve("out"));
    assertEquals(70, q.get(0).selected());
    assertEquals(30, q.get(1).selected());
    assertEquals(70, words(q.get(0).file()));
    assertEquals(1, q.get(1).truncated());
  }

  @Test
  void mix_skip_neverExceedsAndIsMaximalFirstFit() {
    Map<String, List<Path>> kept = Map.of("a", List.of(source(tmp, "a", 45, 45, 45, 20, 3, 2)),
        "b", List.of(source(tmp, "b", 40, 40)));
    List<Mixer.Quota> q = Mixer.mix(spec(100, "skip", "tokens"), kept, tmp.resolve("out"));
    assertTrue(q.get(0).selected() <= 70);
    assertEquals(q.get(0).selected(), words(q.get(0).file()));
    // b has only 40-word documents against a quota of 30: nothing fits, nothing is cut.
    assertEquals(0, q.get(1).selected());
    assertEquals(0, q.get(1).shortfall(), "80 available: not short, just indivisible");
  }

  @Test
  void mix_shortSource_reportsShortfallAndIsDeterministic() {
    Map<String, List<Path>> kept = Map.of("a", List.of(source(tmp, "a", 10, 10)), "b", List.of(source(tmp, "b", 5)));
    List<Mixer.Quota> q = Mixer.mix(spec(10, "truncate", "documents"), kept, tmp.resolve("o1"));
    assertEquals(List.of(7L, 3L), List.of(q.get(0).target(), q.get(1).target()));
    assertEquals(List.of(5L, 2L), List.of(q.get(0).shortfall(), q.get(1).shortfall()));
    List<Mixer.Quota> again = Mixer.mix(spec(10, "truncate", "documents"), kept, tmp.resolve("o2"));
    assertEquals(org.tailguard.provenance.Sha256.ofFile(q.get(0).file()),
        org.tailguard.provenance.Sha256.ofFile(again.get(0).file()));
  }

  static long words(Path f) {
    long n = 0;
    List<Doc> d = new ArrayList<>();
    try (DocReader r = DocReader.open(f, "x")) {
      r.forEachRemaining(d::add);
    }
    for (Doc x : d) {
      n += x.words();
    }
    return n;
  }
}
