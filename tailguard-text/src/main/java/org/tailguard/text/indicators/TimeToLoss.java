package org.tailguard.text.indicators;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/**
 * When each word of generation 0 first vanishes from the generated corpora: which words go first, and when.
 *
 * <p>Under recursive refitting a word's count follows a Wright–Fisher chain; a word of count c among n
 * tokens is lost with probability 1 − c/n and, if lost, after about −2n[p ln p + (1−p) ln(1−p)] generations,
 * p = c/n (Kimura 1955; collapse-science §2.2), roughly linear in c as Suresh et al. find (arXiv
 * 2412.17646). This table records it on real text. Feed the generations in order to {@link #observe}; only
 * generation 0's vocabulary is kept (one count, one generation and one flag per word), so memory does not
 * grow with the number or size of generations. Words are matched by spelling; special tokens are left out.
 */
public final class TimeToLoss {
  private final Vocabulary vocabulary;
  private final long[] count0;
  private final int[] firstAbsent; // 0 while present in every generation seen
  private final boolean[] returned;
  private int generations;

  private TimeToLoss(Vocabulary vocabulary, long[] count0) {
    this.vocabulary = vocabulary;
    this.count0 = count0;
    this.firstAbsent = new int[count0.length];
    this.returned = new boolean[count0.length];
  }

  /** Starts tracking the words of generation 0. */
  public static TimeToLoss start(Sentences generation0) {
    long[] count = new long[generation0.vocabulary().size()];
    for (int[] s : generation0.sentences()) {
      for (int w : s) {
        count[w]++;
      }
    }
    for (int w = 0; w <= Vocabulary.EOS && w < count.length; w++) {
      count[w] = 0;
    }
    return new TimeToLoss(generation0.vocabulary(), count);
  }

  /** Records the next generation (1, 2, …); the corpus is not kept. */
  public void observe(Sentences generation) {
    generations++;
    int[] map = WordMap.between(generation.vocabulary(), vocabulary);
    boolean[] present = new boolean[count0.length];
    for (int[] s : generation.sentences()) {
      for (int w : s) {
        int v = map[w];
        if (v >= 0) {
          present[v] = true;
        }
      }
    }
    for (int w = 0; w < count0.length; w++) {
      if (count0[w] == 0) {
        continue;
      }
      if (!present[w] && firstAbsent[w] == 0) {
        firstAbsent[w] = generations;
      } else if (present[w] && firstAbsent[w] != 0) {
        returned[w] = true;
      }
    }
  }

  /** The number of generations observed after generation 0. */
  public int generations() {
    return generations;
  }

  /**
   * One word of generation 0.
   *
   * @param word the word
   * @param count0 its count in generation 0
   * @param firstAbsent the first generation in which it did not occur, or 0 if it occurred in all
   * @param returned whether it occurred again in a later generation after first vanishing
   */
  public record Row(String word, long count0, int firstAbsent, boolean returned) {
    /** Whether the word vanished at some generation. */
    public boolean lost() {
      return firstAbsent > 0;
    }
  }

  /**
   * Every word of generation 0: lost words first, by the generation they vanished, then by their count in
   * generation 0 and their spelling; then the surviving words, rarest first.
   */
  public List<Row> table() {
    List<Row> rows = new ArrayList<>();
    for (int w = 0; w < count0.length; w++) {
      if (count0[w] > 0) {
        rows.add(new Row(vocabulary.word(w), count0[w], firstAbsent[w], returned[w]));
      }
    }
    rows.sort(Comparator.comparingInt((Row r) -> r.firstAbsent == 0 ? Integer.MAX_VALUE : r.firstAbsent)
        .thenComparingLong(Row::count0).thenComparing(Row::word));
    return rows;
  }

  /** lost[g] = the number of generation-0 words that first vanished in generation g (index 0 unused). */
  public int[] lostPerGeneration() {
    int[] lost = new int[generations + 1];
    for (int w = 0; w < count0.length; w++) {
      if (count0[w] > 0 && firstAbsent[w] > 0) {
        lost[firstAbsent[w]]++;
      }
    }
    return lost;
  }
}
