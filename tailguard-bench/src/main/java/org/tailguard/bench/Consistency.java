package org.tailguard.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;
import org.tailguard.metrics.Diversity;
import org.tailguard.theory.CollapseLaws;

/**
 * Proves that the two loops of a case did the same work: their final-generation statistics agree in
 * distribution with each other and, where an exact law is known, with theory.
 *
 * <p>Gaussian, unbiased estimator, replace: each step multiplies σ² by an independent χ²_{M−1}/(M−1)
 * (Cochran's theorem), so after s steps from σ² = 1, E[ln σ²] = s·(ψ((M−1)/2) − ln((M−1)/2)) exactly, with
 * E[ln χ²_ν] = ψ(ν/2) + ln 2; this is the law behind "median σ² ≈ exp(−s/M)" (Shumailov et al., Nature 2024,
 * Thm 3.1; collapse-science §2.1). Categorical, replace: the refit frequencies are a Wright–Fisher chain and
 * E[1 − Σp²] = (1 − 1/M)^s (1 − Σp₀²) after s steps (Seddik et al., COLM 2024).
 */
final class Consistency {
  /*
   * Tolerances. A mean is compared with its exact expectation by z = (mean − theory)/(sd/√n) and passes at
   * |z| ≤ 4 (two-sided false alarm ≈ 6e-5 per check); the two sides' means by Welch's z, also at 4. Whole
   * distributions of continuous statistics are compared by the two-sample Kolmogorov–Smirnov test and pass
   * at p ≥ 0.001. ln σ² is a sum of many independent log-χ² terms, light-tailed, so its sample sd is a sound
   * standard error; σ² and μ² themselves are heavy-tailed, hence KS rather than a test of means.
   */
  static final double Z_LIMIT = 4;
  static final double KS_ALPHA = 1e-3;

  private Consistency() {}

  /** E[ln σ²] after {@code steps} unbiased refits to {@code m} samples, starting from σ² = 1. */
  static double expectedLogVariance(int steps, int m) {
    return CollapseLaws.gaussianMeanLogVariance(m, steps);
  }

  /** E[1 − Σp²] after {@code steps} Wright–Fisher steps of {@code m} draws from {@code p0}. */
  static double expectedGiniSimpson(int steps, int m, double[] p0) {
    return CollapseLaws.giniSimpson(Diversity.giniSimpson(p0), m, steps);
  }

  /** The start distribution of the categorical case: Zipf p_i ∝ i^−β for i = 1..K, or uniform. */
  static double[] start(int k, String kind, double beta) {
    double[] p = new double[k];
    double sum = 0;
    for (int i = 0; i < k; i++) {
      p[i] = kind.equals("uniform") ? 1 : Math.pow(i + 1, -beta);
      sum += p[i];
    }
    for (int i = 0; i < k; i++) {
      p[i] /= sum;
    }
    return p;
  }

  /** Checks for the Gaussian case; {@code numpy} is null without the peer. */
  static List<Agreement> gaussian(Map<String, double[]> tailguard, Map<String, double[]> numpy, int steps, int m,
      long seed) {
    List<Agreement> out = new ArrayList<>();
    double theory = expectedLogVariance(steps, m);
    double[] tgVar = tailguard.get("variance");
    double[] npVar = numpy == null ? null : numpy.get("variance");
    out.add(meanVsTheory("mean ln σ²", log(tgVar), npVar == null ? null : log(npVar), theory));
    if (numpy != null) {
      out.add(ks("median σ² (KS on σ²; theory ≈ exp E[ln σ²])", tgVar, npVar, Math.exp(theory), seed));
      out.add(ks("median μ² (KS on μ²)", tailguard.get("mean_sq_error"), numpy.get("mean_sq_error"), Double.NaN,
          seed));
    }
    return out;
  }

  /** Checks for the categorical case; {@code numpy} is null without the peer. */
  static List<Agreement> categorical(Map<String, double[]> tailguard, Map<String, double[]> numpy, int steps,
      int m, double[] p0) {
    List<Agreement> out = new ArrayList<>();
    double[] tgGini = first(tailguard, TailguardLoop.CATEGORICAL_STATS.get(1));
    double[] npGini = numpy == null ? null : numpy.get("gini_simpson");
    double theory = expectedGiniSimpson(steps, m, p0);
    if (tgGini == null && npGini == null) {
      out.add(new Agreement("mean Gini–Simpson", Double.NaN, Double.NaN, theory,
          "not checked: Tailguard records no Gini–Simpson indicator and there is no peer", true));
    } else {
      out.add(meanVsTheory("mean Gini–Simpson", tgGini, npGini, theory));
    }
    double[] tgSupport = first(tailguard, TailguardLoop.CATEGORICAL_STATS.get(0));
    double[] npSupport = numpy == null ? null : numpy.get("support");
    if (tgSupport == null || npSupport == null) {
      out.add(new Agreement("mean support size", mean(tgSupport), mean(npSupport), Double.NaN,
          "not checked: " + (tgSupport == null ? "Tailguard records no support indicator" : "no peer"), true));
    } else {
      out.add(welch("mean support size", tgSupport, npSupport));
    }
    return out;
  }

  private static double[] first(Map<String, double[]> stats, List<String> names) {
    return names.stream().filter(stats::containsKey).findFirst().map(stats::get).orElse(null);
  }

  /** Each side's mean against an exact expectation; a missing side (null) is left out. */
  static Agreement meanVsTheory(String statistic, double[] tailguard, double[] numpy, double theory) {
    StringBuilder test = new StringBuilder("|z| ");
    boolean pass = true;
    String sep = "";
    for (int side = 0; side < 2; side++) {
      double[] x = side == 0 ? tailguard : numpy;
      if (x == null) {
        continue;
      }
      double z = (mean(x) - theory) / standardError(x);
      if (Double.isNaN(z)) {
        z = mean(x) == theory ? 0 : Double.POSITIVE_INFINITY; // no spread: exact agreement or none
      }
      pass &= Math.abs(z) <= Z_LIMIT;
      test.append(sep).append(fmt(Math.abs(z))).append(side == 0 ? " (Tailguard)" : " (NumPy)");
      sep = ", ";
    }
    test.append(" ≤ ").append(fmt(Z_LIMIT)).append(" vs theory");
    return new Agreement(statistic, mean(tailguard), mean(numpy), theory, test.toString(), pass);
  }

  /** Welch's z for the difference of two means. */
  static Agreement welch(String statistic, double[] a, double[] b) {
    double se = Math.hypot(standardError(a), standardError(b));
    double diff = mean(a) - mean(b);
    double z = se > 0 ? diff / se : diff == 0 ? 0 : Double.POSITIVE_INFINITY;
    boolean pass = Math.abs(z) <= Z_LIMIT;
    return new Agreement(statistic, mean(a), mean(b), Double.NaN,
        "Welch |z| " + fmt(Math.abs(z)) + " ≤ " + fmt(Z_LIMIT), pass);
  }

  /** The two-sample Kolmogorov–Smirnov test; the compared values shown are the medians. */
  static Agreement ks(String statistic, double[] a, double[] b, double theory, long seed) {
    double p = new KolmogorovSmirnovTest(seed).kolmogorovSmirnovTest(a, b);
    return new Agreement(statistic, median(a), median(b), theory,
        "KS p " + fmt(p) + " ≥ " + fmt(KS_ALPHA), p >= KS_ALPHA);
  }

  static double mean(double[] x) {
    if (x == null || x.length == 0) {
      return Double.NaN;
    }
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  static double standardError(double[] x) {
    double mu = mean(x);
    double ss = 0;
    for (double v : x) {
      ss += (v - mu) * (v - mu);
    }
    return Math.sqrt(ss / (x.length - 1) / x.length);
  }

  static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  }

  private static double[] log(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.log(x[i]);
    }
    return y;
  }

  /** Four significant digits, scientific notation for very small or large magnitudes. */
  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "—";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "∞" : "−∞";
    }
    double a = Math.abs(v);
    if (a != 0 && (a < 1e-3 || a >= 1e6)) {
      return String.format(Locale.ROOT, "%.3e", v);
    }
    return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
