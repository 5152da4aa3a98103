package org.tailguard.detect.attack;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Flips the case of the first letter of ⌊ratio · n⌋ of the n words that start with a letter, chosen without
 * replacement (RAID's upper-lower attack; RAID uses ratio 0.5).
 *
 * @param ratio the share of words whose first letter changes case
 */
public record CaseFlip(double ratio) implements Attack {
  public CaseFlip {
    Words.checkRatio("case-flip", ratio);
  }

  @Override
  public String name() {
    return "case-flip-" + ratio;
  }

  @Override
  public String apply(String text, UniformRandomProvider rng) {
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      if (Character.isLetter(text.charAt(i)) && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
        starts.add(i);
      }
    }
    int[] pick = Words.choose(starts.size(), (int) (ratio * starts.size()), rng);
    char[] c = text.toCharArray();
    for (int p : pick) {
      int i = starts.get(p);
      c[i] = Character.isUpperCase(c[i]) ? Character.toLowerCase(c[i]) : Character.toUpperCase(c[i]);
    }
    return new String(c);
  }
}
