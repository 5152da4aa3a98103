package org.tailguard.detect;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tailguard.text.token.SentenceMode;
import org.tailguard.text.token.Vocabulary;
import org.tailguard.text.token.WordTokenizer;

/**
 * Turns text into {@link Evidence}: canonicalise ({@link Canonicalizer}), tokenise into sentences of
 * lower-cased words (the project's {@link WordTokenizer}), encode over the scorers' shared vocabulary with
 * {@code </s>} after each sentence, score in one observer/performer pass ({@link LmStats}), and compute the
 * stylometric and plug-in features. Thread-safe: each thread gets its own tokenizer and cursors.
 */
public final class Analyzer {
  private final Scorer observer;
  private final Scorer performer;
  private final List<TextFeature> extras;
  private final Vocabulary vocabulary;
  private final CrossMoments cross;
  private final CrossMoments self;
  private final ThreadLocal<LmStats.Pass> passes;
  private final ThreadLocal<WordTokenizer> tokenizers =
      ThreadLocal.withInitial(() -> new WordTokenizer(SentenceMode.DETECT));

  /**
   * @param observer the model whose perplexity is measured
   * @param performer the model whose predictions the observer judges (Binoculars) and which samples
   *     (Fast-DetectGPT); must share the observer's vocabulary
   * @param extras plug-in features computed for every text
   * @throws IllegalArgumentException if the vocabularies differ
   */
  public Analyzer(Scorer observer, Scorer performer, List<TextFeature> extras) {
    this.observer = Objects.requireNonNull(observer, "observer");
    this.performer = Objects.requireNonNull(performer, "performer");
    if (!observer.vocabulary().equals(performer.vocabulary())) {
      throw new IllegalArgumentException("observer " + observer.name() + " and performer " + performer.name()
          + " must share one vocabulary");
    }
    this.extras = List.copyOf(extras);
    this.vocabulary = observer.vocabulary();
    this.cross = new CrossMoments(performer, observer);
    this.self = new CrossMoments(observer, observer);
    this.passes = ThreadLocal.withInitial(() -> new LmStats.Pass(observer, performer, cross, self));
  }

  public Scorer observer() {
    return observer;
  }

  public Scorer performer() {
    return performer;
  }

  public List<TextFeature> extras() {
    return extras;
  }

  /** An analyser with the same scorers and more plug-in features. */
  public Analyzer with(List<TextFeature> more) {
    List<TextFeature> all = new java.util.ArrayList<>(extras);
    all.addAll(more);
    return new Analyzer(observer, performer, all);
  }

  /** The evidence of a text as given (canonicalised first). */
  public Evidence analyze(String text) {
    String canonical = Canonicalizer.canonical(text);
    List<String[]> sentences = tokenizers.get().sentences(canonical);
    return analyze(sentences, canonical);
  }

  /** The evidence of already tokenised sentences; {@code text} serves the punctuation and plug-in features. */
  public Evidence analyze(List<String[]> sentences, String text) {
    int[] tokens = encode(sentences);
    int words = tokens.length - sentences.size();
    LmStats lm = passes.get().run(tokens);
    double[] style = Stylometry.features(sentences, text);
    Map<String, Double> x = new LinkedHashMap<>();
    for (TextFeature f : extras) {
      x.put(f.name(), f.value(sentences, text));
    }
    return new Evidence(words, sentences.size(), lm, style, x);
  }

  /** The token ids the scorers read: each sentence's words, then {@code </s>}. */
  public int[] encode(List<String[]> sentences) {
    IntArrayList ids = new IntArrayList();
    for (String[] s : sentences) {
      for (String w : s) {
        ids.add(vocabulary.id(w));
      }
      ids.add(Vocabulary.EOS);
    }
    return ids.toIntArray();
  }
}
