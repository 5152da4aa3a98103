package org.tailguard.curate;

import java.util.ServiceLoader;
import org.tailguard.spec.SpecException;

/**
 * Scores how likely a document is machine-written: a number in [0, 1], higher meaning more likely synthetic.
 * The interface through which the detectors of {@code org.tailguard.detect} plug into curation; the
 * perplexity scorer ({@link PerplexityScorer}) ships now. Scores need not be probabilities: the
 * {@link SyntheticFilter} turns a target false-positive rate on human text into a threshold
 * ({@link Quantiles#thresholdForFpr}), as RAID's protocol does. Implementations are thread-safe and pure.
 */
public interface SyntheticScorer {

  /** The AI score of a document, in [0, 1]. */
  double score(Doc doc);

  /** What the scorer is, for reports. */
  String describe();

  /**
   * Makes scorers by name from a filter's config; implementations are found with {@link ServiceLoader}
   * (file {@code META-INF/services/org.tailguard.curate.SyntheticScorer$Provider}), besides the built-in
   * {@code perplexity}.
   */
  interface Provider {
    /** The name used in {@code synthetic_filter.scorer}. */
    String name();

    /** A scorer for the config (its reference model and parameters). */
    SyntheticScorer create(SyntheticFilter.Config config, StageContext context);
  }

  /** The scorer a config names. */
  static SyntheticScorer create(SyntheticFilter.Config config, StageContext context) {
    if (config.scorer().equals(PerplexityScorer.NAME)) {
      return PerplexityScorer.create(config, context);
    }
    for (Provider p : ServiceLoader.load(Provider.class)) {
      if (p.name().equals(config.scorer())) {
        return p.create(config, context);
      }
    }
    throw new SpecException("scorer", "unknown synthetic scorer '" + config.scorer() + "'; known: perplexity"
        + ServiceLoader.load(Provider.class).stream().map(p -> ", " + p.get().name()).reduce("", String::concat));
  }
}
