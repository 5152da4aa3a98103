package org.tailguard.detect.attack;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Deletes ⌊ratio · n⌋ of a text's n space-separated words, chosen uniformly without replacement (MarkLLM's
 * {@code WordDeletion(ratio)}).
 *
 * @param ratio the share of words deleted, in [0, 1]
 */
public record WordDeletion(double ratio) implements Attack {
  public WordDeletion {
    Words.checkRatio("word-deletion", ratio);
  }

  @Override
  public String name() {
    return "word-deletion-" + ratio;
  }

  @Override
  public String apply(String text, UniformRandomProvider rng) {
    List<String> w = Words.split(text);
    int[] drop = Words.choose(w.size(), (int) (ratio * w.size()), rng);
    StringBuilder b = new StringBuilder();
    int d = 0;
    for (int i = 0; i < w.size(); i++) {
      if (d < drop.length && drop[d] == i) {
        d++;
        continue;
      }
      if (!b.isEmpty()) {
        b.append(' ');
      }
      b.append(w.get(i));
    }
    return b.toString();
  }
}
