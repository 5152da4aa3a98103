package org.tailguard.detect.attack;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Hides machine text inside human text (the copy-paste attack of Kirchenbauer et al., "On the Reliability of
 * Watermarks", ICLR 2024): of an n-word text, the first ⌈share · n⌉ machine words are kept and placed in
 * the middle of human words taken from a random human text (its first words before, its next words after),
 * so the result has n words and is {@code share} machine-written. The label stays "machine". A text of
 * human origin is returned unchanged ({@link #applyToHuman()} is false).
 *
 * @param share the machine share of the result, in [0, 1]
 * @param human the human texts to insert into (held-out text, never a calibration text)
 */
public record HumanInsertion(double share, List<String> human) implements Attack {
  public HumanInsertion {
    Words.checkRatio("insertion", share);
    human = List.copyOf(human);
    if (human.isEmpty()) {
      throw new IllegalArgumentException("insertion needs human texts");
    }
  }

  @Override
  public String name() {
    return "human-insertion-" + share;
  }

  /** Whether human texts are attacked too (no: inserting human text into human text changes nothing). */
  public boolean applyToHuman() {
    return false;
  }

  @Override
  public String apply(String text, UniformRandomProvider rng) {
    List<String> m = Words.split(text);
    int n = m.size();
    int keep = (int) Math.ceil(share * n);
    List<String> h = Words.split(human.get(rng.nextInt(human.size())));
    int before = (n - keep) / 2;
    int after = n - keep - before;
    StringBuilder b = new StringBuilder();
    int hi = 0;
    for (int i = 0; i < before && hi < h.size(); i++) {
      append(b, h.get(hi++));
    }
    for (int i = 0; i < keep; i++) {
      append(b, m.get(i));
    }
    for (int i = 0; i < after && hi < h.size(); i++) {
      append(b, h.get(hi++));
    }
    return b.toString();
  }

  private static void append(StringBuilder b, String w) {
    if (!b.isEmpty()) {
      b.append(' ');
    }
    b.append(w);
  }
}
