package org.tailguard.detect;

/**
 * The language-model statistics of one text from one left-to-right pass of an observer and a performer
 * over its tokens (sentence ends included): sums over the T predicted tokens x_t, from which every zero-shot
 * score is a closed formula ({@link ZeroShot}).
 *
 * @param tokens T, the number of predicted tokens ({@code </s>} included)
 * @param logProb Σ_t log p_obs(x_t)
 * @param logProbSquares Σ_t (log p_obs(x_t))²
 * @param performerLogProb Σ_t log p_perf(x_t)
 * @param baseLogProb Σ_t log b_obs(x_t), the observer's context-free (unigram) log-probability
 * @param crossMean Σ_t Σ_v p_perf(v) log p_obs(v): minus T times Binoculars' log cross-perplexity, and
 *     Fast-DetectGPT's Σ μ_t with the performer sampling and the observer scoring
 * @param crossVariance Σ_t [Σ_v p_perf(v) (log p_obs(v))² − μ_t²]: Fast-DetectGPT's Σ σ_t²
 * @param selfMean Σ_t Σ_v p_obs(v) log p_obs(v): minus the summed entropy of the observer
 * @param selfVariance Σ_t Var_{v~p_obs}[log p_obs(v)]: white-box Fast-DetectGPT's Σ σ_t²
 * @param logRank Σ_t log rank_obs(x_t)
 * @param rankBuckets GLTR's counts of observer ranks in [1, 10], (10, 100], (100, 1000], (1000, ∞)
 * @param cacheGain Σ over the words after the first of log[(1 − λ) p_obs(x_t) + λ c_t(x_t)] − log p_obs(x_t),
 *     with c_t the relative frequency of x_t among the text's earlier words and λ = {@value #CACHE_WEIGHT}:
 *     the gain of a cache language model (Kuhn and De Mori 1990), high when words recur as they do in
 *     human text on one topic
 * @param cacheTokens the number of words the cache gain sums over
 * @param matchOrders counts of tokens by the order of the observer's longest stored n-gram predicting them
 *     (index k = 0..5; 0 for a scorer without n-grams), the backoff depth of each prediction
 */
public record LmStats(int tokens, double logProb, double logProbSquares, double performerLogProb,
    double baseLogProb, double crossMean, double crossVariance, double selfMean, double selfVariance,
    double logRank, int[] rankBuckets, double cacheGain, int cacheTokens, int[] matchOrders) {
  /** GLTR's bucket edges (Gehrmann et al. 2019): top 10, top 100, top 1000, the rest. */
  static final int[] BUCKET_EDGES = {10, 100, 1000};
  /** The cache model's weight λ. */
  public static final double CACHE_WEIGHT = 0.1;

  /** The highest n-gram order counted in {@link #matchOrders}. */
  public static final int MAX_MATCH_ORDER = 5;

  public LmStats {
    rankBuckets = rankBuckets.clone();
    matchOrders = matchOrders.clone();
  }

  @Override
  public int[] matchOrders() {
    return matchOrders.clone();
  }

  /** The fraction of tokens predicted by a stored n-gram of order at least {@code k}. */
  public double matchFraction(int k) {
    int c = 0;
    for (int j = k; j < matchOrders.length; j++) {
      c += matchOrders[j];
    }
    return tokens == 0 ? Double.NaN : (double) c / tokens;
  }

  /** Mean log p_obs per token: minus the observer's log-perplexity. */
  public double meanLogProb() {
    return logProb / tokens;
  }

  /** The fraction of tokens in GLTR bucket {@code b} (0: top 10, …, 3: beyond 1000). */
  public double bucketFraction(int b) {
    return (double) rankBuckets[b] / tokens;
  }

  @Override
  public int[] rankBuckets() {
    return rankBuckets.clone();
  }

  /**
   * One pass over a token sequence: per token, the observer's probability and rank, the performer's
   * probability, and the two moment pairs of {@link CrossMoments}. Not thread-safe: one per thread.
   */
  static final class Pass {
    private final Scorer.Cursor obs;
    private final Scorer.Cursor perf;
    private final double[] obsBase;
    private final CrossMoments cross;
    private final CrossMoments self;
    private final double[] m = new double[2];
    private final int[] counts;

    Pass(Scorer observer, Scorer performer, CrossMoments cross, CrossMoments self) {
      this.obs = observer.cursor();
      this.perf = performer.cursor();
      this.obsBase = observer.base();
      this.cross = cross;
      this.self = self;
      this.counts = new int[observer.vocabulary().size()];
    }

    LmStats run(int[] tokens) {
      obs.reset();
      perf.reset();
      double lp = 0;
      double lp2 = 0;
      double plp = 0;
      double blp = 0;
      double cm = 0;
      double cv = 0;
      double sm = 0;
      double sv = 0;
      double lr = 0;
      int[] buckets = new int[BUCKET_EDGES.length + 1];
      double cg = 0;
      int seen = 0;
      int[] orders = new int[MAX_MATCH_ORDER + 1];
      for (int x : tokens) {
        double l = obs.logProb(x);
        lp += l;
        lp2 += l * l;
        if (x != org.tailguard.text.token.Vocabulary.EOS) {
          if (seen > 0) {
            double p = Math.exp(l);
            cg += Math.log((1 - CACHE_WEIGHT) * p + CACHE_WEIGHT * counts[x] / (double) seen) - l;
          }
          counts[x]++;
          seen++;
        }
        plp += perf.logProb(x);
        blp += Math.log(obsBase[x]);
        orders[Math.min(MAX_MATCH_ORDER, obs.matchOrder(x))]++;
        int r = obs.rank(x);
        lr += Math.log(r);
        int b = 0;
        while (b < BUCKET_EDGES.length && r > BUCKET_EDGES[b]) {
          b++;
        }
        buckets[b]++;
        cross.at(perf, obs, m);
        cm += m[0];
        cv += Math.max(0, m[1] - m[0] * m[0]);
        self.at(obs, obs, m);
        sm += m[0];
        sv += Math.max(0, m[1] - m[0] * m[0]);
        obs.advance(x);
        perf.advance(x);
      }
      for (int x : tokens) {
        counts[x] = 0;
      }
      return new LmStats(tokens.length, lp, lp2, plp, blp, cm, cv, sm, sv, lr, buckets, cg, Math.max(0, seen - 1), orders);
    }
  }
}
