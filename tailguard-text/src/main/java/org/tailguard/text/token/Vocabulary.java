package org.tailguard.text.token;

import it.unimi.dsi.fastutil.objects.Object2IntMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A frozen word ↔ id mapping with the three special tokens of n-gram language modelling.
 *
 * <p>Ids 0, 1 and 2 are {@code <unk>}, {@code <s>} and {@code </s>} (the ARPA conventions of SRILM, KenLM
 * and IRSTLM); words follow in order of decreasing training count, ties broken alphabetically, so that
 * the same corpus and min-count always give the same ids. Words seen fewer than {@code minCount} times map
 * to {@code <unk>}, which makes perplexities comparable across runs and generations (Chen and Goodman
 * 1998, §2: a closed vocabulary fixed on the training data).
 */
public final class Vocabulary {
  public static final int UNK = 0;
  public static final int BOS = 1;
  public static final int EOS = 2;
  public static final String UNK_WORD = "<unk>";
  public static final String BOS_WORD = "<s>";
  public static final String EOS_WORD = "</s>";

  private final String[] words;
  private final Object2IntOpenHashMap<String> ids;

  private Vocabulary(String[] words) {
    this.words = words;
    this.ids = new Object2IntOpenHashMap<>(words.length);
    this.ids.defaultReturnValue(UNK);
    for (int i = 0; i < words.length; i++) {
      if (ids.containsKey(words[i])) {
        throw new IllegalArgumentException("duplicate word in vocabulary: " + words[i]);
      }
      ids.put(words[i], i);
    }
  }

  /** A vocabulary of the given words after the three special tokens, in the given order. */
  public static Vocabulary of(List<String> words) {
    String[] w = new String[words.size() + 3];
    w[UNK] = UNK_WORD;
    w[BOS] = BOS_WORD;
    w[EOS] = EOS_WORD;
    for (int i = 0; i < words.size(); i++) {
      w[i + 3] = words.get(i);
    }
    return new Vocabulary(w);
  }

  /**
   * The words of tokenised sentences seen at least {@code minCount} times, most frequent first.
   *
   * @throws IllegalArgumentException if {@code minCount < 1}
   */
  public static Vocabulary build(Iterable<String[]> sentences, int minCount) {
    if (minCount < 1) {
      throw new IllegalArgumentException("min count must be at least 1, got " + minCount);
    }
    Object2IntOpenHashMap<String> counts = new Object2IntOpenHashMap<>();
    for (String[] s : sentences) {
      for (String t : s) {
        counts.addTo(t, 1);
      }
    }
    List<Object2IntMap.Entry<String>> kept = new ArrayList<>();
    for (Object2IntMap.Entry<String> e : counts.object2IntEntrySet()) {
      String w = e.getKey();
      if (e.getIntValue() >= minCount && !w.equals(UNK_WORD) && !w.equals(BOS_WORD) && !w.equals(EOS_WORD)) {
        kept.add(e);
      }
    }
    kept.sort(Comparator.<Object2IntMap.Entry<String>>comparingInt(Object2IntMap.Entry::getIntValue).reversed()
        .thenComparing(Object2IntMap.Entry::getKey));
    return of(kept.stream().map(Object2IntMap.Entry::getKey).toList());
  }

  /** The number of ids, special tokens included. */
  public int size() {
    return words.length;
  }

  /** The id of a word, or {@link #UNK}. */
  public int id(String word) {
    return ids.getInt(word);
  }

  /** Whether the word has its own id. */
  public boolean contains(String word) {
    return ids.containsKey(word);
  }

  /** The word of an id. */
  public String word(int id) {
    return words[id];
  }

  /** The ids of a tokenised sentence (without {@code <s>} and {@code </s>}). */
  public int[] encode(String[] tokens) {
    int[] out = new int[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      out[i] = id(tokens[i]);
    }
    return out;
  }

  /** The words of an id sequence. */
  public String[] decode(int[] sentence) {
    String[] out = new String[sentence.length];
    for (int i = 0; i < sentence.length; i++) {
      out[i] = words[sentence[i]];
    }
    return out;
  }

  public void write(DataOutput out) throws IOException {
    out.writeInt(words.length);
    for (String w : words) {
      out.writeUTF(w);
    }
  }

  public static Vocabulary read(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 3) {
      throw new IOException("corrupt vocabulary: " + n + " words");
    }
    String[] w = new String[n];
    for (int i = 0; i < n; i++) {
      w[i] = in.readUTF();
    }
    if (!w[UNK].equals(UNK_WORD) || !w[BOS].equals(BOS_WORD) || !w[EOS].equals(EOS_WORD)) {
      throw new IOException("corrupt vocabulary: special tokens missing");
    }
    return new Vocabulary(w);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Vocabulary v && Arrays.equals(words, v.words);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(words);
  }
}
