package org.tailguard.monitor;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.random.RandomStreams;
import org.tailguard.random.RandomStreams.Purpose;
import org.tailguard.spec.Check;
import org.tailguard.text.lab.NGramFamily;
import org.tailguard.text.lab.NGramFit;
import org.tailguard.text.lab.NGramSpec;
import org.tailguard.text.lab.TextData;
import org.tailguard.text.lm.Decoding;
import org.tailguard.text.lm.Sampler;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/**
 * Demo data for the monitor: a model that collapses over its versions and a stable control, both from the
 * text lab's {@code ngram} family ({@link NGramFamily}, a Kneser–Ney trigram on a bundled corpus).
 *
 * <ul>
 *   <li><b>{@value #COLLAPSING}</b>: version {@code gen-g} is generation g of a replace chain (Shumailov et
 *       al., Nature 2024): generation 0 is fitted on {@code trainSentences} real sentences, and generation
 *       g + 1 on as many sentences sampled from generation g. Each version's responses are sampled from its
 *       generation's model, so they lose rare words and grow more uniform version after version.</li>
 *   <li><b>{@value #CONTROL}</b>: every version samples the same generation-0 model with its own seed, so
 *       nothing but sampling noise changes between versions.</li>
 * </ul>
 * Each version has {@code responses} unprompted responses (whole sentences) plus {@code prompts} ×
 * {@code answersPerPrompt} prompted ones: the prompt is the first two words of a held-out sentence, shared by
 * all versions, and the answer continues it until the end of the sentence, so per-prompt comparisons apply.
 * All randomness comes from {@link RandomStreams} with the options' seed: chain 0 for the collapsing model,
 * chain 1 for the control.
 */
public final class MonitorDemo {
  /** The collapsing model's name. */
  public static final String COLLAPSING = "demo-collapsing";
  /** The control model's name. */
  public static final String CONTROL = "demo-control";

  private MonitorDemo() {}

  /**
   * @param corpus the training split of generation 0
   * @param observer the text lab's independent observer split (another corpus; the demo does not read it)
   * @param trainSentences real sentences of generation 0, and sentences each generation writes for the next
   * @param versions versions per model (generations 0 .. versions − 1)
   * @param responses unprompted responses per version
   * @param prompts prompts per version (the same prompts in every version)
   * @param answersPerPrompt answers per prompt per version
   * @param maxLength the most words of a response
   * @param seed the seed of every random stream
   */
  public record Options(String corpus, String observer, int trainSentences, int versions, int responses, int prompts,
      int answersPerPrompt, int maxLength, long seed) {
    public Options {
      Check.atLeast("demo.train_sentences", trainSentences, 100);
      Check.atLeast("demo.versions", versions, 2);
      Check.atLeast("demo.responses", responses, 10);
      Check.atLeast("demo.prompts", prompts, 0);
      Check.atLeast("demo.answers_per_prompt", answersPerPrompt, 1);
      Check.atLeast("demo.max_length", maxLength, 3);
    }

    /**
     * SOTU's training split, 5,000 sentences per generation, 6 versions of 2,000 responses plus 100 prompts × 3
     * answers, responses of at most 40 words, seed 2024; the observer is Moby-Dick (the smallest corpus, fast
     * to train).
     */
    public static Options defaults() {
      return new Options("sotu:train", "moby-dick", 5000, 6, 2000, 100, 3, 40, 2024);
    }

    /**
     * The defaults with 2,000 sentences per generation and 1,200 unprompted responses per version (for
     * {@code tailguard demo --quick} and tests): the versions still fill the sample budgets of the default
     * monitor config at generation 0.
     */
    public static Options quick() {
      return new Options("sotu:train", "moby-dick", 2000, 6, 1200, 50, 3, 40, 2024);
    }
  }

  /**
   * What the demo stored and what the monitor raised afterwards.
   *
   * @param versions the version names, in order
   * @param collapsing the warnings on the collapsing model
   * @param control the warnings on the control model
   */
  public record Result(List<String> versions, List<Warning> collapsing, List<Warning> control) {}

  /**
   * Fills the monitor with both models, replacing them if the store already holds them (so that running the
   * demo again gives the same store), then evaluates both with the monitor's policy.
   */
  public static Result fill(Monitor monitor, Options o) {
    monitor.deleteModel(COLLAPSING);
    monitor.deleteModel(CONTROL);
    // the reference (tokenising and training take seconds) is built while the chain is generated
    Thread reference = Thread.ofPlatform().daemon().name("monitor-reference").start(monitor::reference);
    NGramSpec spec = new NGramSpec(o.corpus(), null, 3, null, null, null, o.maxLength(), null, o.observer());
    NGramFamily family = new NGramFamily(spec);
    Vocabulary vocabulary = family.training().vocabulary();
    List<int[]> prompts = prompts(family.heldOut(), o.prompts());
    TextData data = family.real(o.trainSentences(), RandomStreams.derive(o.seed(), 0, 0, Purpose.REAL));
    NGramFit first = family.fit(data, RandomStreams.derive(o.seed(), 0, 0, Purpose.FIT));
    NGramFit fit = first;
    List<String> names = new ArrayList<>();
    List<List<ResponseRecord>> batches = new ArrayList<>();
    for (int g = 0; g < o.versions(); g++) {
      String version = "gen-" + g;
      names.add(version);
      batches.add(responses(COLLAPSING, version, fit, vocabulary, prompts, o,
          RandomStreams.derive(o.seed(), 0, g, Purpose.METRIC)));
      batches.add(responses(CONTROL, version, first, vocabulary, prompts, o,
          RandomStreams.derive(o.seed(), 1, g, Purpose.METRIC)));
      if (g + 1 < o.versions()) {
        TextData next = fit.sample(o.trainSentences(), 1.0, RandomStreams.derive(o.seed(), 0, g, Purpose.SAMPLE));
        fit = family.fit(next, RandomStreams.derive(o.seed(), 0, g + 1, Purpose.FIT));
      }
    }
    try {
      reference.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (List<ResponseRecord> b : batches) { // versions in order: gen-0 of both models first
      monitor.ingest(b);
    }
    return new Result(names, monitor.evaluate(COLLAPSING), monitor.evaluate(CONTROL));
  }

  /** The first two words of the first {@code n} held-out sentences of at least 6 words without {@code <unk>}. */
  private static List<int[]> prompts(Sentences heldOut, int n) {
    List<int[]> out = new ArrayList<>();
    for (int[] s : heldOut.sentences()) {
      if (out.size() == n) {
        break;
      }
      if (s.length >= 6 && s[0] != Vocabulary.UNK && s[1] != Vocabulary.UNK) {
        out.add(new int[] {s[0], s[1]});
      }
    }
    return out;
  }

  private static List<ResponseRecord> responses(String model, String version, NGramFit fit, Vocabulary v,
      List<int[]> prompts, Options o, UniformRandomProvider rng) {
    List<ResponseRecord> out = new ArrayList<>();
    TextData sample = fit.sample(o.responses(), 1.0, rng);
    for (int i = 0; i < sample.size(); i++) {
      out.add(ResponseRecord.of(model, version, text(v, sample.sentence(i), 0, sample.sentence(i).length)));
    }
    Sampler sampler = new Sampler(fit.lm(), Decoding.sample());
    for (int p = 0; p < prompts.size(); p++) {
      int[] prompt = prompts.get(p);
      String promptText = text(v, prompt, 0, prompt.length);
      for (int a = 0; a < o.answersPerPrompt(); a++) {
        int[] cont = sampler.continuation(new int[] {Vocabulary.BOS, prompt[0], prompt[1]}, o.maxLength() - 2, rng);
        int end = 0;
        while (end < cont.length && cont[end] != Vocabulary.EOS) {
          end++;
        }
        int[] words = new int[2 + end];
        words[0] = prompt[0];
        words[1] = prompt[1];
        System.arraycopy(cont, 0, words, 2, end);
        out.add(ResponseRecord.of(model, version, "p" + p, promptText, text(v, words, 0, words.length)));
      }
    }
    return out;
  }

  /** Words joined by spaces, first letter capitalised, with a final period: one sentence. */
  private static String text(Vocabulary v, int[] ids, int from, int to) {
    StringBuilder b = new StringBuilder();
    for (int i = from; i < to; i++) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(v.word(ids[i]));
    }
    if (b.length() > 0) {
      b.setCharAt(0, Character.toUpperCase(b.charAt(0)));
    }
    return b.append('.').toString();
  }
}
