package org.tailguard.detect;

import java.util.List;

/**
 * The zero-shot detectors, each a {@link ZeroShot} statistic oriented so that a higher score means more
 * machine-like: {@code perplexity} (low log-perplexity is machine-like), {@code gltr} (many top-10
 * tokens), {@code binoculars} (low B), {@code fast-detectgpt} (high discrepancy, the performer sampling)
 * and {@code fast-detectgpt-whitebox} (the observer sampling).
 *
 * @param name one of the names of {@link #ALL}
 */
public record ZeroShotDetector(String name) implements Detector {
  public static final ZeroShotDetector PERPLEXITY = new ZeroShotDetector("perplexity");
  public static final ZeroShotDetector GLTR = new ZeroShotDetector("gltr");
  public static final ZeroShotDetector BINOCULARS = new ZeroShotDetector("binoculars");
  public static final ZeroShotDetector FAST_DETECTGPT = new ZeroShotDetector("fast-detectgpt");
  public static final ZeroShotDetector FAST_DETECTGPT_WHITEBOX = new ZeroShotDetector("fast-detectgpt-whitebox");
  /** All of them, in report order. */
  public static final List<ZeroShotDetector> ALL =
      List.of(PERPLEXITY, GLTR, BINOCULARS, FAST_DETECTGPT, FAST_DETECTGPT_WHITEBOX);

  public ZeroShotDetector {
    if (!List.of("perplexity", "gltr", "binoculars", "fast-detectgpt", "fast-detectgpt-whitebox").contains(name)) {
      throw new IllegalArgumentException("unknown zero-shot detector: " + name);
    }
  }

  @Override
  public double score(Evidence e) {
    LmStats s = e.lm();
    return switch (name) {
      case "perplexity" -> -ZeroShot.logPerplexity(s);
      case "gltr" -> ZeroShot.gltrTop10(s);
      case "binoculars" -> -ZeroShot.binoculars(s);
      case "fast-detectgpt" -> ZeroShot.fastDetectGpt(s);
      default -> ZeroShot.fastDetectGptWhiteBox(s);
    };
  }

  /** The detector named {@code name}, or null. */
  public static ZeroShotDetector byName(String name) {
    return ALL.stream().filter(d -> d.name.equals(name)).findFirst().orElse(null);
  }
}
