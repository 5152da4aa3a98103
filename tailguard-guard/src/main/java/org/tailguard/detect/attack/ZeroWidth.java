package org.tailguard.detect.attack;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Inserts zero-width spaces (U+200B) after ⌊ratio · n⌋ of a text's n characters, chosen without
 * replacement (RAID's zero-width-space attack; RAID uses ratio 1).
 *
 * @param ratio the share of characters followed by a zero-width space
 */
public record ZeroWidth(double ratio) implements Attack {
  /** U+200B ZERO WIDTH SPACE. */
  public static final char ZWSP = '\u200B';

  public ZeroWidth {
    Words.checkRatio("zero-width", ratio);
  }

  @Override
  public String name() {
    return "zero-width-" + ratio;
  }

  @Override
  public String apply(String text, UniformRandomProvider rng) {
    int[] at = Words.choose(text.length(), (int) (ratio * text.length()), rng);
    StringBuilder b = new StringBuilder(text.length() + at.length);
    int k = 0;
    for (int i = 0; i < text.length(); i++) {
      b.append(text.charAt(i));
      if (k < at.length && at[k] == i) {
        b.append(ZWSP);
        k++;
      }
    }
    return b.toString();
  }
}
