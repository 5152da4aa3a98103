package org.tailguard.text.indicators;

import java.util.Arrays;

/**
 * The length of the longest common subsequence of two word-id sequences, 64 positions per machine word.
 *
 * <p>Bit-parallel LCS of Allison and Dix ("A bit-string longest-common-subsequence algorithm", IPL 23,
 * 1986) in Hyyrö's form ("Bit-parallel LCS-length computation revisited", AWOCA 2004): with M[c] the
 * positions of symbol c in the loaded sequence a, start from V = all ones and for each symbol c of b set
 * U = V &amp; M[c], V = (V + U) | (V − U); the LCS length is the number of zero bits of V in the |a| low
 * positions. O(⌈|a|/64⌉ · |b|) time instead of the O(|a| · |b|) table. Reusable: load a once, then compare
 * it with many b. Not thread-safe.
 */
final class Lcs {
  private final int[] slot; // slot[word]: its row of masks for the loaded sequence, or -1
  private long[] masks = new long[0];
  private long[] v = new long[0];
  private int[] loadedWords = new int[0];
  private int distinct;
  private int length;
  private int words;

  /** A comparer for word ids in [0, idBound). */
  Lcs(int idBound) {
    slot = new int[idBound];
    Arrays.fill(slot, -1);
  }

  /** The LCS length of two sequences. */
  static int length(int[] a, int[] b) {
    if (a.length == 0 || b.length == 0) {
      return 0;
    }
    Lcs lcs = new Lcs(Math.max(Lexical.maxId(a), Lexical.maxId(b)) + 1);
    // masking the shorter sequence needs fewer machine words per step
    if (a.length > b.length) {
      int[] t = a;
      a = b;
      b = t;
    }
    lcs.load(a);
    return lcs.against(b);
  }

  /** Makes {@code a} the sequence that {@link #against(int[])} compares with. */
  void load(int[] a) {
    for (int i = 0; i < distinct; i++) {
      slot[loadedWords[i]] = -1;
    }
    length = a.length;
    words = (a.length + 63) >>> 6;
    if (loadedWords.length < a.length) {
      loadedWords = new int[a.length];
    }
    distinct = 0;
    for (int w : a) {
      if (slot[w] < 0) {
        slot[w] = distinct;
        loadedWords[distinct++] = w;
      }
    }
    int need = distinct * words;
    if (masks.length < need) {
      masks = new long[Math.max(need, masks.length * 2)];
    }
    Arrays.fill(masks, 0, need, 0L);
    for (int i = 0; i < a.length; i++) {
      masks[slot[a[i]] * words + (i >>> 6)] |= 1L << (i & 63);
    }
    if (v.length < words) {
      v = new long[words];
    }
  }

  /** The LCS length of the loaded sequence and {@code b}. */
  int against(int[] b) {
    if (length == 0 || b.length == 0) {
      return 0;
    }
    if (words == 1) {
      return againstOneWord(b); // sentences: no carries between words, V in a register
    }
    Arrays.fill(v, 0, words, -1L);
    for (int c : b) {
      int row = c < slot.length ? slot[c] : -1;
      if (row < 0) {
        continue; // M[c] = 0 leaves V unchanged
      }
      int base = row * words;
      long carry = 0;
      for (int k = 0; k < words; k++) {
        long x = v[k];
        long u = x & masks[base + k];
        long s1 = x + u;
        long s = s1 + carry;
        carry = (Long.compareUnsigned(s1, x) < 0 || (carry != 0 && s == 0)) ? 1 : 0;
        v[k] = s | (x & ~u); // V − U = V & ~U since U ⊆ V
      }
    }
    int zeros = 0;
    for (int k = 0; k < words; k++) {
      long valid = k < words - 1 || (length & 63) == 0 ? -1L : (1L << (length & 63)) - 1;
      zeros += Long.bitCount(~v[k] & valid);
    }
    return zeros;
  }

  private int againstOneWord(int[] b) {
    long x = -1L;
    for (int c : b) {
      int row = c < slot.length ? slot[c] : -1;
      if (row >= 0) {
        long u = x & masks[row];
        x = (x + u) | (x & ~u);
      }
    }
    long valid = length == 64 ? -1L : (1L << length) - 1;
    return Long.bitCount(~x & valid);
  }
}
