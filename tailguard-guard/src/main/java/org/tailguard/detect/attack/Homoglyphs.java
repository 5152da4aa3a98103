package org.tailguard.detect.attack;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Replaces Latin letters by Cyrillic or Greek look-alikes (RAID's homoglyph attack and its mapping): each
 * mappable character is replaced with probability {@code ratio} (RAID replaces all, ratio 1), by one of its
 * look-alikes chosen uniformly.
 *
 * @param ratio the probability that a mappable character is replaced
 */
public record Homoglyphs(double ratio) implements Attack {
  private static final String[] MAP = new String[128];

  static {
    String[][] pairs = {{"a", "а"}, {"A", "АΑ"}, {"B", "ВΒ"}, {"e", "е"}, {"E", "ЕΕ"}, {"c", "с"}, {"p", "р"},
        {"K", "КΚ"}, {"O", "ОΟ"}, {"P", "РΡ"}, {"M", "МΜ"}, {"H", "НΗ"}, {"T", "ТΤ"}, {"X", "ХΧ"}, {"C", "С"},
        {"y", "у"}, {"o", "о"}, {"x", "х"}, {"I", "ІΙ"}, {"i", "і"}, {"N", "Ν"}, {"Z", "Ζ"}};
    for (String[] p : pairs) {
      MAP[p[0].charAt(0)] = p[1];
    }
  }

  public Homoglyphs {
    Words.checkRatio("homoglyphs", ratio);
  }

  @Override
  public String name() {
    return "homoglyphs-" + ratio;
  }

  @Override
  public String apply(String text, UniformRandomProvider rng) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String alts = c < 128 ? MAP[c] : null;
      if (alts != null && rng.nextDouble() < ratio) {
        b.append(alts.charAt(rng.nextInt(alts.length())));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
