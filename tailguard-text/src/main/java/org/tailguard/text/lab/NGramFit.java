package org.tailguard.text.lab;

import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.models.GenerativeModel;
import org.tailguard.text.lm.BeamSearch;
import org.tailguard.text.lm.Decoding;
import org.tailguard.text.lm.NgramLm;
import org.tailguard.text.lm.Sampler;
import org.tailguard.text.token.Vocabulary;

/**
 * One generation's n-gram model and how it writes: the sentences of the next generation's corpus.
 *
 * <p>Sampling decodings draw whole sentences from {@code <s>} until {@code </s>}. Beam decoding continues
 * the first {@code promptWords} words of a random sentence of this model's own training corpus, as
 * Shumailov et al. (Nature 2024) prompt their model with training blocks and decode with 5-way beam search.
 * A model writes only words of its own training corpus: Kneser–Ney's uniform floor over the experiment's
 * fixed vocabulary keeps held-out perplexity finite and comparable across generations, but a word that
 * vanished from a generation's data cannot come back (Shumailov et al.: the tails are lost for good).
 * The sampling bias λ multiplies the decoding's temperature (λ &lt; 1 sharpens the distribution: Alemohammad
 * et al.'s narrowed sampling); deterministic decodings reject λ ≠ 1 when the spec is loaded.
 */
public final class NGramFit implements GenerativeModel<TextData> {
  private final NgramLm lm;
  private final TextData train;
  private final NGramSpec spec;

  private final boolean[] seen;

  NGramFit(NgramLm lm, TextData train, NGramSpec spec) {
    this.lm = lm;
    this.train = train;
    this.spec = spec;
    this.seen = new boolean[train.vocabulary().size()];
    for (int i = 0; i < train.size(); i++) {
      for (int w : train.sentence(i)) {
        seen[w] = true;
      }
    }
  }

  /** The language model. */
  public NgramLm lm() {
    return lm;
  }

  @Override
  public TextData sample(int n, double bias, UniformRandomProvider rng) {
    Decoding d = spec.decoding();
    int[][] out = new int[n][];
    if (d.kind() == Decoding.Method.BEAM) {
      for (int i = 0; i < n; i++) {
        int[] source = train.sentence(rng.nextInt(train.size()));
        int k = Math.min(spec.promptWords(), source.length);
        int[] prompt = new int[k + 1];
        prompt[0] = Vocabulary.BOS;
        System.arraycopy(source, 0, prompt, 1, k);
        int[] cont = BeamSearch.search(lm, prompt, d.width(), spec.maxLength() - k + 1).words();
        int len = cont.length > 0 && cont[cont.length - 1] == Vocabulary.EOS ? cont.length - 1 : cont.length;
        out[i] = new int[k + len];
        System.arraycopy(source, 0, out[i], 0, k);
        System.arraycopy(cont, 0, out[i], k, len);
      }
      return new TextData(train.vocabulary(), out);
    }
    Sampler sampler = new Sampler(lm, bias == 1.0 ? d : withTemperature(d, d.t() * bias));
    for (int i = 0; i < n; i++) {
      out[i] = sampler.sentence(rng, spec.maxLength(), w -> seen[w]);
    }
    return new TextData(train.vocabulary(), out);
  }

  private static Decoding withTemperature(Decoding d, double t) {
    return new Decoding(d.method(), d.k(), d.p(), t, d.width());
  }
}
