package org.tailguard.detect.attack;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Introduces typing errors into ⌊ratio · n⌋ of the n words of at least three letters, chosen without
 * replacement; each gets one edit drawn uniformly from: swap two adjacent inner letters, drop an inner
 * letter, double a letter, or replace a vowel by another vowel. RAID's misspelling attack draws from lists
 * of common human misspellings; this is a dictionary-free stand-in of the same kind (character edits
 * that leave the word readable), documented as such.
 *
 * @param ratio the share of eligible words misspelt
 */
public record Misspelling(double ratio) implements Attack {
  private static final String VOWELS = "aeiou";

  public Misspelling {
    Words.checkRatio("misspelling", ratio);
  }

  @Override
  public String name() {
    return "misspelling-" + ratio;
  }

  @Override
  public String apply(String text, UniformRandomProvider rng) {
    List<String> w = Words.split(text);
    List<Integer> eligible = new java.util.ArrayList<>();
    for (int i = 0; i < w.size(); i++) {
      if (letters(w.get(i)) >= 3) {
        eligible.add(i);
      }
    }
    int[] pick = Words.choose(eligible.size(), (int) (ratio * eligible.size()), rng);
    for (int p : pick) {
      int i = eligible.get(p);
      w.set(i, edit(w.get(i), rng));
    }
    return String.join(" ", w);
  }

  private static int letters(String s) {
    int n = 0;
    while (n < s.length() && Character.isLetter(s.charAt(n))) {
      n++;
    }
    return n;
  }

  /** One edit inside the word's leading run of letters (punctuation after it is kept). */
  static String edit(String word, UniformRandomProvider rng) {
    int n = letters(word);
    String core = word.substring(0, n);
    String tail = word.substring(n);
    StringBuilder b = new StringBuilder(core);
    switch (rng.nextInt(4)) {
      case 0 -> { // swap adjacent inner letters (positions 1..n-2 with the next)
        int i = 1 + rng.nextInt(n - 2);
        char t = b.charAt(i);
        b.setCharAt(i, b.charAt(i + 1 < n ? i + 1 : i - 1));
        b.setCharAt(i + 1 < n ? i + 1 : i - 1, t);
      }
      case 1 -> b.deleteCharAt(1 + rng.nextInt(n - 2));
      case 2 -> {
        int i = rng.nextInt(n);
        b.insert(i, b.charAt(i));
      }
      default -> {
        int v = -1;
        int seen = 0;
        for (int i = 0; i < n; i++) {
          if (VOWELS.indexOf(Character.toLowerCase(b.charAt(i))) >= 0 && rng.nextInt(++seen) == 0) {
            v = i; // reservoir choice of one vowel
          }
        }
        if (v < 0) {
          b.insert(n / 2, b.charAt(n / 2)); // no vowel: double a letter instead
        } else {
          char old = Character.toLowerCase(b.charAt(v));
          char repl = VOWELS.replace(String.valueOf(old), "").charAt(rng.nextInt(4));
          b.setCharAt(v, Character.isUpperCase(b.charAt(v)) ? Character.toUpperCase(repl) : repl);
        }
      }
    }
    return b + tail;
  }
}
