package org.tailguard.curate;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.tailguard.spec.Check;

/**
 * C4's line-level cleaning (Raffel et al. 2020, JMLR 21(140), §2.2), with the defaults and order of
 * datatrove's {@code C4QualityFilter}. Each line (trimmed) is removed if it has a word over 1,000 characters,
 * does not end in terminal punctuation ({@code . ? ! " '}) or ends in an ellipsis, has fewer than 3 words,
 * mentions "javascript", or holds a cookie or terms-of-use phrase; Wikipedia-style citations ({@code [1]},
 * {@code [edit]}, {@code [citation needed]}) are cut out first. A document is dropped if a line holds
 * "lorem ipsum" ({@code lorem_ipsum}) or a curly bracket ({@code curly_bracket}), or if fewer than 5
 * sentences remain ({@code too_few_sentences}). A kept document's text is its kept lines joined by newlines,
 * and the removed lines are recorded as spans of the attribute {@code NAME__removed_lines} (score: the rule's
 * index in {@link #LINE_RULES}), so the original text stays recoverable. Sentences are counted per kept line
 * with the JDK's sentence {@link BreakIterator} in place of NLTK's Punkt.
 */
public final class C4Quality implements DocStage {
  private static final Pattern CITATION = Pattern.compile("\\[\\d*]|\\[edit]|\\[citation needed]");
  private static final List<String> POLICY = List.of("terms of use", "privacy policy", "cookie policy",
      "uses cookies", "use of cookies", "use cookies");
  /** The line rules, by index: the score of a removed-line span. */
  public static final List<String> LINE_RULES = List.of("too_long_word", "no_terminal_punc", "too_few_words",
      "javascript", "policy");

  /**
   * The settings; null fields take datatrove's defaults (all rules on).
   *
   * @param name the stage name (default {@code c4_quality})
   * @param removeCitations cut out citation marks (true)
   * @param filterNoTerminalPunct drop lines without terminal punctuation (true)
   * @param minNumSentences fewest sentences left, -1 for no minimum (5)
   * @param minWordsPerLine fewest words per line, -1 for none (3)
   * @param maxWordLength longest word, -1 for none (1000)
   * @param filterLoremIpsum drop documents with "lorem ipsum" (true)
   * @param filterJavascript drop lines with "javascript" (true)
   * @param filterCurlyBracket drop documents with "{" (true)
   * @param filterPolicy drop lines with policy phrases (true)
   */
  public record Config(String name, Boolean removeCitations, Boolean filterNoTerminalPunct, Integer minNumSentences,
      Integer minWordsPerLine, Integer maxWordLength, Boolean filterLoremIpsum, Boolean filterJavascript,
      Boolean filterCurlyBracket, Boolean filterPolicy) implements StageConfig {
    public Config {
      name = name == null ? "c4_quality" : Check.name("name", name);
      removeCitations = removeCitations == null || removeCitations;
      filterNoTerminalPunct = filterNoTerminalPunct == null || filterNoTerminalPunct;
      minNumSentences = minNumSentences == null ? 5 : Check.atLeast("min_num_sentences", minNumSentences, -1);
      minWordsPerLine = minWordsPerLine == null ? 3 : Check.atLeast("min_words_per_line", minWordsPerLine, -1);
      maxWordLength = maxWordLength == null ? 1000 : Check.atLeast("max_word_length", maxWordLength, -1);
      filterLoremIpsum = filterLoremIpsum == null || filterLoremIpsum;
      filterJavascript = filterJavascript == null || filterJavascript;
      filterCurlyBracket = filterCurlyBracket == null || filterCurlyBracket;
      filterPolicy = filterPolicy == null || filterPolicy;
    }

    /** datatrove's defaults. */
    public static Config defaults() {
      return new Config(null, null, null, null, null, null, null, null, null, null);
    }

    @Override
    public Stage build(StageContext context) {
      return new C4Quality(this);
    }
  }

  private final Config c;
  private final ThreadLocal<BreakIterator> sentences =
      ThreadLocal.withInitial(() -> BreakIterator.getSentenceInstance(Locale.ENGLISH));

  C4Quality(Config c) {
    this.c = c;
  }

  @Override
  public String name() {
    return c.name();
  }

  @Override
  public Histogram.Spec histogram() {
    return new Histogram.Spec("kept_line_fraction", 0, 1, 20);
  }

  @Override
  public Verdict apply(Doc doc) {
    String text = doc.text();
    List<Attribute.Span> removed = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    int sentenceCount = 0;
    int total = 0;
    int pos = 0;
    while (pos <= text.length()) {
      int nl = text.indexOf('\n', pos);
      int end = nl < 0 ? text.length() : nl;
      if (nl < 0 && pos == text.length() && total > 0) {
        break;
      }
      total++;
      String line = text.substring(pos, end).strip();
      int rule = lineRule(line);
      if (rule == -2) {
        return new Verdict.Drop("lorem_ipsum", 1, List.of());
      }
      if (rule == -3) {
        return new Verdict.Drop("curly_bracket", 1, List.of());
      }
      if (rule >= 0) {
        removed.add(new Attribute.Span(pos, end, rule));
      } else {
        String l = c.removeCitations() ? CITATION.matcher(line).replaceAll("") : line;
        kept.add(l);
        sentenceCount += countSentences(l);
      }
      pos = end + 1;
    }
    double keptFraction = total == 0 ? 0 : (double) kept.size() / total;
    List<Attribute> attrs = List.of(new Attribute(c.name() + "__removed_lines", removed));
    if (sentenceCount < c.minNumSentences()) {
      return new Verdict.Drop("too_few_sentences", sentenceCount, attrs);
    }
    String out = String.join("\n", kept).strip();
    return new Verdict.Keep(removed.isEmpty() && out.equals(text) ? doc : doc.withText(out), keptFraction, attrs);
  }

  /** The index of the line rule removing the line, -1 to keep it, -2 lorem ipsum, -3 curly bracket. */
  private int lineRule(String line) {
    String[] words = line.isEmpty() ? new String[0] : line.split("\\s+");
    if (c.maxWordLength() != -1) {
      for (String w : words) {
        if (w.length() > c.maxWordLength()) {
          return 0;
        }
      }
    }
    String l = c.removeCitations() ? CITATION.matcher(line).replaceAll("") : line;
    if (c.filterNoTerminalPunct() && (!endsTerminal(l) || l.endsWith("..."))) {
      return 1;
    }
    if (words.length < c.minWordsPerLine()) {
      return 2;
    }
    String lower = l.toLowerCase(Locale.ROOT);
    if (c.filterLoremIpsum() && lower.contains("lorem ipsum")) {
      return -2;
    }
    if (c.filterJavascript() && lower.contains("javascript")) {
      return 3;
    }
    if (c.filterCurlyBracket() && l.indexOf('{') >= 0) {
      return -3;
    }
    if (c.filterPolicy()) {
      for (String p : POLICY) {
        if (lower.contains(p)) {
          return 4;
        }
      }
    }
    return -1;
  }

  private static boolean endsTerminal(String l) {
    if (l.isEmpty()) {
      return false;
    }
    char e = l.charAt(l.length() - 1);
    return e == '.' || e == '?' || e == '!' || e == '"' || e == '\'';
  }

  private int countSentences(String line) {
    BreakIterator it = sentences.get();
    it.setText(line);
    int n = 0;
    int start = it.first();
    for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
      if (!line.substring(start, end).isBlank()) {
        n++;
      }
    }
    return n;
  }
}
