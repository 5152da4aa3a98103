package org.tailguard.curate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.tailguard.text.corpus.Document;
import org.tailguard.text.corpus.Split;
import org.tailguard.text.lm.Arpa;
import org.tailguard.text.lm.KneserNey;
import org.tailguard.text.lm.NgramLm;
import org.tailguard.text.token.SentenceMode;
import org.tailguard.text.token.TokenizedCorpus;
import org.tailguard.text.token.Vocabulary;
import org.tailguard.text.token.WordTokenizer;

/**
 * A reference language model that scores whole documents by CCNet's perplexity (Wenzek et al. 2020,
 * "CCNet", §3.3; {@code cc_net/perplexity.py}): {@code pp = 10^(−Σ log10 P / Σ (words + 1))} over the
 * document's sentences, each scored from {@code <s>} to {@code </s>}, so that every sentence adds its words
 * plus one end-of-sentence token. Words are the project's {@link WordTokenizer}'s (lower-cased, no
 * punctuation) rather than CCNet's SentencePiece pieces; out-of-vocabulary words score as {@code <unk>}.
 * Thread-safe: the model is read-only and each thread gets its own tokenizer.
 */
public final class ReferenceModel {
  private final NgramLm lm;
  private final String description;
  private final ThreadLocal<WordTokenizer> tokenizer = ThreadLocal.withInitial(() -> new WordTokenizer(SentenceMode.DETECT));

  private ReferenceModel(NgramLm lm, String description) {
    this.lm = lm;
    this.description = description;
  }

  /** Trains or loads the model a spec names. */
  public static ReferenceModel of(ReferenceSpec spec) {
    if (spec.arpa() != null) {
      try {
        return new ReferenceModel(Arpa.read(Path.of(spec.arpa())), "ARPA " + spec.arpa());
      } catch (IOException e) {
        throw new UncheckedIOException("reference.arpa: cannot read " + spec.arpa() + ": " + e.getMessage(), e);
      }
    }
    List<String[]> sentences = new ArrayList<>();
    for (String s : spec.train()) {
      sentences.addAll(TokenizedCorpus.of(Split.parse(s)).sentences());
    }
    TokenizedCorpus all = new TokenizedCorpus(0, sentences);
    Vocabulary v = all.vocabulary(spec.minCount());
    return new ReferenceModel(KneserNey.train(all.encode(v), spec.order()),
        "Kneser-Ney order " + spec.order() + " on " + String.join("+", spec.train()));
  }

  /** The model. */
  public NgramLm lm() {
    return lm;
  }

  /** What the model is, for reports. */
  public String description() {
    return description;
  }

  /** CCNet's document perplexity; +∞ for a text without words. */
  public double perplexity(String text) {
    Vocabulary v = lm.vocabulary();
    double[] sum = new double[2]; // natural-log probability, tokens
    tokenizer.get().sentences(text, s -> {
      sum[0] += lm.sentenceLogProb(v.encode(s));
      sum[1] += s.length + 1;
    });
    return sum[1] == 0 ? Double.POSITIVE_INFINITY : Math.exp(-sum[0] / sum[1]);
  }

  /** The perplexities of a split's documents, in order. */
  public double[] perplexities(String split) {
    try (Stream<Document> docs = Split.parse(split).documents()) {
      return docs.mapToDouble(d -> perplexity(d.text())).toArray();
    }
  }
}
