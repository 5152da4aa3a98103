package org.tailguard.curate;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tailguard.spec.Check;

/**
 * Gopher's quality rules (Rae et al. 2021, "Scaling Language Models: Methods, Analysis &amp; Insights from
 * Training Gopher", Appendix A.1.1), with the defaults and reasons of datatrove's {@code GopherQualityFilter}:
 * 50 to 100,000 words (punctuation tokens excluded); mean word length 3 to 10; at most 0.1 {@code #} and at
 * most 0.1 ellipses per word; at most 90% of lines starting with a bullet {@code •} and 30% ending with an
 * ellipsis; at least 80% of words containing a letter; at least 2 of the stop words
 * {@code the, be, to, of, and, that, have, with}. Rules are checked in that order and the first failure names
 * the reason; a rule is switched off by listing its reason in {@code disable}.
 */
public final class GopherQuality implements DocStage {
  /** datatrove's stop words. */
  public static final List<String> STOP_WORDS = List.of("the", "be", "to", "of", "and", "that", "have", "with");
  /** The reasons, one per rule, in checking order. */
  public static final List<String> REASONS = List.of("gopher_short_doc", "gopher_long_doc",
      "gopher_below_avg_threshold", "gopher_above_avg_threshold", "gopher_too_many_hashes",
      "gopher_too_many_ellipsis", "gopher_too_many_bullets", "gopher_too_many_end_ellipsis",
      "gopher_below_alpha_threshold", "gopher_enough_stop_words");

  /**
   * The settings; null fields take datatrove's defaults.
   *
   * @param name the stage name (default {@code gopher_quality})
   * @param minDocWords fewest words (50)
   * @param maxDocWords most words (100,000)
   * @param minAvgWordLength shortest mean word length (3)
   * @param maxAvgWordLength longest mean word length (10)
   * @param maxSymbolWordRatio most {@code #} or ellipses per word (0.1)
   * @param maxBulletLinesRatio most lines starting with a bullet (0.9)
   * @param maxEllipsisLinesRatio most lines ending with an ellipsis (0.3)
   * @param maxNonAlphaWordsRatio least fraction of words with a letter (0.8; datatrove's name)
   * @param minStopWords fewest stop words (2)
   * @param stopWords the stop words (datatrove's eight)
   * @param disable reasons of rules to switch off
   */
  public record Config(String name, Integer minDocWords, Integer maxDocWords, Double minAvgWordLength,
      Double maxAvgWordLength, Double maxSymbolWordRatio, Double maxBulletLinesRatio, Double maxEllipsisLinesRatio,
      Double maxNonAlphaWordsRatio, Integer minStopWords, List<String> stopWords, List<String> disable)
      implements StageConfig {
    public Config {
      name = name == null ? "gopher_quality" : Check.name("name", name);
      minDocWords = minDocWords == null ? 50 : Check.atLeast("min_doc_words", minDocWords, 0);
      maxDocWords = maxDocWords == null ? 100_000 : Check.atLeast("max_doc_words", maxDocWords, 1);
      minAvgWordLength = minAvgWordLength == null ? 3.0 : Check.finite("min_avg_word_length", minAvgWordLength);
      maxAvgWordLength = maxAvgWordLength == null ? 10.0 : Check.finite("max_avg_word_length", maxAvgWordLength);
      maxSymbolWordRatio = maxSymbolWordRatio == null ? 0.1 : Check.finite("max_symbol_word_ratio", maxSymbolWordRatio);
      maxBulletLinesRatio = maxBulletLinesRatio == null ? 0.9
          : Check.inClosed("max_bullet_lines_ratio", maxBulletLinesRatio, 0, 1);
      maxEllipsisLinesRatio = maxEllipsisLinesRatio == null ? 0.3
          : Check.inClosed("max_ellipsis_lines_ratio", maxEllipsisLinesRatio, 0, 1);
      maxNonAlphaWordsRatio = maxNonAlphaWordsRatio == null ? 0.8
          : Check.inClosed("max_non_alpha_words_ratio", maxNonAlphaWordsRatio, 0, 1);
      minStopWords = minStopWords == null ? 2 : Check.atLeast("min_stop_words", minStopWords, 0);
      stopWords = stopWords == null ? STOP_WORDS : List.copyOf(stopWords);
      disable = StageConfig.reasons("disable", disable, REASONS);
    }

    /** datatrove's defaults. */
    public static Config defaults() {
      return new Config(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Override
    public Stage build(StageContext context) {
      return new GopherQuality(this);
    }
  }

  private final Config c;
  private final Set<String> stop;
  private final Set<String> off;

  GopherQuality(Config c) {
    this.c = c;
    this.stop = new HashSet<>(c.stopWords());
    this.off = Set.copyOf(c.disable());
  }

  @Override
  public String name() {
    return c.name();
  }

  @Override
  public Histogram.Spec histogram() {
    return new Histogram.Spec("mean_word_length", 0, 15, 30);
  }

  @Override
  public Verdict apply(Doc doc) {
    String text = doc.text();
    List<String> words = NltkWords.tokenize(text);
    int nWords = 0;
    long chars = 0;
    for (String w : words) {
      if (!NltkWords.isPunctuation(w)) {
        nWords++;
        chars += w.length();
      }
    }
    double mean = nWords == 0 ? 0 : (double) chars / nWords;
    List<Attribute> attrs = List.of(Attribute.whole(c.name() + "__words", text.length(), nWords),
        Attribute.whole(c.name() + "__mean_word_length", text.length(), mean));
    if (nWords == 0 || on("gopher_short_doc") && nWords < c.minDocWords()) {
      return new Verdict.Drop("gopher_short_doc", nWords, attrs);
    }
    if (on("gopher_long_doc") && nWords > c.maxDocWords()) {
      return new Verdict.Drop("gopher_long_doc", nWords, attrs);
    }
    if (on("gopher_below_avg_threshold") && mean < c.minAvgWordLength()) {
      return new Verdict.Drop("gopher_below_avg_threshold", mean, attrs);
    }
    if (on("gopher_above_avg_threshold") && mean > c.maxAvgWordLength()) {
      return new Verdict.Drop("gopher_above_avg_threshold", mean, attrs);
    }
    double hashes = (double) count(text, "#") / nWords;
    if (on("gopher_too_many_hashes") && hashes > c.maxSymbolWordRatio()) {
      return new Verdict.Drop("gopher_too_many_hashes", hashes, attrs);
    }
    double ellipses = (double) (count(text, "...") + count(text, "\u2026")) / nWords;
    if (on("gopher_too_many_ellipsis") && ellipses > c.maxSymbolWordRatio()) {
      return new Verdict.Drop("gopher_too_many_ellipsis", ellipses, attrs);
    }
    List<String> lines = Lines.split(text);
    int bullets = 0;
    int endEllipsis = 0;
    for (String l : lines) {
      bullets += l.stripLeading().startsWith("\u2022") ? 1 : 0;
      String r = l.stripTrailing();
      endEllipsis += r.endsWith("...") || r.endsWith("\u2026") ? 1 : 0;
    }
    double bulletRatio = (double) bullets / lines.size();
    if (on("gopher_too_many_bullets") && bulletRatio > c.maxBulletLinesRatio()) {
      return new Verdict.Drop("gopher_too_many_bullets", bulletRatio, attrs);
    }
    double ellipsisRatio = (double) endEllipsis / lines.size();
    if (on("gopher_too_many_end_ellipsis") && ellipsisRatio > c.maxEllipsisLinesRatio()) {
      return new Verdict.Drop("gopher_too_many_end_ellipsis", ellipsisRatio, attrs);
    }
    int alpha = 0;
    int stops = 0;
    for (String w : words) {
      alpha += w.codePoints().anyMatch(Character::isLetter) ? 1 : 0;
      stops += stop.contains(w) ? 1 : 0;
    }
    // datatrove divides by the non-punctuation word count, while the numerator runs over all tokens.
    double alphaRatio = (double) alpha / nWords;
    if (on("gopher_below_alpha_threshold") && alphaRatio < c.maxNonAlphaWordsRatio()) {
      return new Verdict.Drop("gopher_below_alpha_threshold", alphaRatio, attrs);
    }
    if (on("gopher_enough_stop_words") && stops < c.minStopWords()) {
      return new Verdict.Drop("gopher_enough_stop_words", stops, attrs);
    }
    return new Verdict.Keep(doc, mean, attrs);
  }

  private boolean on(String reason) {
    return !off.contains(reason);
  }

  static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
      n++;
    }
    return n;
  }

}
