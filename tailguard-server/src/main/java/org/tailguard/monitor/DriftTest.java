package org.tailguard.monitor;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.metrics.Summary;
import org.tailguard.spec.Check;
import org.tailguard.text.token.SentenceMode;
import org.tailguard.text.token.WordTokenizer;

/**
 * The embedding-free drift test of Evidently's text drift: a domain classifier that tries to tell the
 * current version's responses from the reference's, and a permutation test of its held-out AUC.
 *
 * <p>Evidently ({@code calculate_text_drift_score}, {@code roc_auc_domain_classifier}) fits TF-IDF features
 * (sublinear tf, max_df 0.5) and a linear classifier on half of the pooled texts, scores the other half,
 * and declares drift when the held-out ROC AUC exceeds the 95th percentile of 1,000 AUCs of random scores
 * against the same labels. Here:
 * <ul>
 *   <li>features: TF-IDF over the project's word tokens, fitted on the training half only, with
 *       scikit-learn's defaults otherwise: tf = 1 + ln(count), idf = ln((1 + N)/(1 + df)) + 1, rows
 *       L2-normalised; words in more than {@code maxDf} of the training documents dropped;</li>
 *   <li>classifier: L2-regularised logistic regression (mean log-loss + λ/2 ‖w‖², intercept not
 *       penalised) fitted by full-batch gradient descent with Nesterov momentum for a fixed number of
 *       steps, so the fit is deterministic (Evidently uses SGD with an L1 penalty and modified Huber loss;
 *       the test's validity does not depend on the classifier);</li>
 *   <li>split: 50/50 within each side (stratified), drawn from the given random stream;</li>
 *   <li>AUC: the Mann–Whitney statistic with mid-ranks for tied scores;</li>
 *   <li>null: the AUCs of the same held-out scores against {@code permutations} random permutations of the
 *       held-out labels. Under "same distribution" the held-out scores are exchangeable with respect to the
 *       labels, so this is an exact permutation test; it has the distribution of Evidently's random-score
 *       AUCs when scores are untied. The threshold is the {@code quantile} (0.95) of the null AUCs, linear
 *       interpolation as NumPy's {@code percentile}; drift is flagged when the AUC is strictly above it.</li>
 * </ul>
 * The result also names the words that weigh most for each side (Evidently's "typical words").
 */
public final class DriftTest {
  private DriftTest() {}

  /**
   * Settings of the test.
   *
   * @param maxDocuments responses used per side at most (the first ones of each list)
   * @param permutations permutations of the held-out labels (Evidently: 1,000)
   * @param quantile the null quantile the AUC must exceed (Evidently: 0.95)
   * @param lambda the L2 penalty
   * @param iterations gradient steps
   * @param maxDf words in more than this share of training documents are dropped (Evidently: 0.5)
   */
  public record Options(int maxDocuments, int permutations, double quantile, double lambda, int iterations,
      double maxDf) {
    public Options {
      Check.atLeast("drift.max_documents", maxDocuments, 4);
      Check.atLeast("drift.permutations", permutations, 20);
      Check.inClosed("drift.quantile", quantile, 0.5, 0.999);
      Check.inClosed("drift.lambda", lambda, 0, 10);
      Check.atLeast("drift.iterations", iterations, 1);
      Check.inClosed("drift.max_df", maxDf, 0.01, 1);
    }

    /** Evidently's settings where they apply; λ = 10⁻³, 100 steps. */
    public static Options defaults() {
      return new Options(1000, 1000, 0.95, 1e-3, 100, 0.5);
    }

    public Options withMaxDocuments(int n) {
      return new Options(n, permutations, quantile, lambda, iterations, maxDf);
    }

    public Options withPermutations(int n) {
      return new Options(maxDocuments, n, quantile, lambda, iterations, maxDf);
    }
  }

  /**
   * The outcome.
   *
   * @param auc the held-out ROC AUC of the classifier (0.5: indistinguishable)
   * @param threshold the null quantile the AUC is compared with
   * @param pValue (1 + #{null AUC ≥ auc}) / (1 + permutations)
   * @param flagged whether auc &gt; threshold
   * @param referenceDocuments responses used from the reference side
   * @param currentDocuments responses used from the current side
   * @param referenceWords words weighing most for the reference side, strongest first
   * @param currentWords words weighing most for the current side, strongest first
   */
  public record Result(double auc, double threshold, double pValue, boolean flagged, int referenceDocuments,
      int currentDocuments, List<String> referenceWords, List<String> currentWords) {}

  /** Tests two lists of responses, tokenised with the project's word tokenizer. */
  public static Result test(List<String> reference, List<String> current, Options options, UniformRandomProvider rng) {
    WordTokenizer t = new WordTokenizer(SentenceMode.DETECT);
    int n = options.maxDocuments();
    List<String[]> a = reference.stream().limit(n).map(t::words).toList();
    List<String[]> b = current.stream().limit(n).map(t::words).toList();
    return testTokens(a, b, options, rng);
  }

  /** Tests two lists of tokenised responses. */
  static Result testTokens(List<String[]> reference, List<String[]> current, Options options, UniformRandomProvider rng) {
    List<String[]> a = reference.subList(0, Math.min(options.maxDocuments(), reference.size()));
    List<String[]> b = current.subList(0, Math.min(options.maxDocuments(), current.size()));
    if (a.size() < 4 || b.size() < 4) {
      throw new IllegalArgumentException("drift test: need at least 4 responses per side, got " + a.size() + " and "
          + b.size());
    }
    int[] ia = shuffled(a.size(), rng);
    int[] ib = shuffled(b.size(), rng);
    List<String[]> trainDocs = new ArrayList<>();
    List<String[]> testDocs = new ArrayList<>();
    List<Integer> trainY = new ArrayList<>();
    List<Integer> testY = new ArrayList<>();
    split(a, ia, 0, trainDocs, trainY, testDocs, testY);
    split(b, ib, 1, trainDocs, trainY, testDocs, testY);
    TfIdf tfidf = TfIdf.fit(trainDocs, options.maxDf());
    double[] w = LogisticRegression.fit(tfidf.transform(trainDocs), trainY.stream().mapToInt(Integer::intValue).toArray(),
        tfidf.features(), options.lambda(), options.iterations());
    double[] scores = LogisticRegression.score(tfidf.transform(testDocs), w);
    int[] y = testY.stream().mapToInt(Integer::intValue).toArray();
    double[] ranks = midRanks(scores);
    double auc = auc(ranks, y);
    double[] nullAucs = new double[options.permutations()];
    int[] perm = y.clone();
    int atLeast = 0;
    for (int k = 0; k < nullAucs.length; k++) {
      for (int i = perm.length - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
      nullAucs[k] = auc(ranks, perm);
      if (nullAucs[k] >= auc) {
        atLeast++;
      }
    }
    Arrays.sort(nullAucs);
    double threshold = Summary.quantileSorted(nullAucs, options.quantile());
    return new Result(auc, threshold, (1.0 + atLeast) / (1.0 + nullAucs.length), auc > threshold, a.size(), b.size(),
        tfidf.strongest(w, -1, 10), tfidf.strongest(w, 1, 10));
  }

  private static void split(List<String[]> docs, int[] order, int label, List<String[]> trainDocs,
      List<Integer> trainY, List<String[]> testDocs, List<Integer> testY) {
    int half = docs.size() / 2;
    for (int k = 0; k < order.length; k++) {
      if (k < half) {
        trainDocs.add(docs.get(order[k]));
        trainY.add(label);
      } else {
        testDocs.add(docs.get(order[k]));
        testY.add(label);
      }
    }
  }

  private static int[] shuffled(int n, UniformRandomProvider rng) {
    int[] a = IntStream.range(0, n).toArray();
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** 1-based ranks of the scores, ties sharing the mean of their ranks. */
  static double[] midRanks(double[] scores) {
    Integer[] idx = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
    Arrays.sort(idx, Comparator.comparingDouble(i -> scores[i]));
    double[] ranks = new double[scores.length];
    for (int i = 0; i < idx.length; ) {
      int j = i;
      while (j < idx.length && scores[idx[j]] == scores[idx[i]]) {
        j++;
      }
      double mid = (i + 1 + j) / 2.0; // mean of ranks i+1 .. j
      for (int k = i; k < j; k++) {
        ranks[idx[k]] = mid;
      }
      i = j;
    }
    return ranks;
  }

  /** The Mann–Whitney AUC of labels given score ranks: (R₁ − n₁(n₁+1)/2)/(n₁ n₀). */
  static double auc(double[] ranks, int[] y) {
    double r1 = 0;
    long n1 = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] == 1) {
        r1 += ranks[i];
        n1++;
      }
    }
    long n0 = y.length - n1;
    if (n1 == 0 || n0 == 0) {
      return Double.NaN;
    }
    return (r1 - n1 * (n1 + 1) / 2.0) / ((double) n1 * n0);
  }

  /** TF-IDF features fitted on training documents. */
  static final class TfIdf {
    private final Object2IntOpenHashMap<String> ids;
    private final String[] names;
    private final double[] idf;

    private TfIdf(Object2IntOpenHashMap<String> ids, String[] names, double[] idf) {
      this.ids = ids;
      this.names = names;
      this.idf = idf;
    }

    static TfIdf fit(List<String[]> docs, double maxDf) {
      Object2IntOpenHashMap<String> df = new Object2IntOpenHashMap<>();
      for (String[] d : docs) {
        for (String w : new java.util.HashSet<>(Arrays.asList(d))) {
          df.addTo(w, 1);
        }
      }
      List<String> kept = new ArrayList<>();
      for (var e : df.object2IntEntrySet()) {
        if (e.getIntValue() <= maxDf * docs.size()) {
          kept.add(e.getKey());
        }
      }
      kept.sort(null); // feature ids independent of hash order
      Object2IntOpenHashMap<String> ids = new Object2IntOpenHashMap<>();
      ids.defaultReturnValue(-1);
      double[] idf = new double[kept.size()];
      for (int i = 0; i < kept.size(); i++) {
        ids.put(kept.get(i), i);
        idf[i] = Math.log((1.0 + docs.size()) / (1.0 + df.getInt(kept.get(i)))) + 1;
      }
      return new TfIdf(ids, kept.toArray(String[]::new), idf);
    }

    int features() {
      return names.length;
    }

    /** Sparse rows: for each document its feature ids (ascending) and L2-normalised weights. */
    LogisticRegression.Row[] transform(List<String[]> docs) {
      LogisticRegression.Row[] rows = new LogisticRegression.Row[docs.size()];
      for (int d = 0; d < rows.length; d++) {
        Object2IntOpenHashMap<String> counts = new Object2IntOpenHashMap<>();
        for (String w : docs.get(d)) {
          if (ids.getInt(w) >= 0) {
            counts.addTo(w, 1);
          }
        }
        int[] f = new int[counts.size()];
        int k = 0;
        for (String w : counts.keySet()) {
          f[k++] = ids.getInt(w);
        }
        Arrays.sort(f);
        double[] v = new double[f.length];
        double norm = 0;
        for (int i = 0; i < f.length; i++) {
          v[i] = (1 + Math.log(counts.getInt(names[f[i]]))) * idf[f[i]];
          norm += v[i] * v[i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < v.length && norm > 0; i++) {
          v[i] /= norm;
        }
        rows[d] = new LogisticRegression.Row(f, v);
      }
      return rows;
    }

    /** The k features with the largest weights of the given sign (−1 or 1), strongest first. */
    List<String> strongest(double[] w, int sign, int k) {
      return IntStream.range(0, names.length).filter(i -> sign * w[i] > 0).boxed()
          .sorted(Comparator.<Integer>comparingDouble(i -> -sign * w[i]).thenComparing(i -> names[i]))
          .limit(k).map(i -> names[i]).toList();
    }
  }

  /** L2-regularised logistic regression by Nesterov-accelerated full-batch gradient descent. */
  static final class LogisticRegression {
    record Row(int[] features, double[] values) {}

    private LogisticRegression() {}

    /** Weights for the features, then the intercept at index {@code features}. */
    static double[] fit(Row[] x, int[] y, int features, double lambda, int iterations) {
      int m = features + 1;
      double[] w = new double[m];
      double[] prev = new double[m];
      double[] look = new double[m];
      double[] grad = new double[m];
      // Rows have ‖x‖ ≤ 1 plus the intercept's 1, so the loss gradient is (0.5 + λ)-Lipschitz.
      double step = 1 / (0.5 + lambda);
      int n = x.length;
      for (int it = 1; it <= iterations; it++) {
        double mom = (it - 1.0) / (it + 2.0);
        for (int j = 0; j < m; j++) {
          look[j] = w[j] + mom * (w[j] - prev[j]);
        }
        Arrays.fill(grad, 0);
        for (int i = 0; i < n; i++) {
          double r = sigmoid(dot(x[i], look, features)) - y[i];
          int[] f = x[i].features();
          double[] v = x[i].values();
          for (int k = 0; k < f.length; k++) {
            grad[f[k]] += r * v[k];
          }
          grad[features] += r;
        }
        System.arraycopy(w, 0, prev, 0, m);
        for (int j = 0; j < m; j++) {
          double g = grad[j] / n + (j < features ? lambda * look[j] : 0);
          w[j] = look[j] - step * g;
        }
      }
      return w;
    }

    static double[] score(Row[] x, double[] w) {
      int features = w.length - 1;
      double[] s = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        s[i] = dot(x[i], w, features);
      }
      return s;
    }

    private static double dot(Row r, double[] w, int intercept) {
      double z = w[intercept];
      int[] f = r.features();
      double[] v = r.values();
      for (int k = 0; k < f.length; k++) {
        z += w[f[k]] * v[k];
      }
      return z;
    }

    private static double sigmoid(double z) {
      return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
  }
}
