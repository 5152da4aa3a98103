package org.tailguard.text.indicators;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.tailguard.random.RandomStreams;
import org.tailguard.text.token.Sentences;

/**
 * Times every indicator on a corpus of about 100k tokens (not a test: a measurement to run by hand).
 *
 * <p>Run from the module after {@code mvn test-compile}: {@code java -cp <test and main classes and
 * dependencies> org.tailguard.text.indicators.IndicatorTimings FILE [SENTENCES]}, FILE one
 * whitespace-tokenised sentence per line (for example Brown without its tags). It samples SENTENCES lines
 * (default 5,000, about 100k tokens of Brown), and a second disjoint-seeded sample as held-out text; each
 * figure is the median of 5 runs after 2 warm-ups, one thread.
 */
final class IndicatorTimings {
  private IndicatorTimings() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
    Sentences corpus = SelfBleuBenchmark.sample(file, n, RandomStreams.of(1));
    Sentences heldOut = SelfBleuBenchmark.sample(file, n, RandomStreams.of(2));
    Documents perSentence = Documents.perSentence(corpus);
    int[] sizes = new int[(corpus.size() + 99) / 100];
    Arrays.fill(sizes, 100);
    sizes[sizes.length - 1] = corpus.size() - 100 * (sizes.length - 1);
    Documents docs100 = Documents.ofSizes(corpus, sizes);
    System.out.printf(Locale.ROOT, "corpus: %d sentences, %d tokens, %d types; %d documents of 100 sentences%n",
        corpus.size(), corpus.tokens(), corpus.vocabulary().size() - 3, docs100.size());
    Map<String, Supplier<Object>> cases = new LinkedHashMap<>();
    cases.put("distinct-2", () -> Lexical.distinctN(corpus, 2));
    cases.put("distinct-2 per token (Li)", () -> Lexical.distinctNPerToken(corpus, 2));
    cases.put("unique-n, n=1..3, 40k sample", () -> Lexical.uniqueN(corpus, RandomStreams.of(3)).mean());
    cases.put("TTR", () -> Lexical.typeTokenRatio(corpus));
    cases.put("MATTR, window 500", () -> Lexical.movingAverageTtr(corpus));
    cases.put("unigram entropy", () -> Lexical.unigramEntropy(corpus));
    cases.put("bigram entropy", () -> Lexical.bigramEntropy(corpus));
    cases.put("n-gram diversity, N=4", () -> Lexical.ngramDiversity(corpus, 4));
    cases.put("gzip ratio (level 9)", () -> Compression.gzipRatio(corpus));
    cases.put("zstd ratio (level 3)", () -> Compression.zstdRatio(corpus));
    cases.put("exact duplicate rate (sentences)", () -> Duplicates.exactRate(perSentence));
    cases.put("normalized duplicate rate", () -> Duplicates.normalizedRate(perSentence));
    cases.put("Self-BLEU exact (all sentences)", () -> SelfBleu.exact(corpus));
    cases.put("Self-BLEU Texygen fast (500)", () -> SelfBleu.texygenFast(corpus));
    cases.put("self-repetition, 4-grams (sentences)", () -> SelfRepetition.score(perSentence));
    cases.put("self-repetition, 4-grams (100-sent. docs)", () -> SelfRepetition.score(docs100));
    cases.put("homogenization exact (sentences, all pairs)", () -> Homogenization.exact(perSentence));
    cases.put("homogenization exact (100-sent. docs)", () -> Homogenization.exact(docs100));
    cases.put("homogenization sampled, 10k pairs", () -> Homogenization.sampled(perSentence, 10_000,
        RandomStreams.of(4)).mean());
    cases.put("held-out types missing", () -> Coverage.missingTypes(heldOut, corpus).share());
    cases.put("held-out trigrams missing", () -> Coverage.missingNGrams(heldOut, corpus, 3).share());
    cases.put("tail mass beyond rank 100", () -> RankFrequency.tailMassBeyondRank(corpus, 100));
    cases.put("Zipf slope, ranks 1-1000", () -> RankFrequency.zipf(corpus).slope());
    cases.put("time to loss: start + 1 generation", () -> {
      TimeToLoss t = TimeToLoss.start(corpus);
      t.observe(heldOut);
      return t.table().size();
    });
    for (Map.Entry<String, Supplier<Object>> e : cases.entrySet()) {
      Object value = null;
      for (int i = 0; i < 2; i++) {
        value = e.getValue().get();
      }
      double[] ms = new double[5];
      for (int i = 0; i < ms.length; i++) {
        long t0 = System.nanoTime();
        value = e.getValue().get();
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
      Arrays.sort(ms);
      System.out.printf(Locale.ROOT, "%-46s %10.2f ms   %s%n", e.getKey(), ms[2], value);
    }
  }
}
