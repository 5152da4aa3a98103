package org.tailguard.text.lm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.tailguard.text.token.Vocabulary;

/**
 * Beam search for the most probable continuation of a prompt (Shumailov et al., Nature 2024, continue
 * 64-token blocks with 5-way beam search).
 *
 * <p>Each step extends every live hypothesis by its {@code width} most probable next tokens (enough:
 * the best {@code width} extensions of all beams are among them) and keeps the {@code width} best by total
 * log-probability, with no length normalisation. A hypothesis that draws {@code </s>} is complete; the
 * others are complete at {@code maxLength} tokens. The result is the best complete hypothesis, ties
 * broken by the lexicographically smaller token sequence. With a width at least the number of possible
 * continuations the search is exhaustive; with width 1 it is greedy decoding.
 */
public final class BeamSearch {
  private BeamSearch() {}

  /**
   * The best continuation and its log-probability.
   *
   * @param words the continuation's tokens, ending in {@code </s>} if it was drawn
   * @param logProb the natural log of the continuation's probability given the prompt
   */
  public record Continuation(int[] words, double logProb) {}

  private record Hyp(int[] words, double logProb, int[] state) {}

  private static final Comparator<Hyp> BEST_FIRST = Comparator.comparingDouble((Hyp h) -> -h.logProb)
      .thenComparing(Hyp::words, Arrays::compare);

  /**
   * Searches for the best continuation of at most {@code maxLength} tokens.
   *
   * @param prompt word ids, oldest first ({@code <s>} first to begin a sentence)
   * @throws IllegalArgumentException if width or maxLength is below 1
   */
  public static Continuation search(NgramLm lm, int[] prompt, int width, int maxLength) {
    if (width < 1 || maxLength < 1) {
      throw new IllegalArgumentException("width and max length must be at least 1, got " + width + ", "
          + maxLength);
    }
    int[] start = new int[lm.order];
    lm.contextIds(prompt, start);
    Descending d = new Descending(lm);
    List<Hyp> live = List.of(new Hyp(new int[0], 0, start));
    List<Hyp> done = new ArrayList<>();
    for (int step = 0; step < maxLength && !live.isEmpty(); step++) {
      List<Hyp> pool = new ArrayList<>();
      for (Hyp h : live) {
        for (int w : best(d, h.state, width)) {
          int[] next = new int[lm.order];
          double p = lm.advance(h.state, next, w);
          int[] words = Arrays.copyOf(h.words, h.words.length + 1);
          words[h.words.length] = w;
          pool.add(new Hyp(words, h.logProb + Math.log(p), next));
        }
      }
      pool.sort(BEST_FIRST);
      List<Hyp> nextLive = new ArrayList<>();
      for (Hyp h : pool.subList(0, Math.min(width, pool.size()))) {
        boolean complete = h.words[h.words.length - 1] == Vocabulary.EOS || step == maxLength - 1;
        (complete ? done : nextLive).add(h);
      }
      live = nextLive;
    }
    done.sort(BEST_FIRST);
    Hyp best = done.get(0);
    return new Continuation(best.words, best.logProb);
  }

  /** The {@code width} most probable next tokens (positive probability), best first, ties by lower id. */
  private static int[] best(Descending d, int[] state, int width) {
    d.start(state);
    int[] out = new int[width];
    int n = 0;
    while (n < width) {
      int w = d.next();
      if (w < 0) {
        break;
      }
      out[n++] = w;
    }
    return java.util.Arrays.copyOf(out, n);
  }
}
