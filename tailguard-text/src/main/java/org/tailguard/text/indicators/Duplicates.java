package org.tailguard.text.indicators;

import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.ObjectOpenCustomHashSet;
import it.unimi.dsi.fastutil.objects.ObjectOpenHashSet;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.tailguard.text.token.Vocabulary;

/**
 * Exact and normalised duplicate rates: the share of documents that repeat an earlier document.
 *
 * <p>The duplicate rate of N documents is (N − the number of distinct documents) / N, in [0, 1 − 1/N]; a
 * collapsed generator emits the same text again and again (collapse-science §4, "response uniqueness";
 * its §2.3 finds the exact rate a weak signal for n-gram models, whose sentences stay ≥ 96% unique). A
 * document's text is its words joined by single spaces. <em>Exact</em> compares those texts as they are;
 * <em>normalised</em> compares {@link #normalize(String)} of them: lower case (root locale), Unicode
 * punctuation ({@code \p{P}}) removed, whitespace runs collapsed to one space, ends trimmed. Near
 * duplicates (MinHash) are not measured here.
 */
public final class Duplicates {
  private static final Pattern PUNCTUATION = Pattern.compile("\\p{P}+");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private Duplicates() {}

  /** Lower case, punctuation removed, whitespace collapsed and trimmed: the normalised form of a text. */
  public static String normalize(String text) {
    String t = PUNCTUATION.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
    return WHITESPACE.matcher(t).replaceAll(" ").strip();
  }

  /** The exact duplicate rate of the documents; NaN if there are none. */
  public static double exactRate(Documents documents) {
    return rate(documents.tokens());
  }

  /** The normalised duplicate rate of the documents; NaN if there are none. */
  public static double normalizedRate(Documents documents) {
    // Normalising word by word and dropping words that become empty equals normalising the joined text.
    Vocabulary v = documents.vocabulary();
    Object2IntOpenHashMap<String> ids = new Object2IntOpenHashMap<>();
    ids.defaultReturnValue(-1);
    int[] map = new int[v.size()];
    for (int w = 0; w < map.length; w++) {
      String n = normalize(v.word(w));
      if (n.isEmpty()) {
        map[w] = -1;
      } else {
        int id = ids.getInt(n);
        if (id < 0) {
          id = ids.size();
          ids.put(n, id);
        }
        map[w] = id;
      }
    }
    int[][] docs = documents.tokens();
    int[][] normal = new int[docs.length][];
    int[] buffer = new int[Lexical.maxLength(docs)];
    for (int d = 0; d < docs.length; d++) {
      int k = 0;
      for (int w : docs[d]) {
        if (map[w] >= 0) {
          buffer[k++] = map[w];
        }
      }
      normal[d] = Arrays.copyOf(buffer, k);
    }
    return rate(normal);
  }

  /** The exact duplicate rate of texts compared as strings; NaN if there are none. */
  public static double exactRate(List<String> texts) {
    return stringRate(texts, false);
  }

  /** The duplicate rate of texts compared after {@link #normalize(String)}; NaN if there are none. */
  public static double normalizedRate(List<String> texts) {
    return stringRate(texts, true);
  }

  private static double stringRate(List<String> texts, boolean normalise) {
    ObjectOpenHashSet<String> seen = new ObjectOpenHashSet<>(texts.size());
    for (String t : texts) {
      seen.add(normalise ? normalize(t) : t);
    }
    return Lexical.ratio(texts.size() - seen.size(), texts.size());
  }

  private static double rate(int[][] docs) {
    ObjectOpenCustomHashSet<int[]> seen = new ObjectOpenCustomHashSet<>(docs.length, IntArrays.HASH_STRATEGY);
    for (int[] d : docs) {
      seen.add(d);
    }
    return Lexical.ratio(docs.length - seen.size(), docs.length);
  }
}
