package org.tailguard.detect.attack;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Inserts extra spaces (RAID's whitespace attack): ⌊ratio · n⌋ positions among the n space-separated words
 * are drawn with replacement, and each draw adds one space after that word.
 *
 * @param ratio the number of inserted spaces per word (RAID: 0.5)
 */
public record Whitespace(double ratio) implements Attack {
  public Whitespace {
    Words.checkRatio("whitespace", ratio);
  }

  @Override
  public String name() {
    return "whitespace-" + ratio;
  }

  @Override
  public String apply(String text, UniformRandomProvider rng) {
    List<String> w = Words.split(text);
    int[] extra = new int[w.size()];
    int k = (int) (ratio * w.size());
    for (int i = 0; i < k; i++) {
      extra[rng.nextInt(w.size())]++;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < w.size(); i++) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(w.get(i)).append(" ".repeat(extra[i]));
    }
    return b.toString();
  }
}
