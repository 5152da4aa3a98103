package org.tailguard.watermark;

import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.text.lm.NgramLm;
import org.tailguard.text.token.Vocabulary;

/**
 * A model-based word-substitution attack: a share of the positions, chosen uniformly without replacement,
 * get a new word drawn from an attacker's language model given the (already attacked) words to the left,
 * never the original word nor a special token. It plays the role of MarkLLM's
 * {@code SynonymSubstitution(ratio)} and {@code ContextAwareSynonymSubstitution} (which pick WordNet synonyms
 * or a masked LM's fill) with the models Tailguard has: like them it changes the token at each attacked
 * position, which is what breaks a watermark; unlike them it does not try to keep the meaning, and it hits
 * function words as often as content words, so it is at least as damaging per attacked token.
 *
 * <p>Deterministic given the {@link UniformRandomProvider}. Thread-safe if the model is (it is).
 */
public final class Substitution {
  private final NgramLm attacker;

  /** An attack with the given model (its vocabulary may differ from the text's: words are matched by spelling). */
  public Substitution(NgramLm attacker) {
    this.attacker = attacker;
  }

  /**
   * The text with ⌊ratio·n⌋ of its n tokens replaced.
   *
   * @param tokens the text's ids in {@code vocabulary}
   * @param ratio the share of tokens replaced, in [0, 1]
   * @throws IllegalArgumentException if the ratio is outside [0, 1]
   */
  public int[] attack(int[] tokens, Vocabulary vocabulary, double ratio, UniformRandomProvider rng) {
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException("ratio must be in [0, 1], got " + ratio);
    }
    int n = tokens.length;
    int k = (int) Math.floor(ratio * n);
    // partial Fisher–Yates: the first k of a random permutation, then in text order
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int j = i + rng.nextInt(n - i);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    boolean[] hit = new boolean[n];
    for (int i = 0; i < k; i++) {
      hit[perm[i]] = true;
    }
    Vocabulary av = attacker.vocabulary();
    int[] words = new int[n]; // attacker ids of the text being edited
    for (int i = 0; i < n; i++) {
      words[i] = av.id(vocabulary.word(tokens[i]));
    }
    int[] out = tokens.clone();
    int h = attacker.order() - 1;
    double[] p = new double[av.size()];
    for (int i = 0; i < n; i++) {
      if (!hit[i]) {
        continue;
      }
      int from = Math.max(0, i - h);
      int[] ctx = java.util.Arrays.copyOfRange(words, from, i);
      attacker.distribution(ctx, p);
      p[Vocabulary.UNK] = 0;
      p[Vocabulary.BOS] = 0;
      p[Vocabulary.EOS] = 0;
      int original = av.id(vocabulary.word(tokens[i]));
      if (original > Vocabulary.EOS) {
        p[original] = 0;
      }
      int w = draw(p, rng);
      words[i] = w;
      out[i] = vocabulary.id(av.word(w));
    }
    return out;
  }

  private static int draw(double[] p, UniformRandomProvider rng) {
    double total = 0;
    for (double x : p) {
      total += x;
    }
    double x = rng.nextDouble() * total;
    int last = Vocabulary.EOS + 1;
    for (int v = 0; v < p.length; v++) {
      if (p[v] > 0) {
        last = v;
        x -= p[v];
        if (x < 0) {
          return v;
        }
      }
    }
    return last;
  }
}
