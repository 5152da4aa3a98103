package org.tailguard.text.lab;

import org.tailguard.spec.Check;
import org.tailguard.spec.ModelSpec;
import org.tailguard.spec.SpecException;
import org.tailguard.spec.WorkflowSpec;
import org.tailguard.text.lm.Decoding;

/**
 * An n-gram language model (interpolated modified Kneser–Ney) trained on a bundled human corpus, refitted
 * generation after generation on its own samples (Shumailov et al., Nature 2024, §LLM; Suresh et al.,
 * arXiv 2412.17646, {@code ngram_sim}).
 *
 * <p>Generation 0 trains on {@code workflow.samples} sentences drawn from the {@code corpus} split (all of
 * it when {@code samples} equals its size); every generation samples as many sentences as its training
 * corpus holds ({@code workflow.synthetic}, default {@code samples}). The vocabulary is fixed on the whole
 * training split with {@code min_count}. Indicators are measured on the generation's training corpus (types,
 * coverage of held-out text), on {@code probe_sentences} sentences sampled from the generation's model
 * (diversity, uniqueness, perplexity under generation 0) and on the held-out split (perplexity).
 *
 * @param corpus the training split, such as {@code sotu:train} or {@code brown:train} (default sotu:train)
 * @param heldOut the held-out split for perplexity and coverage (default: the corpus's test split)
 * @param order the n-gram order, 1..5 (default 3)
 * @param minCount words seen fewer times in the training split become {@code <unk>} (default 1)
 * @param decoding how sentences are generated (default ancestral sampling at temperature 1)
 * @param promptWords beam decoding continues the first this many words of a training sentence of the
 *     generation, as Shumailov et al. prompt with training blocks (default 2 with beam; not allowed otherwise)
 * @param maxLength the most words per generated sentence (default 100)
 * @param probeSentences sentences sampled from each generation's model for the output indicators (default 2000)
 * @param observer the split an independent observer model (a Kneser–Ney trigram) is trained on, to score
 *     the generated text from outside the experiment (default: brown:train for SOTU runs, sotu:train otherwise)
 */
public record NGramSpec(String corpus, String heldOut, Integer order, Integer minCount, Decoding decoding,
    Integer promptWords, Integer maxLength, Integer probeSentences, String observer) implements ModelSpec {
  public NGramSpec {
    corpus = corpus == null ? "sotu:train" : corpus;
    order = order == null ? 3 : order;
    if (order < 1 || order > 5) {
      throw new SpecException("model.order", "must be in 1..5, got " + order);
    }
    minCount = minCount == null ? 1 : minCount;
    Check.atLeast("model.min_count", minCount, 1);
    decoding = decoding == null ? Decoding.sample() : decoding;
    boolean beam = decoding.kind() == Decoding.Method.BEAM;
    if (beam) {
      promptWords = promptWords == null ? 2 : promptWords;
      Check.atLeast("model.prompt_words", promptWords, 1);
    } else {
      Check.absent("model.prompt_words", promptWords, "only beam decoding continues prompts");
    }
    maxLength = maxLength == null ? 100 : maxLength;
    Check.atLeast("model.max_length", maxLength, 1);
    probeSentences = probeSentences == null ? 2000 : probeSentences;
    Check.atLeast("model.probe_sentences", probeSentences, 10);
  }

  /** Sampling bias narrows the sampled distribution by temperature, which greedy and beam do not have. */
  @Override
  public void checkWorkflow(WorkflowSpec workflow) {
    Decoding.Method m = decoding.kind();
    if (workflow.bias() != 1.0 && (m == Decoding.Method.GREEDY || m == Decoding.Method.BEAM)) {
      throw new SpecException("workflow.bias", "needs a sampling decoding (sample, top-k or top-p): "
          + m.spec() + " decoding is deterministic, got bias " + workflow.bias());
    }
  }

  /** The default spec on a split. */
  public static NGramSpec on(String corpus, int order) {
    return new NGramSpec(corpus, null, order, null, null, null, null, null, null);
  }
}
