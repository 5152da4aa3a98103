package org.tailguard.curate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tailguard.spec.Check;

/**
 * FineWeb's line-statistics filter (Penedo et al. 2024, "The FineWeb Datasets", §3.3 "custom filters"), with
 * the defaults, order and reasons of datatrove's {@code FineWebQualityFilter}: drop a document if at most 12%
 * of its lines end in {@code . ' " ! ?} ({@code line_punct_ratio}); if at least 67% of its lines have at most
 * 30 characters ({@code short_line_ratio}); if the characters of duplicate non-empty lines are at least 1% of
 * the text without newlines ({@code char_dup_ratio}); or if it has more than 0.3 newlines per word
 * ({@code list_ratio}). Lines are split on {@code \n} only, as there. Rules are switched off by listing their
 * reasons in {@code disable}.
 */
public final class FineWebQuality implements DocStage {
  /** The reasons, in checking order. */
  public static final List<String> REASONS = List.of("line_punct_ratio", "short_line_ratio", "char_dup_ratio",
      "list_ratio");

  /**
   * The settings; null fields take datatrove's defaults.
   *
   * @param name the stage name (default {@code fineweb_quality})
   * @param linePunctThr drop at or below this fraction of lines with terminal punctuation (0.12)
   * @param linePunctExcludeZero keep documents with no such line at all (false)
   * @param shortLineThr drop at or above this fraction of short lines (0.67)
   * @param shortLineLength the longest short line (30)
   * @param charDuplicatesRatio drop at or above this duplicate-line character fraction (0.01)
   * @param newLineRatio drop above this many newlines per word (0.3)
   * @param disable reasons of rules to switch off
   */
  public record Config(String name, Double linePunctThr, Boolean linePunctExcludeZero, Double shortLineThr,
      Integer shortLineLength, Double charDuplicatesRatio, Double newLineRatio, List<String> disable)
      implements StageConfig {
    public Config {
      name = name == null ? "fineweb_quality" : Check.name("name", name);
      linePunctThr = linePunctThr == null ? 0.12 : Check.inClosed("line_punct_thr", linePunctThr, 0, 1);
      linePunctExcludeZero = linePunctExcludeZero != null && linePunctExcludeZero;
      shortLineThr = shortLineThr == null ? 0.67 : Check.inClosed("short_line_thr", shortLineThr, 0, 1);
      shortLineLength = shortLineLength == null ? 30 : Check.atLeast("short_line_length", shortLineLength, 0);
      charDuplicatesRatio = charDuplicatesRatio == null ? 0.01
          : Check.inClosed("char_duplicates_ratio", charDuplicatesRatio, 0, 1);
      newLineRatio = newLineRatio == null ? 0.3 : Check.finite("new_line_ratio", newLineRatio);
      disable = StageConfig.reasons("disable", disable, REASONS);
    }

    /** datatrove's defaults. */
    public static Config defaults() {
      return new Config(null, null, null, null, null, null, null, null);
    }

    @Override
    public Stage build(StageContext context) {
      return new FineWebQuality(this);
    }
  }

  private final Config c;
  private final Set<String> off;

  FineWebQuality(Config c) {
    this.c = c;
    this.off = Set.copyOf(c.disable());
  }

  @Override
  public String name() {
    return c.name();
  }

  @Override
  public Histogram.Spec histogram() {
    return new Histogram.Spec("line_punct_ratio", 0, 1, 20);
  }

  @Override
  public Verdict apply(Doc doc) {
    String text = doc.text();
    String[] lines = text.split("\n", -1);
    int punct = 0;
    int shortLines = 0;
    List<String> nonEmpty = new ArrayList<>();
    for (String l : lines) {
      if (!l.isEmpty()) {
        char e = l.charAt(l.length() - 1);
        punct += e == '.' || e == '\'' || e == '"' || e == '!' || e == '?' ? 1 : 0;
      }
      shortLines += l.length() <= c.shortLineLength() ? 1 : 0;
      if (!l.isBlank()) {
        nonEmpty.add(l);
      }
    }
    double punctRatio = (double) punct / lines.length;
    List<Attribute> attrs = List.of(Attribute.whole(c.name() + "__line_punct_ratio", text.length(), punctRatio));
    if (!off.contains("line_punct_ratio") && punctRatio <= c.linePunctThr()
        && !(punctRatio == 0 && c.linePunctExcludeZero())) {
      return new Verdict.Drop("line_punct_ratio", punctRatio, attrs);
    }
    double shortRatio = (double) shortLines / lines.length;
    if (!off.contains("short_line_ratio") && shortRatio >= c.shortLineThr()) {
      return new Verdict.Drop("short_line_ratio", shortRatio, attrs);
    }
    int chars = text.length() - GopherQuality.count(text, "\n");
    double dup = chars == 0 ? 0 : (double) GopherRepetition.duplicates(nonEmpty)[1] / chars;
    if (!off.contains("char_dup_ratio") && dup >= c.charDuplicatesRatio()) {
      return new Verdict.Drop("char_dup_ratio", dup, attrs);
    }
    int words = NltkWords.tokenize(text).size();
    double newlines = (double) (lines.length - 1) / Math.max(1, words);
    if (!off.contains("list_ratio") && newlines > c.newLineRatio()) {
      return new Verdict.Drop("list_ratio", newlines, attrs);
    }
    return new Verdict.Keep(doc, punctRatio, attrs);
  }
}
