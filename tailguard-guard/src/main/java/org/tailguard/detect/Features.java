package org.tailguard.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The named features a trained detector may read, resolved from names so that a saved model lists only
 * names. Four families:
 * <ul>
 *   <li>{@code style.*}: the stylometric features ({@link Stylometry#NAMES});</li>
 *   <li>{@code lm.*}: language-model statistics per token ({@link #LM});</li>
 *   <li>{@code detector.NAME}: another detector's score, such as {@code detector.binoculars};</li>
 *   <li>{@code extra.NAME}: a plug-in feature ({@link TextFeature}), such as a watermark's evidence;</li>
 *   <li>{@code sq.NAME}: the square of another feature, so that a linear model over x and x² can flag
 *       both tails of x (n-gram samples at temperature 1 are less probable than human text, samples at low
 *       temperature more).</li>
 * </ul>
 */
public final class Features {
  /**
   * The language-model statistics, per predicted token: the observer's mean log-probability and its
   * standard deviation, the performer's mean log-probability, the observer's context-free (unigram) mean,
   * the context gain (their difference: how much the n-gram context helps), the mean log rank, GLTR's four
   * bucket fractions, the observer's entropy, the performer→observer cross-entropy, the cache-model gain
   * per word ({@link LmStats#cacheGain}), the fractions of tokens the observer predicts from a stored
   * n-gram of order at least 2, 3 and 4 ({@link LmStats#matchFraction}), and log(words).
   */
  public static final List<String> LM = List.of("lm.mean_log_prob", "lm.sd_log_prob", "lm.performer_mean_log_prob",
      "lm.base_mean_log_prob", "lm.context_gain", "lm.mean_log_rank", "lm.gltr_top10", "lm.gltr_top100",
      "lm.gltr_top1000", "lm.gltr_rest", "lm.entropy", "lm.cross_entropy", "lm.cache_gain", "lm.match2", "lm.match3", "lm.match4", "lm.log_words");

  /** The zero-shot scores, as features of the combined detector. */
  public static final List<String> ZERO_SHOT = List.of("detector.perplexity", "detector.gltr",
      "detector.binoculars", "detector.fast-detectgpt", "detector.fast-detectgpt-whitebox");

  private Features() {}

  /** A resolved feature. */
  public record Feature(String name, ToDoubleFunction<Evidence> value) {}

  /**
   * The classifier's documented feature set: the stylometric features, the LM statistics, and the squares
   * of the LM statistics (a quadratic logistic regression in them).
   */
  public static List<String> classifierSet() {
    List<String> n = new ArrayList<>(Stylometry.NAMES);
    n.addAll(LM);
    for (String f : LM) {
      if (!f.equals("lm.log_words")) {
        n.add("sq." + f);
      }
    }
    return List.copyOf(n);
  }

  /** The stylometric detector's features: the stylometric features and their squares. */
  public static List<String> styleSet() {
    List<String> n = new ArrayList<>(Stylometry.NAMES);
    for (String f : Stylometry.NAMES) {
      n.add("sq." + f);
    }
    return List.copyOf(n);
  }

  /**
   * Resolves names.
   *
   * @param detectors the detectors {@code detector.NAME} may refer to (the zero-shot ones are always known)
   * @throws IllegalArgumentException naming an unknown feature
   */
  public static List<Feature> resolve(List<String> names, Map<String, Detector> detectors) {
    List<Feature> out = new ArrayList<>();
    for (String n : names) {
      out.add(new Feature(n, resolve(n, detectors)));
    }
    return out;
  }

  private static ToDoubleFunction<Evidence> resolve(String name, Map<String, Detector> detectors) {
    if (name.startsWith("sq.")) {
      ToDoubleFunction<Evidence> f = resolve(name.substring(3), detectors);
      return e -> {
        double x = f.applyAsDouble(e);
        return x * x;
      };
    }
    int style = Stylometry.NAMES.indexOf(name);
    if (style >= 0) {
      return e -> e.style(style);
    }
    if (name.startsWith("detector.")) {
      String d = name.substring("detector.".length());
      Detector det = detectors.containsKey(d) ? detectors.get(d) : ZeroShotDetector.byName(d);
      if (det == null) {
        throw new IllegalArgumentException("unknown detector feature: " + name);
      }
      return det::score;
    }
    if (name.startsWith("extra.")) {
      String x = name.substring("extra.".length());
      return e -> {
        Double v = e.extras().get(x);
        return v == null ? Double.NaN : v;
      };
    }
    return switch (name) {
      case "lm.mean_log_prob" -> e -> e.lm().meanLogProb();
      case "lm.sd_log_prob" -> e -> {
        LmStats s = e.lm();
        double m = s.meanLogProb();
        return Math.sqrt(Math.max(0, s.logProbSquares() / s.tokens() - m * m));
      };
      case "lm.performer_mean_log_prob" -> e -> e.lm().performerLogProb() / e.lm().tokens();
      case "lm.base_mean_log_prob" -> e -> e.lm().baseLogProb() / e.lm().tokens();
      case "lm.context_gain" -> e -> (e.lm().logProb() - e.lm().baseLogProb()) / e.lm().tokens();
      case "lm.mean_log_rank" -> e -> e.lm().logRank() / e.lm().tokens();
      case "lm.gltr_top10" -> e -> e.lm().bucketFraction(0);
      case "lm.gltr_top100" -> e -> e.lm().bucketFraction(1);
      case "lm.gltr_top1000" -> e -> e.lm().bucketFraction(2);
      case "lm.gltr_rest" -> e -> e.lm().bucketFraction(3);
      case "lm.entropy" -> e -> -e.lm().selfMean() / e.lm().tokens();
      case "lm.cross_entropy" -> e -> -e.lm().crossMean() / e.lm().tokens();
      case "lm.cache_gain" -> e -> e.lm().cacheTokens() == 0 ? 0 : e.lm().cacheGain() / e.lm().cacheTokens();
      case "lm.match2" -> e -> e.lm().matchFraction(2);
      case "lm.match3" -> e -> e.lm().matchFraction(3);
      case "lm.match4" -> e -> e.lm().matchFraction(4);
      case "lm.log_words" -> e -> Math.log(Math.max(1, e.words()));
      default -> throw new IllegalArgumentException("unknown feature: " + name);
    };
  }
}
