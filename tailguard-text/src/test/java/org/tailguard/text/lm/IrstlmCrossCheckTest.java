package org.tailguard.text.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.random.RandomStreams;
import org.tailguard.text.lm.bench.Irstlm;
import org.tailguard.text.lm.bench.PlainText;
import org.tailguard.text.token.Sentences;

/**
 * Cross-check against IRSTLM's improved Kneser–Ney ({@code tlm -lm=msb -ps=no}) on the same text.
 *
 * <p>The fixture: 4,000 training and 500 held-out sentences of seeded synthetic Zipfian text (below),
 * generated in the test; IRSTLM's estimator needs n1 &gt; n2 &gt; 0 at every order, which real-sized text
 * gives and tiny inline text does not. Both tools build a trigram over the training words (min-count 1);
 * held-out words outside them are OOV.
 *
 * <p>Findings, asserted below: (1) the discounts agree: IRSTLM estimates D1, D2, D3+ per order from the
 * count-of-counts of the same adjusted counts; they differ only through IRSTLM's extra n-grams at the
 * start of the training file ("&lt;s&gt; &lt;s&gt;", "&lt;s&gt; &lt;s&gt; w1"), which move n1..n4 by one.
 * (2) IRSTLM differs from Chen–Goodman/KenLM only at the unigram level: it does not discount unigram
 * continuation counts nor interpolate with the uniform distribution; instead {@code <unk>} gets a
 * pseudo-count |V| − 1 and {@code <s>} a count of 1 in the denominator. With that unigram level
 * ({@link KneserNey.Unigrams#IRSTLM}) our perplexity equals IRSTLM's. (3) Our ARPA importer scores
 * IRSTLM's ARPA file as {@code compile-lm --eval} does (OOV penalty off, dub = |V| + 1), and the default
 * penalty (dub = 10^7) is reproduced by multiplying by (10^7 − |V|)^(N_oov/N).
 */
class IrstlmCrossCheckTest {
  @TempDir
  Path dir;

  /**
   * Synthetic text with a long tail at every order: words w0..w29999 drawn from Zipf(1) (rank r with
   * weight 1/r), except that with probability 0.4 a word is one of three fixed successors of the previous
   * word, which repeats bigrams and trigrams. Seeded, so both tools always see the same text.
   */
  private static List<String> synthetic(int sentences, long seed) {
    int types = 30_000;
    double[] cumulative = new double[types];
    double sum = 0;
    for (int r = 0; r < types; r++) {
      sum += 1.0 / (r + 1);
      cumulative[r] = sum;
    }
    var rng = RandomStreams.of(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < sentences; i++) {
      int len = 5 + rng.nextInt(21);
      StringBuilder b = new StringBuilder();
      int prev = 0;
      for (int j = 0; j < len; j++) {
        int w;
        if (j > 0 && rng.nextDouble() < 0.4) {
          w = (prev * 31 + 7 * rng.nextInt(3) + 1) % types;
        } else {
          int r = java.util.Arrays.binarySearch(cumulative, rng.nextDouble() * sum);
          w = Math.min(types - 1, r < 0 ? -r - 1 : r);
        }
        b.append(j == 0 ? "" : " ").append('w').append(w);
        prev = w;
      }
      out.add(b.toString());
    }
    return out;
  }

  @Test
  void perplexity_agreesWithIrstlm() throws IOException {
    Optional<Irstlm> peer = Irstlm.find();
    assumeTrue(peer.isPresent(), "IRSTLM is not installed (Debian package irstlm, " + Irstlm.BIN + ")");
    Path trainText = dir.resolve("train.txt");
    Path testText = dir.resolve("test.txt");
    java.nio.file.Files.write(trainText, synthetic(4000, 1));
    java.nio.file.Files.write(testText, synthetic(500, 2));
    Sentences train = PlainText.read(trainText, 1);
    Sentences test = PlainText.read(testText, train.vocabulary());
    Path trainSe = dir.resolve("train.se");
    Path testSe = dir.resolve("test.se");
    PlainText.write(train, trainSe, true);
    PlainText.write(PlainText.read(testText, 1), testSe, true);
    long v = train.vocabulary().size(); // IRSTLM's dictionary: the words, <s>, </s> and <unk>
    Path arpa = dir.resolve("irstlm.arpa");
    Irstlm.Run built = peer.get().tlm(trainSe, 3, arpa, testSe, v + 1);

    // (1) discounts, order by order. IRSTLM prints its count-of-counts n1..n4 and D1, D2, D3+ (6 digits).
    // Its counts may differ from ours by one (the start-of-file n-grams); Chen and Goodman's formula on
    // IRSTLM's own counts must give IRSTLM's discounts (to the printed precision, 5e-6), which shows the
    // estimator is the same.
    NgramLm ours = KneserNey.train(train, 3);
    List<double[]> theirs = built.discounts();
    List<long[]> counts = new ArrayList<>();
    var m = java.util.regex.Pattern.compile("(?m)^ n1: (\\d+) n2: (\\d+) n3: (\\d+) n4: (\\d+)").matcher(built.stderr());
    while (m.find()) {
      counts.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
          Long.parseLong(m.group(4))});
    }
    assertEquals(3, theirs.size(), built.stderr());
    assertEquals(3, counts.size(), built.stderr());
    for (int k = 1; k <= 3; k++) {
      Discounts d = ours.discounts().get(k - 1);
      long[] n = counts.get(k - 1);
      assertTrue(!d.fallback(), "order " + k + " has usable count-of-counts: " + d);
      long[] mine = {d.n1(), d.n2(), d.n3(), d.n4()};
      for (int r = 0; r < 4; r++) {
        assertTrue(Math.abs(mine[r] - n[r]) <= 1, "n" + (r + 1) + " of order " + k + ": ours " + mine[r]
            + ", IRSTLM " + n[r]);
      }
      Discounts onTheirs = Discounts.estimate(k, n[0], n[1], n[2], n[3]);
      assertEquals(theirs.get(k - 1)[0], onTheirs.d1(), 5e-6, "D1 of order " + k);
      assertEquals(theirs.get(k - 1)[1], onTheirs.d2(), 5e-6, "D2 of order " + k);
      assertEquals(theirs.get(k - 1)[2], onTheirs.d3plus(), 5e-6, "D3+ of order " + k);
    }

    // (2) with IRSTLM's unigram level, the same perplexity (tlm prints 10 digits). Tolerance 1e-4
    // relative: the start-of-file n-grams above change a handful of probabilities after <s>.
    double irstlm = built.perplexity();
    double aligned = KneserNey.train(train, 3, KneserNey.Unigrams.IRSTLM).perplexity(test).perplexity();
    assertEquals(irstlm, aligned, 1e-4 * irstlm, "IRSTLM-aligned unigrams");
    Perplexity standard = ours.perplexity(test);
    System.out.printf("IRSTLM cross-check: tokens %d, OOV %d; IRSTLM PP %.6f, ours with IRSTLM unigrams %.6f,"
        + " ours (Chen-Goodman/KenLM unigrams) %.6f, without OOV %.6f%n", standard.tokens(), standard.oovs(),
        irstlm, aligned, standard.perplexity(), standard.perplexityWithoutOov());

    // (3) IRSTLM's ARPA through our importer, against compile-lm --eval on the same file. compile-lm
    // prints 2 decimals; IRSTLM stores probabilities in single precision: tolerance 0.005 + 1e-6 relative.
    NgramLm imported = Arpa.read(arpa);
    Perplexity p = imported.perplexity(test);
    double eval = peer.get().eval(arpa, testSe, v + 1).perplexity();
    assertEquals(eval, p.perplexity(), 0.005 + 1e-6 * eval, "importer vs compile-lm --eval");
    double penalised = peer.get().eval(arpa, testSe, 10_000_000L).perplexity();
    double ours10e7 = p.perplexity() * Math.exp(p.oovs() * Math.log(1e7 - imported.vocabulary().size()) / p.tokens());
    assertEquals(penalised, ours10e7, 0.005 + 1e-6 * penalised, "default OOV penalty");
    // and the imported model agrees with IRSTLM's own in-memory scoring (6-digit ARPA rounding)
    assertEquals(irstlm, p.perplexity(), 1e-4 * irstlm);
  }
}
