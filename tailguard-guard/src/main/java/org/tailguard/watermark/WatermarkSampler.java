package org.tailguard.watermark;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.text.lm.NgramLm;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/**
 * Writes watermarked documents with an {@link NgramLm}: ancestral sampling at temperature 1, each token
 * chosen by the watermark scheme from the model's next-token distribution (Kirchenbauer et al. 2023's
 * logit bias, Aaronson's exponential minimum, Dathathri et al.'s tournament).
 *
 * <p>A document is a run of sentences; the model's context restarts with {@code <s>} at each sentence, while
 * the watermark's context is the document's words in order across sentences, which is all a detector sees
 * in plain text (the tokenizer drops punctuation). The sampler never writes {@code <unk>} (it would not
 * survive a round trip through text) nor an empty sentence; the model's probabilities are renormalised
 * without them. {@code </s>} competes under the watermark like any token but is never scored. EXP is
 * deterministic given the context, so its documents start with {@code h} words sampled without the
 * watermark, standing in for the prompt that makes real generations differ; two EXP documents that ever
 * share h consecutive words continue identically until a repeated context.
 *
 * <p>All randomness comes from the given {@link UniformRandomProvider}: a seed fixes the document. A sampler
 * holds buffers and per-document state: use one per thread.
 */
public final class WatermarkSampler {
  private final NgramLm lm;
  private final Scheme.Embedder embedder;
  private final Scheme.Step step;
  private final int[][] contexts;

  /**
   * A sampler embedding {@code watermark}, whose vocabulary must be the model's.
   *
   * @throws IllegalArgumentException if the vocabularies differ
   */
  public WatermarkSampler(NgramLm lm, Watermark watermark) {
    this(lm, ((Scheme) watermark).embedder());
    if (!lm.vocabulary().equals(watermark.vocabulary())) {
      throw new IllegalArgumentException("the watermark's vocabulary is not the model's");
    }
  }

  private WatermarkSampler(NgramLm lm, Scheme.Embedder embedder) {
    this.lm = lm;
    this.embedder = embedder;
    this.step = new Scheme.Step(lm.vocabulary().size());
    this.contexts = new int[lm.order()][];
    for (int k = 0; k < contexts.length; k++) {
      contexts[k] = new int[k];
    }
  }

  /** A sampler without watermark, the same code path: the baseline for embedding overhead and for tests. */
  public static WatermarkSampler unwatermarked(NgramLm lm) {
    return new WatermarkSampler(lm, new Scheme.Embedder() {
      @Override
      public void reset() {}

      @Override
      public int choose(Scheme.Step s) {
        return s.sample();
      }
    });
  }

  /** A document of exactly {@code words} words as one id sequence (sentence boundaries dropped). */
  public int[] tokens(int words, UniformRandomProvider rng) {
    return Arrays.copyOf(write(words, rng, null), words);
  }

  /** A document of exactly {@code words} words as sentences (the last one cut at the length). */
  public Sentences document(int words, UniformRandomProvider rng) {
    List<int[]> sentences = new ArrayList<>();
    write(words, rng, sentences);
    return new Sentences(lm.vocabulary(), sentences.toArray(int[][]::new));
  }

  private int[] write(int words, UniformRandomProvider rng, List<int[]> sentences) {
    if (words < 0) {
      throw new IllegalArgumentException("words must be at least 0, got " + words);
    }
    embedder.reset();
    step.length = 0;
    step.rng = rng;
    int lead = Math.min(embedder.leadIn(), words);
    int order = lm.order();
    IntArrayList sentence = new IntArrayList();
    sentence.add(Vocabulary.BOS);
    while (step.length < words) {
      int k = Math.min(order - 1, sentence.size());
      int[] ctx = contexts[k];
      sentence.getElements(sentence.size() - k, ctx, 0, k);
      lm.distribution(ctx, step.w);
      step.w[Vocabulary.UNK] = 0;
      step.w[Vocabulary.BOS] = 0;
      if (sentence.size() == 1) {
        step.w[Vocabulary.EOS] = 0;
      }
      step.prepare();
      int v = step.length < lead ? step.sample() : embedder.choose(step);
      if (step.length >= lead) {
        embedder.commit(v);
      }
      if (v == Vocabulary.EOS) {
        if (sentences != null) {
          sentences.add(Arrays.copyOfRange(sentence.elements(), 1, sentence.size()));
        }
        sentence.clear();
        sentence.add(Vocabulary.BOS);
        continue;
      }
      sentence.add(v);
      step.append(v);
    }
    if (sentences != null && sentence.size() > 1) {
      sentences.add(Arrays.copyOfRange(sentence.elements(), 1, sentence.size()));
    }
    return step.history;
  }
}
