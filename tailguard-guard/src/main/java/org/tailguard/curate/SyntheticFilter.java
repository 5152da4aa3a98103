package org.tailguard.curate;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.tailguard.spec.Check;
import org.tailguard.spec.SpecException;
import org.tailguard.text.corpus.Split;

/**
 * Drops likely machine-written documents: a {@link SyntheticScorer} scores each document and those scoring
 * above a threshold τ are dropped (reason {@code synthetic}). τ is set from a target false-positive rate on
 * human calibration text ({@link Quantiles#thresholdForFpr}, RAID's protocol), or given as
 * {@code max_score} for a scorer whose scores are already calibrated. Attribute {@code NAME__ai_score}.
 */
public final class SyntheticFilter implements DocStage {

  /**
   * The settings.
   *
   * @param name the stage name (default {@code synthetic_filter})
   * @param scorer the scorer's name (default {@code perplexity})
   * @param reference the reference model of a model-based scorer
   * @param calibration bundled splits of human text for calibration (required)
   * @param targetFpr the FPR on the calibration text that sets τ; exclusive with {@code maxScore}
   * @param maxScore an explicit τ in [0, 1]
   */
  public record Config(String name, String scorer, ReferenceSpec reference, List<String> calibration, Double targetFpr,
      Double maxScore) implements StageConfig {
    public Config {
      name = name == null ? "synthetic_filter" : Check.name("name", name);
      scorer = scorer == null ? PerplexityScorer.NAME : scorer;
      if (scorer.equals(PerplexityScorer.NAME)) {
        Check.required("reference", reference);
      }
      if (calibration == null || calibration.isEmpty()) {
        throw new SpecException("calibration", "is required: bundled splits of human text such as brown:dev");
      }
      calibration = List.copyOf(calibration);
      for (int i = 0; i < calibration.size(); i++) {
        Split.parse("calibration[" + i + "]", calibration.get(i));
      }
      if ((targetFpr == null) == (maxScore == null)) {
        throw new SpecException("target_fpr", "give exactly one of target_fpr (calibrated on human text) and max_score");
      }
      if (targetFpr != null && !(targetFpr > 0 && targetFpr < 1)) {
        throw new SpecException("target_fpr", "must be in (0, 1), got " + targetFpr);
      }
      if (maxScore != null) {
        Check.inClosed("max_score", maxScore, 0, 1);
      }
    }

    @Override
    public Stage build(StageContext context) {
      SyntheticScorer s = SyntheticScorer.create(this, context);
      double[] human = calibration.stream().flatMapToDouble(sp -> {
        try (Stream<org.tailguard.text.corpus.Document> docs = Split.parse(sp).documents()) {
          return Arrays.stream(docs.mapToDouble(d -> s.score(Doc.of(d.id(), d.text(), sp))).toArray());
        }
      }).toArray();
      double tau = maxScore != null ? maxScore : Quantiles.thresholdForFpr(human, targetFpr);
      return new SyntheticFilter(name, s, tau, Quantiles.fpr(human, tau), human.length);
    }
  }

  private final String name;
  private final SyntheticScorer scorer;
  private final double threshold;
  private final double calibrationFpr;
  private final int calibrationSize;

  SyntheticFilter(String name, SyntheticScorer scorer, double threshold, double calibrationFpr, int calibrationSize) {
    this.name = name;
    this.scorer = scorer;
    this.threshold = threshold;
    this.calibrationFpr = calibrationFpr;
    this.calibrationSize = calibrationSize;
  }

  @Override
  public String name() {
    return name;
  }

  /** τ: documents scoring above it are dropped. */
  public double threshold() {
    return threshold;
  }

  /** The FPR of τ on the calibration text (at most the target). */
  public double calibrationFpr() {
    return calibrationFpr;
  }

  /** The number of human calibration documents. */
  public int calibrationSize() {
    return calibrationSize;
  }

  /** The scorer. */
  public SyntheticScorer scorer() {
    return scorer;
  }

  @Override
  public Histogram.Spec histogram() {
    return new Histogram.Spec("ai_score", 0, 1, 20);
  }

  @Override
  public Verdict apply(Doc doc) {
    double s = scorer.score(doc);
    List<Attribute> attrs = List.of(Attribute.whole(name + "__ai_score", doc.text().length(), s));
    return s > threshold ? new Verdict.Drop("synthetic", s, attrs) : new Verdict.Keep(doc, s, attrs);
  }
}
