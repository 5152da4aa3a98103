package org.tailguard.text.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/** ARPA export and import: exact round trips and the backoff arithmetic of a hand-written file. */
class ArpaTest {

  /** Every held-out token of the source and the re-read model, mapped by word, within 1e-9 in log10. */
  @Test
  void roundTrip_scoresIdentically() throws IOException {
    Sentences train = TestTexts.sentences(TestTexts.WASHINGTON);
    Sentences heldOut = TestTexts.sentences(TestTexts.LATER_ADDRESS, train.vocabulary());
    for (int order = 1; order <= 5; order++) {
      NgramLm lm = KneserNey.train(train, order);
      StringWriter out = new StringWriter();
      Arpa.write(lm, out);
      NgramLm back = Arpa.read(new StringReader(out.toString()));
      assertEquals(lm.order(), back.order());
      for (int k = 1; k <= order; k++) {
        assertEquals(lm.ngrams(k), back.ngrams(k));
      }
      int[] map = back.idMap(lm.vocabulary());
      if (map == null) {
        map = java.util.stream.IntStream.range(0, lm.vocabulary().size()).toArray();
      }
      for (Sentences text : new Sentences[] {train, heldOut}) {
        for (int[] s : text.sentences()) {
          int[] hist = {Vocabulary.BOS};
          for (int i = 0; i <= s.length; i++) {
            int w = i < s.length ? s[i] : Vocabulary.EOS;
            double a = lm.logProb(hist, w) / Math.log(10);
            double b = back.logProb(remap(hist, map), map[w]) / Math.log(10);
            assertEquals(a, b, 1e-9);
            hist = java.util.Arrays.copyOf(hist, hist.length + 1);
            hist[hist.length - 1] = w;
          }
        }
        assertEquals(lm.perplexity(text).log10Prob(), back.perplexity(text).log10Prob(), 1e-9 * text.tokens());
      }
      // writing the re-read model gives the same n-grams and numbers, whatever the id order
      StringWriter again = new StringWriter();
      Arpa.write(back, again);
      assertEquals(sortedLines(out.toString()), sortedLines(again.toString()));
    }
  }

  private static int[] remap(int[] ids, int[] map) {
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = map[ids[i]];
    }
    return out;
  }

  private static java.util.List<String> sortedLines(String s) {
    return s.lines().sorted().toList();
  }

  /**
   * A hand-written bigram backoff model: p(a|&lt;s&gt;) = 10^−0.1 (stored); p(&lt;/s&gt;|&lt;s&gt;) =
   * bo(&lt;s&gt;)·p(&lt;/s&gt;) = 10^(−0.30103 − 0.5); p(&lt;/s&gt;|a) = 10^−0.2 (stored);
   * p(&lt;unk&gt;|a) = bo(a)·p(&lt;unk&gt;) = 10^(−0.2 − 1.0); p(a | &lt;/s&gt;) has no stored context: p(a).
   */
  @Test
  void read_appliesBackoffWeights() throws IOException {
    String arpa = """

        \\data\\
        ngram 1=4
        ngram 2=2

        \\1-grams:
        -1.0\t<unk>
        -99\t<s>\t-0.30103
        -0.5\t</s>
        -0.3\ta\t-0.2

        \\2-grams:
        -0.1\t<s> a
        -0.2\ta </s>

        \\end\\
        """;
    NgramLm lm = Arpa.read(new StringReader(arpa));
    int a = lm.vocabulary().id("a");
    assertEquals(Math.pow(10, -0.1), lm.prob(new int[] {Vocabulary.BOS}, a), 1e-15);
    assertEquals(Math.pow(10, -0.80103), lm.prob(new int[] {Vocabulary.BOS}, Vocabulary.EOS), 1e-15);
    assertEquals(Math.pow(10, -0.2), lm.prob(new int[] {a}, Vocabulary.EOS), 1e-15);
    assertEquals(Math.pow(10, -1.2), lm.prob(new int[] {a}, Vocabulary.UNK), 1e-15);
    assertEquals(Math.pow(10, -0.3), lm.prob(new int[] {Vocabulary.EOS}, a), 1e-15);
    assertEquals(0, lm.prob(new int[0], Vocabulary.BOS));
    assertTrue(lm.discounts().isEmpty());
  }

  @Test
  void read_rejectsMalformedFiles() {
    assertThrows(IOException.class, () -> Arpa.read(new StringReader("no header\n")));
    String unknownWord = "\\data\\\nngram 1=1\nngram 2=1\n\n\\1-grams:\n-1\ta\n\n\\2-grams:\n-1\ta b\n\n\\end\\\n";
    IOException e = assertThrows(IOException.class, () -> Arpa.read(new StringReader(unknownWord)));
    assertTrue(e.getMessage().contains("'b'"), e.getMessage());
    String shortSection = "\\data\\\nngram 1=3\n\n\\1-grams:\n-1\ta\n\n\\end\\\n";
    assertThrows(IOException.class, () -> Arpa.read(new StringReader(shortSection)));
  }
}
