package org.tailguard.text.indicators;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/**
 * Coverage of held-out real text by a generated corpus: the share of held-out word types, or n-grams,
 * that the generated corpus never contains, overall and per group (such as Brown's genres).
 *
 * <p>Early model collapse loses the tail first (Shumailov et al., Nature 631, 2024): rare words and
 * phrases stop being generated and never return. collapse-science §4 ("coverage: the fraction of held-out
 * real types or n-grams that are absent from the generated data") and its bigram table (§2.3) track
 * exactly this. An n-gram is a run of n words inside one sentence. Words are matched by their spelling, so
 * the two corpora may have different vocabularies. Held-out n-grams containing a special token
 * ({@code <unk>}, {@code <s>}, {@code </s>}) are left out: an unknown word cannot be said to be kept or lost.
 */
public final class Coverage {
  private Coverage() {}

  /**
   * What part of the held-out text's n-grams the generated corpus lacks.
   *
   * @param heldOutTypes distinct held-out n-grams (special tokens excluded)
   * @param missingTypes those of them that the generated corpus never contains
   * @param heldOutOccurrences held-out n-gram occurrences (special tokens excluded)
   * @param missingOccurrences those of them whose n-gram is missing
   */
  public record Missing(long heldOutTypes, long missingTypes, long heldOutOccurrences, long missingOccurrences) {
    /** The share of held-out types missing from the generated corpus; NaN if there are none. */
    public double share() {
      return Lexical.ratio(missingTypes, heldOutTypes);
    }

    /** The share of held-out occurrences whose n-gram is missing (a missing-mass rate); NaN if none. */
    public double mass() {
      return Lexical.ratio(missingOccurrences, heldOutOccurrences);
    }

    /** The share of held-out types the generated corpus contains, 1 − {@link #share()}. */
    public double covered() {
      return 1 - share();
    }
  }

  /** One group's coverage: the held-out types (or n-grams) of the group that the generated corpus keeps. */
  public record Group(String name, Missing missing) {
    /** The share of the group's held-out types the generated corpus contains. */
    public double covered() {
      return missing.covered();
    }
  }

  /** Held-out word types absent from the generated corpus. */
  public static Missing missingTypes(Sentences heldOut, Sentences generated) {
    return missingNGrams(heldOut, generated, 1);
  }

  /**
   * Held-out n-grams absent from the generated corpus.
   *
   * @param n the order, at least 1
   */
  public static Missing missingNGrams(Sentences heldOut, Sentences generated, int n) {
    return missing(heldOut, NGramTable.withLookup(generated.sentences(), Lexical.checkOrder(n)),
        generated.vocabulary(), n);
  }

  /**
   * Per-group coverage: for each group of held-out text (for instance one per Brown genre), the share of
   * its n-gram types that the generated corpus still contains. The generated corpus is indexed once.
   *
   * @param groups held-out text per group name; the result keeps the map's iteration order
   * @param n the order, at least 1 (1 for word types)
   */
  public static List<Group> byGroup(Map<String, Sentences> groups, Sentences generated, int n) {
    NGramTable table = NGramTable.withLookup(generated.sentences(), Lexical.checkOrder(n));
    List<Group> out = new ArrayList<>(groups.size());
    for (Map.Entry<String, Sentences> e : groups.entrySet()) {
      out.add(new Group(e.getKey(), missing(e.getValue(), table, generated.vocabulary(), n)));
    }
    return out;
  }

  private static Missing missing(Sentences heldOut, NGramTable generated, Vocabulary generatedVocabulary, int n) {
    int[] map = WordMap.between(heldOut.vocabulary(), generatedVocabulary);
    NGramTable own = NGramTable.of(heldOut.sentences(), n);
    byte[] status = new byte[own.distinct(n)]; // 0 unseen, 1 kept, 2 missing, 3 excluded
    int[] ids = own.ids(n);
    int[] off = own.offsets(n);
    int[][] s = heldOut.sentences();
    int[] buffer = new int[n];
    long types = 0;
    long missingTypes = 0;
    long occurrences = 0;
    long missingOccurrences = 0;
    for (int r = 0; r < s.length; r++) {
      for (int p = off[r]; p < off[r + 1]; p++) {
        int g = ids[p];
        if (status[g] == 0) {
          status[g] = classify(s[r], p - off[r], n, map, generated, buffer);
          if (status[g] != 3) {
            types++;
            missingTypes += status[g] == 2 ? 1 : 0;
          }
        }
        if (status[g] != 3) {
          occurrences++;
          missingOccurrences += status[g] == 2 ? 1 : 0;
        }
      }
    }
    return new Missing(types, missingTypes, occurrences, missingOccurrences);
  }

  private static byte classify(int[] sentence, int from, int n, int[] map, NGramTable generated, int[] buffer) {
    boolean absent = false;
    for (int k = 0; k < n; k++) {
      int w = sentence[from + k];
      if (w <= Vocabulary.EOS) {
        return 3;
      }
      buffer[k] = map[w];
      absent |= buffer[k] < 0;
    }
    return absent || generated.find(buffer, 0, n) < 0 ? (byte) 2 : (byte) 1;
  }
}
