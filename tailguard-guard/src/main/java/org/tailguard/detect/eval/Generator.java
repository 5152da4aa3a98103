package org.tailguard.detect.eval;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.text.lm.Decoding;
import org.tailguard.text.lm.NgramLm;
import org.tailguard.text.lm.Sampler;
import org.tailguard.text.token.Vocabulary;

/**
 * A source of machine text for the evaluation: an n-gram model and a decoding. Each text is whole sampled
 * sentences from {@code <s>}, cut after exactly L words ({@link Texts#truncate}). The model writes only
 * the words it was trained on: its vocabulary may be larger (shared by several generators, so that one
 * watermark tokenizer serves them all), and Kneser–Ney's uniform floor gives every vocabulary word some
 * mass, but a model never trained on a word has no business writing it (nor {@code <unk>}).
 *
 * @param name the configuration's name, such as {@code kn3/top-p0.9}
 * @param lm the model
 * @param decoding how it picks tokens
 * @param allowed the ids the model may write
 */
public record Generator(String name, NgramLm lm, Decoding decoding, java.util.function.IntPredicate allowed) {
  /** A generator writing any word but {@code <unk>}. */
  public Generator(String name, NgramLm lm, Decoding decoding) {
    this(name, lm, decoding, w -> w != Vocabulary.UNK);
  }

  /** The longest sampled sentence, in words. */
  static final int MAX_SENTENCE = 120;

  /** A sampler of this generator, for {@link #text}; one per thread. */
  public Sampler sampler() {
    return new Sampler(lm, decoding);
  }

  /** One text of {@code length} words, drawn with a sampler of this generator. */
  public List<String[]> text(Sampler sampler, int length, UniformRandomProvider rng) {
    Vocabulary v = lm.vocabulary();
    List<String[]> out = new ArrayList<>();
    int n = 0;
    int empty = 0;
    while (n < length) {
      int[] s = sampler.sentence(rng, MAX_SENTENCE, allowed);
      if (s.length == 0) {
        if (++empty > 1000) {
          throw new IllegalStateException(name + ": the model keeps writing empty sentences");
        }
        continue;
      }
      out.add(v.decode(s));
      n += s.length;
    }
    return Texts.truncate(out, length);
  }
}
