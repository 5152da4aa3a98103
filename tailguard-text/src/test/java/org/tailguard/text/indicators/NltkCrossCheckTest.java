package org.tailguard.text.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tailguard.text.token.Sentences;

/**
 * Tailguard's indicators against Python at test time: NLTK 3.8's {@code sentence_bleu} looped as Texygen
 * does, ROUGE-L as the {@code rouge_score} package computes it from an LCS table, and the {@code diversity}
 * package's self-repetition and n-gram diversity formulas (see {@code peer_nltk.py}). Skipped, with the
 * reason, when {@code /usr/bin/python3} or NLTK is missing.
 *
 * <p>Tolerance 1e-12 throughout. Both sides count the same integers and divide them with one correctly
 * rounded division; the remaining differences are the last bit of log and exp (Java's intrinsics against
 * the C library) and the order of summation in means, each about 1e-16 relative, far below 1e-12.
 */
class NltkCrossCheckTest {
  private static final double TOLERANCE = 1e-12;
  private static NltkPeer peer;
  private static String unavailable;

  @BeforeAll
  static void locate() {
    NltkPeer.Located located = NltkPeer.locate(NltkPeer.SYSTEM_PYTHON);
    peer = located.peer();
    unavailable = located.unavailable();
  }

  @AfterAll
  static void close() {
    if (peer != null) {
      peer.close();
    }
  }

  /** 150 short sentences over 40 words, with a duplicate, one-word and empty sentences: every branch of BLEU. */
  @Test
  void selfBleu_agreesWithNltkSentenceBySentence() {
    assumeTrue(peer != null, "NLTK peer unavailable: " + unavailable);
    Sentences random = Texts.random(31, 150, 1, 14, 40);
    int[][] s = Arrays.copyOf(random.sentences(), 154);
    s[150] = s[3];
    s[151] = new int[0];
    s[152] = new int[] {s[0][0]};
    s[153] = new int[] {3, 3, 3, 3};
    Sentences corpus = new Sentences(random.vocabulary(), s);
    int[] all = new int[s.length];
    Arrays.setAll(all, i -> i);
    for (int gram : new int[] {3, 4}) {
      double[] ours = SelfBleu.scores(corpus, gram);
      NltkPeer.Result nltk = peer.selfBleu(s, gram, all, 300);
      assertEquals(s.length, nltk.values().length);
      double max = 0;
      for (int i = 0; i < s.length; i++) {
        max = Math.max(max, Math.abs(ours[i] - nltk.values()[i]));
      }
      assertEquals(0, max, TOLERANCE, "largest per-sentence difference, n = " + gram);
      assertEquals(SelfBleu.mean(nltk.values()), SelfBleu.exact(corpus, gram), TOLERANCE);
    }
  }

  @Test
  void rougeL_agreesWithAnLcsTablePairByPair() {
    assumeTrue(peer != null, "NLTK peer unavailable: " + unavailable);
    Sentences random = Texts.random(32, 30, 0, 80, 15); // up to 80 tokens: two machine words per row
    int[][] s = random.sentences();
    NltkPeer.Result py = peer.rougeL(s, 300);
    int k = 0;
    double sum = 0;
    for (int i = 0; i < s.length; i++) {
      for (int j = i + 1; j < s.length; j++) {
        assertEquals(py.values()[k], Homogenization.rougeL(s[i], s[j]), TOLERANCE, "pair " + i + ", " + j);
        sum += py.values()[k++];
      }
    }
    assertEquals(k, py.values().length);
    assertEquals(sum / k, Homogenization.exact(Documents.perSentence(random)), TOLERANCE);
  }

  @Test
  void selfRepetitionAndNgramDiversity_agreeWithTheDiversityPackagesFormulas() {
    assumeTrue(peer != null, "NLTK peer unavailable: " + unavailable);
    Sentences random = Texts.random(33, 60, 1, 30, 12);
    Documents docs = Documents.perSentence(random);
    int[] orders = {2, 4, 5};
    double[] srs = peer.selfRepetition(random.sentences(), orders, 300).values();
    double[] ngd = peer.ngramDiversity(random.sentences(), orders, 300).values();
    for (int i = 0; i < orders.length; i++) {
      assertEquals(srs[i], SelfRepetition.score(docs, orders[i]), TOLERANCE, "self-repetition, n = " + orders[i]);
      assertEquals(ngd[i], Lexical.ngramDiversity(random, orders[i]), TOLERANCE, "n-gram diversity, N = " + orders[i]);
    }
  }
}
