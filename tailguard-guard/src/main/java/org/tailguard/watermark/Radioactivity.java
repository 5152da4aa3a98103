package org.tailguard.watermark;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.random.RandomStreams;
import org.tailguard.spec.Check;
import org.tailguard.spec.SpecException;
import org.tailguard.text.corpus.Split;
import org.tailguard.text.lm.KneserNey;
import org.tailguard.text.lm.NgramLm;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.TokenizedCorpus;
import org.tailguard.text.token.Vocabulary;

/**
 * Watermark radioactivity (Sander, Fernandez, Durmus, Douze and Furon, NeurIPS 2024, "Watermarking makes
 * language models radioactive"): does a model trained on text of which a share ρ was watermarked by another
 * model betray the watermark in its own, unwatermarked samples?
 *
 * <p>Generation 0 is a Kneser–Ney model trained on a human corpus; it writes watermarked documents (KGW by
 * default). For each share ρ, generation 1 trains on a corpus of the same size in which ρ of the tokens are
 * those documents and the rest is the human corpus (a fixed shuffle, so the human parts are nested). Then
 * generation 1 samples {@code sampleTokens} tokens without any watermark, and the watermark test scores
 * them as one stream, as the paper does: every (context, token) tuple counted once across all samples
 * (their de-duplication), one binomial p-value for the whole stream. The paper also scores only tuples whose
 * context occurred in the watermarked training text (its filter); that p-value is reported too. Both are
 * valid under the null: with ρ = 0 generation 1 never saw the key, and the filter depends only on which
 * contexts occur, not on the green lists of the tuples scored. Sander et al. report p &lt; 1e-5 from ρ = 5%
 * in their open-model setting.
 *
 * <p>Every random draw comes from {@link RandomStreams} of the config's seed, so a run is reproducible.
 */
public final class Radioactivity {
  private Radioactivity() {}

  /**
   * The experiment's settings.
   *
   * @param corpus the human corpus, a split name (default sotu:train)
   * @param corpusTokens the generation-1 training size in tokens; 0 for the whole corpus (default 0)
   * @param order the n-gram order of both generations (default 3)
   * @param shares the shares ρ of watermarked tokens, each in [0, 1) (default 0, 1, 2, 5, 10, 20%)
   * @param watermark the scheme of generation 0 (default KGW with its defaults); KGW or Unigram
   * @param documentWords the words per generated document (default 200)
   * @param sampleTokens the tokens sampled from generation 1 and scored (default 100,000)
   * @param seed the seed of every stream (default 1)
   */
  public record Config(String corpus, Integer corpusTokens, Integer order, List<Double> shares,
      WatermarkSpec watermark, Integer documentWords, Integer sampleTokens, Long seed) {
    public Config {
      corpus = corpus == null ? "sotu:train" : corpus;
      corpusTokens = Check.atLeast("radioactivity.corpus_tokens", corpusTokens == null ? 0 : corpusTokens, 0);
      order = order == null ? 3 : order;
      if (order < 1 || order > 5) {
        throw new SpecException("radioactivity.order", "must be in 1..5, got " + order);
      }
      shares = List.copyOf(shares == null ? List.of(0.0, 0.01, 0.02, 0.05, 0.10, 0.20) : shares);
      if (shares.isEmpty()) {
        throw new SpecException("radioactivity.shares", "must not be empty");
      }
      for (double s : shares) {
        if (!(s >= 0 && s < 1)) {
          throw new SpecException("radioactivity.shares", "each share must be in [0, 1), got " + s);
        }
      }
      watermark = watermark == null ? KgwSpec.defaults() : watermark;
      if (!(watermark instanceof KgwSpec || watermark instanceof UnigramSpec)) {
        throw new SpecException("radioactivity.watermark", "must be a green-list scheme (KGW or Unigram), got "
            + watermark.name());
      }
      documentWords = Check.atLeast("radioactivity.document_words", documentWords == null ? 200 : documentWords, 10);
      sampleTokens = Check.atLeast("radioactivity.sample_tokens", sampleTokens == null ? 100_000 : sampleTokens, 100);
      seed = seed == null ? 1L : seed;
    }

    /** The full-size defaults. */
    public static Config defaults() {
      return new Config(null, null, null, null, null, null, null, null);
    }
  }

  /**
   * One share's outcome.
   *
   * @param share ρ, the share of watermarked tokens in generation 1's training corpus
   * @param watermarkedTokens the watermarked tokens in that corpus
   * @param trainingTokens all its tokens
   * @param all the test of generation 1's samples, each tuple once
   * @param filtered the same, only tuples whose context occurs in the watermarked training text
   *     (null for the self-hash and Unigram, whose seeds are not contexts)
   */
  public record Row(double share, long watermarkedTokens, long trainingTokens, Detection all, Detection filtered) {}

  /** Runs the experiment on a bundled corpus; {@code log} gets one line per step (may be null). */
  public static List<Row> run(Config c, PrintStream log) {
    TokenizedCorpus tc = TokenizedCorpus.of(Split.parse("radioactivity.corpus", c.corpus()));
    Vocabulary v = tc.vocabulary(2);
    return run(c, tc.encode(v), log);
  }

  /** Runs the experiment on a given human corpus (its vocabulary is the watermark's). */
  public static List<Row> run(Config c, Sentences human, PrintStream log) {
    long t0 = System.nanoTime();
    Vocabulary v = human.vocabulary();
    int[][] shuffled = human.sentences().clone();
    shuffle(shuffled, RandomStreams.derive(c.seed(), 0, 0, RandomStreams.Purpose.WORKFLOW));
    long total = c.corpusTokens() > 0 ? Math.min(c.corpusTokens(), human.tokens()) : human.tokens();
    // generation 0 learns from the same human text generation 1 mixes with
    NgramLm gen0 = KneserNey.train(new Sentences(v, prefix(shuffled, total)), c.order());
    Watermark wm = Watermark.of(c.watermark(), WatermarkKey.random(
        RandomStreams.derive(c.seed(), 0, 0, RandomStreams.Purpose.FIT)), v);
    double maxShare = c.shares().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    long maxMarked = Math.round(maxShare * total);
    // the watermarked pool, written once; smaller shares take its first documents
    List<int[][]> pool = new ArrayList<>();
    WatermarkSampler writer = new WatermarkSampler(gen0, wm);
    UniformRandomProvider rng0 = RandomStreams.derive(c.seed(), 0, 0, RandomStreams.Purpose.SAMPLE);
    for (long written = 0; written < maxMarked; written += c.documentWords()) {
      pool.add(writer.document(c.documentWords(), rng0).sentences());
    }
    log(log, t0, "generation 0: %,d watermarked tokens in %d documents (%s)", maxMarked, pool.size(), wm.name());
    List<Row> rows = new ArrayList<>();
    for (double share : c.shares()) {
      long marked = Math.round(share * total);
      List<int[]> corpus = new ArrayList<>();
      LongOpenHashSet contexts = new LongOpenHashSet();
      long m = 0;
      for (int d = 0; m < marked; d++) {
        int[][] doc = pool.get(d);
        int[] flat = flatten(doc);
        for (int[] s : doc) {
          corpus.add(s);
        }
        m += flat.length;
        if (wm instanceof Kgw k && k.spec().hash() != ContextHash.SELF_HASH) {
          for (long s : k.contextSeeds(flat)) {
            contexts.add(s);
          }
        }
      }
      int[][] humanPart = prefix(shuffled, total - m);
      corpus.addAll(Arrays.asList(humanPart));
      Sentences train = new Sentences(v, corpus.toArray(int[][]::new));
      NgramLm gen1 = KneserNey.train(train, c.order());
      UniformRandomProvider rng1 = RandomStreams.derive(c.seed(), 0, 1, RandomStreams.Purpose.SAMPLE);
      WatermarkSampler sampler = WatermarkSampler.unwatermarked(gen1);
      int[] stream = new int[c.sampleTokens()];
      for (int at = 0; at < stream.length; at += c.documentWords()) {
        int[] doc = sampler.tokens(Math.min(c.documentWords(), stream.length - at), rng1);
        System.arraycopy(doc, 0, stream, at, doc.length);
      }
      TokenScores scores = wm.score(stream);
      Detection all = scores.detection();
      Detection filtered = null;
      if (wm instanceof Kgw k && k.spec().hash() != ContextHash.SELF_HASH) {
        long[] seeds = k.contextSeeds(stream);
        boolean[] keep = new boolean[stream.length];
        for (int t = 0; t < stream.length; t++) {
          keep[t] = scores.counted()[t] && contexts.contains(seeds[t]);
        }
        filtered = new TokenScores(scores.scheme(), scores.tokens(), keep, scores.values(), scores.contributions(),
            scores.nullModel()).detection();
      }
      rows.add(new Row(share, m, train.tokens(), all, filtered));
      log(log, t0, "share %.3f: %,d of %,d training tokens watermarked; p = %.3g (filtered %s)", share, m,
          train.tokens(), all.pValue(), filtered == null ? "n/a" : String.format(Locale.ROOT, "%.3g", filtered.pValue()));
    }
    return rows;
  }

  /** The results as a Markdown table. */
  public static String table(List<Row> rows) {
    StringBuilder b = new StringBuilder();
    b.append("| share ρ | watermarked tokens | scored tuples | green fraction | z | p-value | filtered tuples | filtered z | filtered p |\n")
        .append("|---|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      Detection a = r.all();
      Detection f = r.filtered();
      b.append(String.format(Locale.ROOT, "| %.0f%% | %,d | %,d | %.4f | %.2f | %.3g | %s | %s | %s |%n", 100 * r.share(),
          r.watermarkedTokens(), a.scored(), a.score(), a.z(), a.pValue(),
          f == null ? "–" : String.format(Locale.ROOT, "%,d", f.scored()),
          f == null ? "–" : String.format(Locale.ROOT, "%.2f", f.z()),
          f == null ? "–" : String.format(Locale.ROOT, "%.3g", f.pValue())));
    }
    return b.toString();
  }

  /** The smallest share whose p-value is below α, or NaN. */
  public static double threshold(List<Row> rows, double alpha, boolean filtered) {
    return rows.stream().filter(r -> {
      Detection d = filtered ? r.filtered() : r.all();
      return d != null && d.pValue() < alpha;
    }).mapToDouble(Row::share).min().orElse(Double.NaN);
  }

  /**
   * The full-size experiment: KGW with context widths 4 (the default), 2 and 1 (lefthash) on SOTU before
   * 1990, shares 0–20%. Usage: {@code Radioactivity [sampleTokens]}.
   */
  public static void main(String[] args) {
    int sample = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    for (int h : new int[] {4, 2, 1}) {
      KgwSpec spec = new KgwSpec(null, null, h, ContextHash.ORDERED, null);
      String scheme = spec.name();
      Config c = new Config(null, null, null, null, spec, null, sample, null);
      List<Row> rows = run(c, System.out);
      System.out.println("\n" + scheme + ", trigram on " + c.corpus() + ", " + sample + " sampled tokens\n");
      System.out.println(table(rows));
      System.out.printf(Locale.ROOT, "p < 1e-5 from share %s (all tuples), %s (filtered)%n%n",
          threshold(rows, 1e-5, false), threshold(rows, 1e-5, true));
    }
  }

  private static int[][] prefix(int[][] sentences, long tokens) {
    List<int[]> out = new ArrayList<>();
    long n = 0;
    for (int[] s : sentences) {
      if (n >= tokens) {
        break;
      }
      out.add(s);
      n += s.length;
    }
    return out.toArray(int[][]::new);
  }

  private static int[] flatten(int[][] doc) {
    int n = 0;
    for (int[] s : doc) {
      n += s.length;
    }
    int[] out = new int[n];
    int at = 0;
    for (int[] s : doc) {
      System.arraycopy(s, 0, out, at, s.length);
      at += s.length;
    }
    return out;
  }

  private static void shuffle(int[][] a, UniformRandomProvider rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int[] t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static void log(PrintStream log, long t0, String format, Object... args) {
    if (log != null) {
      log.printf(Locale.ROOT, "[%5.1fs] %s%n", (System.nanoTime() - t0) / 1e9, String.format(Locale.ROOT, format, args));
    }
  }
}
