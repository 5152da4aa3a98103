package org.tailguard.curate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.tailguard.spec.Check;
import org.tailguard.spec.SpecException;

/**
 * Gopher's repetition rules (Rae et al. 2021, Table A1), with the defaults, order and reasons of datatrove's
 * {@code GopherRepetitionFilter}:
 * <ul>
 *   <li>paragraphs (split on two or more newlines): duplicate fraction ≤ 0.3 ({@code dup_para_frac}),
 *       duplicate characters / text length ≤ 0.2 ({@code dup_para_char_frac});</li>
 *   <li>lines: duplicate fraction ≤ 0.3 ({@code dup_line_frac}), characters ≤ 0.2 ({@code dup_line_char_frac});</li>
 *   <li>the most frequent n-gram's characters (its length with spaces × its count) / text length ≤ 0.20, 0.18,
 *       0.16 for n = 2, 3, 4 ({@code top_N_gram});</li>
 *   <li>characters in repeated n-grams / text length ≤ 0.15 … 0.10 for n = 5 … 10
 *       ({@code duplicated_N_n_grams}); a repeated n-gram is skipped over whole, and its characters are
 *       counted without spaces, as datatrove's {@code find_all_duplicate}.</li>
 * </ul>
 * A duplicate is a later copy of an element seen before (the first copy is not counted). The most frequent
 * n-gram breaks ties by first occurrence, as Python's {@code Counter.most_common}. Words are
 * {@link NltkWords}. Rules are switched off by listing their reasons in {@code disable}.
 */
public final class GopherRepetition implements DocStage {
  private static final Pattern PARAGRAPHS = Pattern.compile("\n{2,}");
  // datatrove splits lines on runs of newlines (re "\n+"), so blank lines between paragraphs are not lines
  private static final Pattern LINES = Pattern.compile("\n+");

  /**
   * The settings; null fields take datatrove's defaults.
   *
   * @param name the stage name (default {@code gopher_repetition})
   * @param dupLineFrac most duplicate lines (0.3)
   * @param dupParaFrac most duplicate paragraphs (0.3)
   * @param dupLineCharFrac most characters in duplicate lines (0.2)
   * @param dupParaCharFrac most characters in duplicate paragraphs (0.2)
   * @param topNGrams n → most characters in the top n-gram (2: 0.2, 3: 0.18, 4: 0.16)
   * @param dupNGrams n → most characters in repeated n-grams (5: 0.15 … 10: 0.10)
   * @param disable reasons of rules to switch off
   */
  public record Config(String name, Double dupLineFrac, Double dupParaFrac, Double dupLineCharFrac,
      Double dupParaCharFrac, Map<Integer, Double> topNGrams, Map<Integer, Double> dupNGrams, List<String> disable)
      implements StageConfig {
    public Config {
      name = name == null ? "gopher_repetition" : Check.name("name", name);
      dupLineFrac = dupLineFrac == null ? 0.3 : Check.inClosed("dup_line_frac", dupLineFrac, 0, 1);
      dupParaFrac = dupParaFrac == null ? 0.3 : Check.inClosed("dup_para_frac", dupParaFrac, 0, 1);
      dupLineCharFrac = dupLineCharFrac == null ? 0.2 : Check.inClosed("dup_line_char_frac", dupLineCharFrac, 0, 1);
      dupParaCharFrac = dupParaCharFrac == null ? 0.2 : Check.inClosed("dup_para_char_frac", dupParaCharFrac, 0, 1);
      topNGrams = grams("top_n_grams", topNGrams == null ? Map.of(2, 0.20, 3, 0.18, 4, 0.16) : topNGrams);
      dupNGrams = grams("dup_n_grams", dupNGrams == null
          ? Map.of(5, 0.15, 6, 0.14, 7, 0.13, 8, 0.12, 9, 0.11, 10, 0.10) : dupNGrams);
      List<String> known = new ArrayList<>(List.of("dup_para_frac", "dup_para_char_frac", "dup_line_frac",
          "dup_line_char_frac"));
      topNGrams.keySet().forEach(n -> known.add("top_" + n + "_gram"));
      dupNGrams.keySet().forEach(n -> known.add("duplicated_" + n + "_n_grams"));
      disable = StageConfig.reasons("disable", disable, known);
    }

    private static Map<Integer, Double> grams(String field, Map<Integer, Double> m) {
      TreeMap<Integer, Double> out = new TreeMap<>();
      m.forEach((n, f) -> {
        if (n == null || n < 1 || n > 50) {
          throw new SpecException(field, "n-gram sizes must be 1..50, got " + n);
        }
        out.put(n, Check.inClosed(field + "." + n, f, 0, 1));
      });
      return java.util.Collections.unmodifiableMap(out);
    }

    /** datatrove's defaults. */
    public static Config defaults() {
      return new Config(null, null, null, null, null, null, null, null);
    }

    @Override
    public Stage build(StageContext context) {
      return new GopherRepetition(this);
    }
  }

  private final Config c;
  private final Set<String> off;

  GopherRepetition(Config c) {
    this.c = c;
    this.off = Set.copyOf(c.disable());
  }

  @Override
  public String name() {
    return c.name();
  }

  @Override
  public Verdict apply(Doc doc) {
    String text = doc.text();
    double len = Math.max(1, text.length());
    List<String> paragraphs = List.of(PARAGRAPHS.split(text.strip(), -1));
    long[] pd = duplicates(paragraphs);
    List<Attribute> attrs = new ArrayList<>();
    double r = (double) pd[0] / paragraphs.size();
    attrs.add(Attribute.whole(c.name() + "__dup_para_frac", text.length(), r));
    if (on("dup_para_frac") && r > c.dupParaFrac()) {
      return new Verdict.Drop("dup_para_frac", r, attrs);
    }
    r = pd[1] / len;
    if (on("dup_para_char_frac") && r > c.dupParaCharFrac()) {
      return new Verdict.Drop("dup_para_char_frac", r, attrs);
    }
    List<String> lines = List.of(LINES.split(text, -1));
    long[] ld = duplicates(lines);
    r = (double) ld[0] / lines.size();
    attrs.add(Attribute.whole(c.name() + "__dup_line_frac", text.length(), r));
    if (on("dup_line_frac") && r > c.dupLineFrac()) {
      return new Verdict.Drop("dup_line_frac", r, attrs);
    }
    r = ld[1] / len;
    if (on("dup_line_char_frac") && r > c.dupLineCharFrac()) {
      return new Verdict.Drop("dup_line_char_frac", r, attrs);
    }
    List<String> words = NltkWords.tokenize(text);
    long[] h = hashes(words);
    for (Map.Entry<Integer, Double> e : c.topNGrams().entrySet()) {
      int n = e.getKey();
      if (words.size() < n) {
        continue;
      }
      r = topDuplicate(words, h, n) / len;
      String reason = "top_" + n + "_gram";
      if (on(reason) && r > e.getValue()) {
        return new Verdict.Drop(reason, r, attrs);
      }
    }
    for (Map.Entry<Integer, Double> e : c.dupNGrams().entrySet()) {
      int n = e.getKey();
      if (words.size() < n) {
        continue;
      }
      r = allDuplicate(words, h, n) / len;
      String reason = "duplicated_" + n + "_n_grams";
      if (on(reason) && r > e.getValue()) {
        return new Verdict.Drop(reason, r, attrs);
      }
    }
    return Verdict.keep(doc, attrs);
  }

  private boolean on(String reason) {
    return !off.contains(reason);
  }

  /** {duplicate elements, their characters}: datatrove's {@code find_duplicates}. */
  static long[] duplicates(List<String> xs) {
    Set<String> seen = new HashSet<>();
    long n = 0;
    long chars = 0;
    for (String x : xs) {
      if (!seen.add(x)) {
        n++;
        chars += x.length();
      }
    }
    return new long[] {n, chars};
  }

  /*
   * N-grams are compared by a 64-bit hash of their words' 64-bit hashes (a polynomial over the word hashes,
   * finalised with SplitMix64) instead of by joined strings, which datatrove builds; two different n-grams
   * collide with probability about 2^-64 per pair, so the counts equal the string counts except with that
   * probability. Character lengths come from the words' lengths: with spaces, sum + n - 1; without, sum.
   */

  /** Length × count of the most frequent space-joined n-gram, ties to the first seen ({@code find_top_duplicate}). */
  static double topDuplicate(List<String> words, int n) {
    return topDuplicate(words, hashes(words), n);
  }

  static double topDuplicate(List<String> words, long[] h, int n) {
    it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap counts = new it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap();
    it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap first = new it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap();
    int bestCount = 0;
    int bestFirst = -1;
    for (int i = 0; i + n <= words.size(); i++) {
      long g = gram(h, i, n);
      int c = counts.addTo(g, 1) + 1;
      if (c == 1) {
        first.put(g, i);
      }
      int f = first.get(g);
      if (c > bestCount || c == bestCount && f < bestFirst) {
        bestCount = c;
        bestFirst = f;
      }
    }
    if (bestFirst < 0) {
      return 0;
    }
    long len = n - 1;
    for (int j = bestFirst; j < bestFirst + n; j++) {
      len += words.get(j).length();
    }
    return (double) len * bestCount;
  }

  /** Characters of repeated n-grams, skipping over each repeat ({@code find_all_duplicate}). */
  static double allDuplicate(List<String> words, int n) {
    return allDuplicate(words, hashes(words), n);
  }

  static double allDuplicate(List<String> words, long[] h, int n) {
    it.unimi.dsi.fastutil.longs.LongOpenHashSet seen = new it.unimi.dsi.fastutil.longs.LongOpenHashSet();
    long chars = 0;
    int i = 0;
    while (i < words.size() - n + 1) {
      long g = gram(h, i, n);
      if (seen.contains(g)) {
        for (int j = i; j < i + n; j++) {
          chars += words.get(j).length();
        }
        i += n;
      } else {
        seen.add(g);
        i++;
      }
    }
    return chars;
  }

  private static long[] hashes(List<String> words) {
    long[] h = new long[words.size()];
    for (int i = 0; i < h.length; i++) {
      h[i] = mix(words.get(i).hashCode() * 0x9E3779B97F4A7C15L + words.get(i).length());
      String w = words.get(i);
      long x = 0xcbf29ce484222325L;
      for (int k = 0; k < w.length(); k++) {
        x = (x ^ w.charAt(k)) * 0x100000001b3L;
      }
      h[i] = mix(x ^ h[i]);
    }
    return h;
  }

  private static long gram(long[] h, int from, int n) {
    long g = n;
    for (int j = from; j < from + n; j++) {
      g = g * 0x9E3779B97F4A7C15L + h[j];
    }
    return mix(g);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
