package org.tailguard.text.indicators;

import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.metrics.Diversity;
import org.tailguard.text.token.Sentences;

/**
 * Lexical diversity of a tokenised corpus: distinct-n, sampled unique-n, type-token ratios, n-gram
 * entropy and the n-gram diversity score.
 *
 * <p>Recursive training on generated text loses lexical diversity before anything else moves (Guo et al.,
 * "The Curious Decline of Linguistic Diversity", NAACL Findings 2024, arXiv 2311.09807). Every measure
 * here reads word ids as given: a word is a vocabulary id, so case folding, punctuation removal and
 * {@code <unk>} mapping are the tokenizer's choices, made once for all generations. Unless a method says
 * otherwise, an n-gram lies inside one sentence. A ratio with an empty denominator is {@code NaN}.
 */
public final class Lexical {
  /** Guo et al.'s sample size: 40,000 n-grams per order. */
  public static final int GUO_SAMPLE = 40_000;
  /** Guo et al.'s orders: unique-n is averaged over n = 1, 2, 3. */
  public static final int GUO_ORDERS = 3;
  /** Covington and McFall's usual window for MATTR. */
  public static final int MATTR_WINDOW = 500;
  /** The n-gram diversity score's default highest order here (collapse-science §4); the package's is 5. */
  public static final int NGD_ORDERS = 4;

  private Lexical() {}

  /**
   * distinct-n: the number of distinct n-grams divided by the number of n-gram occurrences, Σ_s max(0,
   * |s| − n + 1) over sentences s. Many libraries use this denominator, Li et al. (2016) the number of
   * tokens instead: for their form see {@link #distinctNPerToken(Sentences, int)}.
   *
   * @param n the order, at least 1
   * @return a value in (0, 1], or NaN if the corpus has no n-gram
   */
  public static double distinctN(Sentences corpus, int n) {
    NGramTable t = NGramTable.of(corpus.sentences(), checkOrder(n));
    return ratio(t.distinct(n), t.occurrences(n));
  }

  /**
   * distinct-n as Li et al. define it ("A Diversity-Promoting Objective Function for Neural Conversation
   * Models", NAACL 2016, §4.3): the number of distinct n-grams divided by the number of generated word
   * tokens. For n = 1 it equals the type-token ratio; for n > 1 it is below {@link #distinctN} by the factor
   * occurrences/tokens.
   *
   * @param n the order, at least 1
   * @return a value in [0, 1], or NaN if the corpus has no token
   */
  public static double distinctNPerToken(Sentences corpus, int n) {
    NGramTable t = NGramTable.of(corpus.sentences(), checkOrder(n));
    return ratio(t.distinct(n), t.occurrences(1));
  }

  /**
   * Unique-n at a fixed sample size, Guo et al.'s length-controlled lexical diversity (their
   * {@code lexical_diversity.py}): for each order n = 1..maxN, draw {@code sampleSize} n-gram occurrences
   * uniformly <em>without</em> replacement from all of the corpus's occurrences (as Python's
   * {@code random.sample}), take distinct/sampled, then average over the orders.
   *
   * <p>When an order has fewer occurrences than {@code sampleSize}, all of them are used (the
   * {@code min(n_tokens, len(ngrams))} of Guo et al.'s commented-out variant; their active code raises an
   * error instead): that order's value is then distinct-n, which is not length-controlled, and the result
   * says so through {@link UniqueN#lengthControlled()}. Guo et al. tokenise with NLTK's WordPunct tokenizer,
   * lower-case and drop punctuation tokens first; here that is the tokenizer's job. Their n-grams stay
   * inside a line, as ours inside a sentence.
   *
   * @param maxN the highest order, at least 1 (Guo: 3)
   * @param sampleSize n-grams drawn per order, at least 1 (Guo: 40,000)
   * @param rng the only source of randomness; the orders are sampled in turn from it
   */
  public static UniqueN uniqueN(Sentences corpus, int maxN, int sampleSize, UniformRandomProvider rng) {
    if (sampleSize < 1) {
      throw new IllegalArgumentException("sampleSize: must be at least 1, got " + sampleSize);
    }
    NGramTable t = NGramTable.of(corpus.sentences(), checkOrder(maxN));
    double[] byOrder = new double[maxN];
    int[] sampled = new int[maxN];
    double sum = 0;
    for (int n = 1; n <= maxN; n++) {
      int[] all = t.ids(n);
      int k = Math.min(sampleSize, all.length);
      sampled[n - 1] = k;
      if (k == 0) {
        byOrder[n - 1] = Double.NaN;
      } else {
        byOrder[n - 1] = (double) distinctInSample(all, k, t.distinct(n), rng) / k;
      }
      sum += byOrder[n - 1];
    }
    return new UniqueN(sum / maxN, byOrder, sampled, sampleSize);
  }

  /** Unique-n with Guo et al.'s settings: n = 1..3, 40,000 n-grams per order. */
  public static UniqueN uniqueN(Sentences corpus, UniformRandomProvider rng) {
    return uniqueN(corpus, GUO_ORDERS, GUO_SAMPLE, rng);
  }

  /**
   * Unique-n at a fixed sample size.
   *
   * @param mean the mean of {@code byOrder} (NaN if an order had no n-gram)
   * @param byOrder distinct/sampled for n = 1..maxN
   * @param sampled how many n-grams were drawn for each order: {@code sampleSize}, or all of them if fewer
   * @param sampleSize the requested sample size
   */
  public record UniqueN(double mean, double[] byOrder, int[] sampled, int sampleSize) {
    /** Whether every order was drawn at the full sample size, so values compare across corpora. */
    public boolean lengthControlled() {
      for (int k : sampled) {
        if (k < sampleSize) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * The type-token ratio of the whole corpus: distinct words / word tokens. Length-sensitive: it falls as
   * a corpus grows, so compare corpora of equal size, or use {@link #movingAverageTtr}.
   *
   * @return a value in (0, 1], or NaN for an empty corpus
   */
  public static double typeTokenRatio(Sentences corpus) {
    return distinctNPerToken(corpus, 1);
  }

  /**
   * The mean per-document type-token ratio (documents without tokens are skipped).
   *
   * @return a value in (0, 1], or NaN if no document has a token
   */
  public static double meanDocumentTtr(Documents documents) {
    int[][] docs = documents.tokens();
    int[] seen = new int[maxId(docs) + 1];
    double sum = 0;
    int counted = 0;
    for (int d = 0; d < docs.length; d++) {
      if (docs[d].length == 0) {
        continue;
      }
      int types = 0;
      int stamp = d + 1;
      for (int w : docs[d]) {
        if (seen[w] != stamp) {
          seen[w] = stamp;
          types++;
        }
      }
      sum += (double) types / docs[d].length;
      counted++;
    }
    return counted == 0 ? Double.NaN : sum / counted;
  }

  /**
   * The moving-average type-token ratio (Covington and McFall, "Cutting the Gordian Knot: The
   * Moving-Average Type-Token Ratio (MATTR)", J. Quantitative Linguistics 17(2), 2010): the TTR of every
   * window of {@code window} consecutive tokens, the window moving one token at a time, averaged over the
   * T − window + 1 windows. The token stream is the corpus's sentences in order, windows crossing sentence
   * boundaries as they cross lines in the original. A corpus shorter than the window gives its plain TTR
   * (a single window of all its tokens).
   *
   * @param window the window length, at least 1 (Covington and McFall: 500)
   * @return a value in (0, 1], or NaN for an empty corpus
   */
  public static double movingAverageTtr(Sentences corpus, int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window: must be at least 1, got " + window);
    }
    int[] stream = stream(corpus.sentences());
    if (stream.length == 0) {
      return Double.NaN;
    }
    int w = Math.min(window, stream.length);
    int[] count = new int[maxId(stream) + 1];
    int types = 0;
    for (int i = 0; i < w; i++) {
      if (count[stream[i]]++ == 0) {
        types++;
      }
    }
    long typeSum = types; // exact: at most 2^31 windows × 2^31 types does not overflow a long
    for (int i = w; i < stream.length; i++) {
      if (--count[stream[i - w]] == 0) {
        types--;
      }
      if (count[stream[i]]++ == 0) {
        types++;
      }
      typeSum += types;
    }
    long windows = stream.length - w + 1L;
    return (double) typeSum / ((double) windows * w);
  }

  /** MATTR with Covington and McFall's window of 500 tokens. */
  public static double movingAverageTtr(Sentences corpus) {
    return movingAverageTtr(corpus, MATTR_WINDOW);
  }

  /**
   * The Shannon entropy H = −Σ f ln f of the unigram frequencies f (word count / tokens), in nats (divide
   * by ln 2 for bits), as in collapse-science §4 and {@link Diversity#entropy(double[])}.
   *
   * @return a value in [0, ln types]; 0 for an empty corpus
   */
  public static double unigramEntropy(Sentences corpus) {
    return ngramEntropy(corpus, 1);
  }

  /**
   * The Shannon entropy, in nats, of the frequencies of bigrams inside sentences (no boundary tokens
   * added): f = count of the bigram / number of bigram occurrences.
   *
   * @return a value in [0, ln distinct bigrams]; 0 for a corpus without bigrams
   */
  public static double bigramEntropy(Sentences corpus) {
    return ngramEntropy(corpus, 2);
  }

  /**
   * The Shannon entropy, in nats, of the order-n n-gram frequencies inside sentences.
   *
   * @param n the order, at least 1
   */
  public static double ngramEntropy(Sentences corpus, int n) {
    NGramTable t = NGramTable.of(corpus.sentences(), checkOrder(n));
    int[] ids = t.ids(n);
    if (ids.length == 0) {
      return 0;
    }
    int[] counts = new int[t.distinct(n)];
    for (int g : ids) {
      counts[g]++;
    }
    double[] f = new double[counts.length];
    for (int g = 0; g < f.length; g++) {
      f[g] = (double) counts[g] / ids.length;
    }
    return Diversity.entropy(f);
  }

  /**
   * The n-gram diversity score Σ_{n=1..maxN} (distinct n-grams / n-gram occurrences) of Shaib et al.'s
   * {@code diversity} package ({@code ngram_diversity_score}; arXiv 2403.00553, following Padmakumar and He,
   * arXiv 2202.00666). As in the package, the corpus is one token stream: all sentences concatenated, so
   * n-grams cross sentence boundaries. Ranges over (0, maxN]; higher is more diverse.
   *
   * @param maxN the highest order, at least 1 ({@link #NGD_ORDERS} here; the package's default is 5)
   * @return the score, or NaN if the stream is shorter than maxN tokens
   */
  public static double ngramDiversity(Sentences corpus, int maxN) {
    NGramTable t = NGramTable.of(new int[][] {stream(corpus.sentences())}, checkOrder(maxN));
    double score = 0;
    for (int n = 1; n <= maxN; n++) {
      score += ratio(t.distinct(n), t.occurrences(n));
    }
    return score;
  }

  /*
   * Partial Fisher–Yates (Durstenfeld, CACM 7(7), 1964) on a copy: the first k entries become a uniform
   * sample without replacement. Distinct values are counted with a stamp array over the dense ids.
   */
  private static int distinctInSample(int[] all, int k, int distinct, UniformRandomProvider rng) {
    int[] a = all.clone();
    boolean[] seen = new boolean[distinct];
    int count = 0;
    for (int i = 0; i < k; i++) {
      int j = i + rng.nextInt(a.length - i);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
      if (!seen[a[i]]) {
        seen[a[i]] = true;
        count++;
      }
    }
    return count;
  }

  static int checkOrder(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n: must be at least 1, got " + n);
    }
    return n;
  }

  static double ratio(long numerator, long denominator) {
    return denominator == 0 ? Double.NaN : (double) numerator / denominator;
  }

  /** All sentences concatenated into one token stream. */
  static int[] stream(int[][] sentences) {
    long n = 0;
    for (int[] s : sentences) {
      n += s.length;
    }
    if (n > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("corpus too large: more than 2^31 tokens");
    }
    int[] out = new int[(int) n];
    int k = 0;
    for (int[] s : sentences) {
      System.arraycopy(s, 0, out, k, s.length);
      k += s.length;
    }
    return out;
  }

  static int maxLength(int[][] sequences) {
    int m = 0;
    for (int[] s : sequences) {
      m = Math.max(m, s.length);
    }
    return m;
  }

  static int maxId(int[][] sequences) {
    int m = -1;
    for (int[] s : sequences) {
      m = Math.max(m, maxId(s));
    }
    return m;
  }

  static int maxId(int[] sequence) {
    int m = -1;
    for (int w : sequence) {
      m = Math.max(m, w);
    }
    return m;
  }
}
