package org.tailguard.curate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.random.RandomStreams;
import org.tailguard.text.lm.Decoding;
import org.tailguard.text.lm.KneserNey;
import org.tailguard.text.lm.NgramLm;
import org.tailguard.text.lm.Sampler;
import org.tailguard.text.token.Vocabulary;

/**
 * Synthetic documents from our own models: a Kneser–Ney model ({@link KneserNey}) trained on a bundled
 * split (the same model as {@code ReferenceSpec.trained(order, split)}, whose words seen once are
 * {@code <unk>}, which the sampler is not allowed to emit), sampled ancestrally ({@link Sampler}) sentence by sentence; each sentence is capitalised and ends
 * with a period, five sentences to a line. Document i is drawn from the stream
 * {@code RandomStreams.derive(seed, 0, i, SAMPLE)}, so a document does not depend on how many others are made.
 * Documents carry metadata {@code synthetic=true} and {@code generator}.
 */
public final class SyntheticCorpus {
  private SyntheticCorpus() {}

  /** Generates the documents of a spec, with ids {@code PREFIX-000000}… and the given source. */
  public static List<Doc> generate(MixtureSpec.Generate g, String source, String idPrefix, StageContext context) {
    NgramLm lm = context.model(ReferenceSpec.trained(g.order(), g.train())).lm();
    Vocabulary v = lm.vocabulary();
    Sampler sampler = new Sampler(lm, Decoding.sample(g.temperature()));
    List<Doc> out = new ArrayList<>(g.documents());
    for (int i = 0; i < g.documents(); i++) {
      UniformRandomProvider rng = RandomStreams.derive(g.seed(), 0, i, RandomStreams.Purpose.SAMPLE);
      StringBuilder text = new StringBuilder();
      for (int s = 0; s < g.sentences(); s++) {
        int[] ids = sampler.sentence(rng, g.maxWords(), w -> w != Vocabulary.UNK);
        if (ids.length == 0) {
          continue;
        }
        String sentence = String.join(" ", v.decode(ids));
        if (!text.isEmpty()) {
          text.append(s % 5 == 0 ? '\n' : ' ');
        }
        text.append(sentence.substring(0, 1).toUpperCase(Locale.ROOT)).append(sentence.substring(1)).append('.');
      }
      out.add(new Doc(String.format("%s-%06d", idPrefix, i), text.toString(), source, null, null,
          Map.of("synthetic", "true", "generator", g.generator())));
    }
    return out;
  }
}
