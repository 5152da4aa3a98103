package org.tailguard.detect;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tailguard.text.indicators.Compression;

/**
 * Stylometric features of one text, computed from its tokenised sentences (and, for punctuation, its raw
 * characters): sentence-length statistics, word length, vocabulary richness, a function-word profile,
 * punctuation, repetition and compression.
 *
 * <p>Function-word frequencies are the classic authorship signal (Mosteller and Wallace 1964); sentence
 * length and its spread ("burstiness") and repetition are the signals of GPTZero-style detectors; the
 * compression ratio is that of Shaib et al. 2024 ({@link Compression}, gzip level 9 of the space-joined
 * words). Every feature is a rate or a mean, so texts of different lengths are comparable; {@link #NAMES}
 * lists them in the order of {@link #features}.
 */
public final class Stylometry {
  /** The function words whose relative frequencies form the profile (closed-class English words). */
  public static final List<String> FUNCTION_WORDS = List.of("the", "of", "and", "to", "a", "in", "that", "is",
      "was", "it", "for", "as", "with", "be", "by", "on", "not", "he", "i", "this", "are", "or", "his", "from",
      "at", "which", "but", "have", "an", "they", "you", "were", "had", "we", "their", "there", "all", "would",
      "will", "been", "has", "more", "if", "no", "so", "can", "our", "its");

  private static final Set<String> FUNCTION_SET = new HashSet<>(FUNCTION_WORDS);

  /** The feature names, each prefixed {@code style.}. */
  public static final List<String> NAMES = names();

  private Stylometry() {}

  private static List<String> names() {
    List<String> n = new ArrayList<>(List.of("style.sentence_mean", "style.sentence_sd", "style.sentence_cv",
        "style.word_length_mean", "style.word_length_sd", "style.type_token_ratio", "style.hapax_rate",
        "style.top_word_rate", "style.repeated_bigrams", "style.repeated_trigrams", "style.compression_ratio",
        "style.function_word_rate", "style.punctuation_rate"));
    for (String w : FUNCTION_WORDS) {
      n.add("style.fw." + w);
    }
    return List.copyOf(n);
  }

  /**
   * The features of a text.
   *
   * @param sentences the text's sentences as words (the project's tokenizer: lower-cased, no punctuation)
   * @param raw the text as given, for punctuation
   * @return one value per name of {@link #NAMES}; all 0 for a text with no words
   */
  public static double[] features(List<String[]> sentences, String raw) {
    double[] f = new double[NAMES.size()];
    int n = 0;
    for (String[] s : sentences) {
      n += s.length;
    }
    if (n == 0) {
      return f;
    }
    double sl = 0;
    double sl2 = 0;
    for (String[] s : sentences) {
      sl += s.length;
      sl2 += (double) s.length * s.length;
    }
    int ns = sentences.size();
    double meanS = sl / ns;
    double sdS = Math.sqrt(Math.max(0, sl2 / ns - meanS * meanS));
    Object2IntOpenHashMap<String> counts = new Object2IntOpenHashMap<>();
    Set<String> bigrams = new HashSet<>();
    Set<String> trigrams = new HashSet<>();
    int nb = 0;
    int nt = 0;
    double wl = 0;
    double wl2 = 0;
    StringBuilder joined = new StringBuilder();
    String p1 = null;
    String p2 = null;
    for (String[] s : sentences) {
      for (String w : s) {
        counts.addTo(w, 1);
        int len = w.codePointCount(0, w.length());
        wl += len;
        wl2 += (double) len * len;
        if (!joined.isEmpty()) {
          joined.append(' ');
        }
        joined.append(w);
        // n-grams run across sentence boundaries, as in the words-only stream the LMs see
        if (p1 != null) {
          bigrams.add(p1 + ' ' + w);
          nb++;
          if (p2 != null) {
            trigrams.add(p2 + ' ' + p1 + ' ' + w);
            nt++;
          }
        }
        p2 = p1;
        p1 = w;
      }
    }
    int hapax = 0;
    int top = 0;
    for (int c : counts.values()) {
      hapax += c == 1 ? 1 : 0;
      top = Math.max(top, c);
    }
    double meanW = wl / n;
    int i = 0;
    f[i++] = meanS;
    f[i++] = sdS;
    f[i++] = sdS / meanS;
    f[i++] = meanW;
    f[i++] = Math.sqrt(Math.max(0, wl2 / n - meanW * meanW));
    f[i++] = (double) counts.size() / n;
    f[i++] = (double) hapax / n;
    f[i++] = (double) top / n;
    f[i++] = nb == 0 ? 0 : 1 - (double) bigrams.size() / nb;
    f[i++] = nt == 0 ? 0 : 1 - (double) trigrams.size() / nt;
    f[i++] = Compression.gzipRatio(joined.toString().getBytes(StandardCharsets.UTF_8));
    int fw = 0;
    for (String w : FUNCTION_WORDS) {
      fw += counts.getInt(w);
    }
    f[i++] = (double) fw / n;
    f[i++] = (double) punctuation(raw) / n;
    for (String w : FUNCTION_WORDS) {
      f[i++] = (double) counts.getInt(w) / n;
    }
    return f;
  }

  /** The number of Unicode punctuation characters (general categories P*). */
  static int punctuation(String raw) {
    int c = 0;
    for (int k = 0; k < raw.length(); ) {
      int cp = raw.codePointAt(k);
      int t = Character.getType(cp);
      if (t == Character.CONNECTOR_PUNCTUATION || t == Character.DASH_PUNCTUATION
          || t == Character.START_PUNCTUATION || t == Character.END_PUNCTUATION
          || t == Character.INITIAL_QUOTE_PUNCTUATION || t == Character.FINAL_QUOTE_PUNCTUATION
          || t == Character.OTHER_PUNCTUATION) {
        c++;
      }
      k += Character.charCount(cp);
    }
    return c;
  }

  static boolean isFunctionWord(String w) {
    return FUNCTION_SET.contains(w);
  }
}
