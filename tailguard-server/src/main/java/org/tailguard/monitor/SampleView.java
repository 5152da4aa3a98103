package org.tailguard.monitor;

import it.unimi.dsi.fastutil.objects.Object2LongOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/**
 * A version's reservoir sample, tokenised, in priority order: every prefix is itself a uniform random
 * sample of the version's responses, so the fixed budgets of the sample indicators are prefixes.
 */
final class SampleView {
  final List<MonitorStore.SampleRow> rows;
  final List<List<String[]>> sentences; // per response
  final long tokens;
  final int sentenceCount;

  private SampleView(List<MonitorStore.SampleRow> rows, List<List<String[]>> sentences) {
    this.rows = rows;
    this.sentences = sentences;
    long t = 0;
    int n = 0;
    for (List<String[]> r : sentences) {
      for (String[] s : r) {
        t += s.length;
        n++;
      }
    }
    this.tokens = t;
    this.sentenceCount = n;
  }

  static SampleView of(List<MonitorStore.SampleRow> rows, Digester digester) {
    List<List<String[]>> s = new ArrayList<>(rows.size());
    for (MonitorStore.SampleRow r : rows) {
      s.add(digester.sentences(r.response()));
    }
    return new SampleView(rows, s);
  }

  int size() {
    return rows.size();
  }

  /** Every sentence of the sample, in order. */
  List<String[]> allSentences() {
    List<String[]> out = new ArrayList<>(sentenceCount);
    sentences.forEach(out::addAll);
    return out;
  }

  /** The first {@code max} sentences. */
  List<String[]> firstSentences(int max) {
    List<String[]> out = new ArrayList<>(Math.min(max, sentenceCount));
    for (List<String[]> r : sentences) {
      for (String[] s : r) {
        if (out.size() == max) {
          return out;
        }
        out.add(s);
      }
    }
    return out;
  }

  /** Sentences holding exactly the first {@code budget} tokens (the last one cut), or all if fewer. */
  List<String[]> firstTokens(int budget) {
    return tokens(0, budget);
  }

  /** The word types of tokens {@code from} .. {@code from + budget} of the sample, in order (fewer if it ends). */
  java.util.Set<String> types(long from, long budget) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (String[] s : tokens(from, budget)) {
      out.addAll(Arrays.asList(s));
    }
    return out;
  }

  /** Sentences (pieces cut at the ends) holding tokens {@code from} .. {@code from + budget}. */
  private List<String[]> tokens(long from, long budget) {
    List<String[]> out = new ArrayList<>();
    long skip = from;
    long left = budget;
    for (List<String[]> r : sentences) {
      for (String[] s : r) {
        if (left == 0) {
          return out;
        }
        int start = (int) Math.min(skip, s.length);
        skip -= start;
        if (start == s.length) {
          continue;
        }
        int end = (int) Math.min(s.length, start + left);
        out.add(start == 0 && end == s.length ? s : Arrays.copyOfRange(s, start, end));
        left -= end - start;
      }
    }
    return out;
  }

  /** Each of the first {@code max} responses' words, all sentences together. */
  List<String[]> documents(int max) {
    List<String[]> out = new ArrayList<>();
    for (List<String[]> r : sentences) {
      if (out.size() == max) {
        break;
      }
      List<String> w = new ArrayList<>();
      r.forEach(s -> w.addAll(Arrays.asList(s)));
      out.add(w.toArray(String[]::new));
    }
    return out;
  }

  /** Counts of n-grams (words joined by a space) inside the given sentences. */
  static Map<String, Long> ngramCounts(List<String[]> sentences, int n) {
    Object2LongOpenHashMap<String> c = new Object2LongOpenHashMap<>();
    for (String[] s : sentences) {
      for (int i = 0; i + n <= s.length; i++) {
        c.addTo(n == 1 ? s[i] : String.join(" ", Arrays.copyOfRange(s, i, i + n)), 1);
      }
    }
    return c;
  }

  /** Sentences encoded over their own vocabulary, for the text indicators. */
  static Sentences encode(List<String[]> sentences) {
    Vocabulary v = Vocabulary.build(sentences, 1);
    int[][] ids = new int[sentences.size()][];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = v.encode(sentences.get(i));
    }
    return new Sentences(v, ids);
  }
}
