package org.tailguard.curate.dedup;

import java.util.Arrays;
import org.tailguard.spec.Check;

/**
 * Shingling (Broder 1997, "On the resemblance and containment of documents"): a document becomes the set
 * of its contiguous n-grams of words or of characters, each identified by a 64-bit hash.
 *
 * <p>Resemblance is the Jaccard index of two shingle sets, |A ∩ B| / |A ∪ B|, which MinHash estimates. Word
 * 5-grams are datatrove's default ({@code MinhashConfig.n_grams = 5}) and text-dedup's sample setting;
 * NeMo Curator shingles characters (5-grams in 24.x, 24-grams in 26.x). A text with fewer than n tokens
 * but at least one becomes a single shingle of all its tokens, as text-dedup's {@code ngrams} does; an empty
 * text has no shingles (datatrove gives such documents no signature either).
 *
 * @param unit words (split on whitespace of the normalised text) or characters (UTF-16 code units)
 * @param size the n of the n-grams, at least 1
 */
public record Shingling(Unit unit, int size) {

  /** What a shingle is made of. */
  public enum Unit {
    WORD,
    CHAR
  }

  /** Word 5-grams: datatrove's default and text-dedup's sample configuration. */
  public static final Shingling DEFAULT = new Shingling(Unit.WORD, 5);

  /** Odd multiplier of the rolling polynomial; any odd constant works since the terms are already hashed. */
  private static final long P = 0x9E3779B97F4A7C15L;

  public Shingling {
    Check.required("dedup.shingle.unit", unit);
    Check.atLeast("dedup.shingle.size", size, 1);
  }

  /*
   * How: each token (a word, or a char) is first hashed to 64 bits ({@link #wordHash}; a SplitMix64
   * finaliser of the char). A shingle's hash is the polynomial Σ_j t_j P^(n−1−j) mod 2⁶⁴ over its n token
   * hashes, updated in O(1) as the window slides, then passed through the SplitMix64 finaliser so every
   * output bit depends on every token. Two different shingles collide with probability about 2⁻⁶⁴; the
   * set-level Jaccard is therefore that of the shingle strings, up to that term.
   */

  /**
   * The hashes of all shingles of a normalised text, in text order, with repeats.
   *
   * @param text a normalised text
   * @param buffer a scratch array to reuse, or null; returned if large enough
   * @param countOut receives the number of valid entries in slot 0
   * @return an array whose first {@code countOut[0]} entries are the shingle hashes
   */
  long[] hashes(String text, long[] buffer, int[] countOut) {
    long[] tokens = unit == Unit.WORD ? wordHashes(text) : charHashes(text);
    int nTok = tokens.length == 0 ? 0 : (int) tokens[tokens.length - 1];
    int nSh = nTok == 0 ? 0 : Math.max(1, nTok - size + 1);
    long[] out = buffer != null && buffer.length >= nSh ? buffer : new long[Math.max(nSh, 16)];
    if (nTok > 0 && nTok < size) {
      long h = 0;
      for (int j = 0; j < nTok; j++) {
        h = h * P + tokens[j];
      }
      out[0] = mix(h + nTok);
    } else if (nTok > 0) {
      long top = 1; // P^(size-1)
      for (int j = 1; j < size; j++) {
        top *= P;
      }
      long h = 0;
      for (int j = 0; j < size; j++) {
        h = h * P + tokens[j];
      }
      out[0] = mix(h + size);
      for (int k = 1; k < nSh; k++) {
        h = (h - tokens[k - 1] * top) * P + tokens[k + size - 1];
        out[k] = mix(h + size);
      }
    }
    countOut[0] = nSh;
    return out;
  }

  /** The sorted, distinct shingle hashes of a normalised text: the set whose Jaccard index MinHash estimates. */
  public long[] set(String text) {
    int[] n = new int[1];
    long[] h = hashes(text, null, n);
    long[] s = Arrays.copyOf(h, n[0]);
    Arrays.sort(s);
    int m = 0;
    for (int i = 0; i < s.length; i++) {
      if (i == 0 || s[i] != s[i - 1]) {
        s[m++] = s[i];
      }
    }
    return Arrays.copyOf(s, m);
  }

  /** Word hashes followed by one slot holding their count (so that no second array is needed). */
  private static long[] wordHashes(String text) {
    long[] out = new long[Math.max(4, text.length() / 4 + 2)];
    int n = 0;
    int len = text.length();
    int i = 0;
    while (i < len) {
      while (i < len && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < len && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i > start) {
        if (n + 1 >= out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        out[n++] = wordHash(text, start, i);
      }
    }
    if (n + 1 > out.length) {
      out = Arrays.copyOf(out, n + 1);
    }
    out[out.length - 1] = n;
    return out;
  }

  private static long[] charHashes(String text) {
    int n = text.length();
    long[] out = new long[n + 1];
    for (int i = 0; i < n; i++) {
      out[i] = mix(text.charAt(i) + 0x632BE59BD9B4E019L);
    }
    out[n] = n;
    return out;
  }

  /**
   * A word's 64-bit hash: FNV-1a over its UTF-16 code units (Fowler, Noll and Vo), then the SplitMix64
   * finaliser. Inline and allocation-free; among a million distinct words the chance of any collision is
   * about 10⁶² / 2⁶⁵ ≈ 3·10⁻⁸.
   */
  static long wordHash(String text, int from, int to) {
    long h = 0xcbf29ce484222325L;
    for (int i = from; i < to; i++) {
      h = (h ^ text.charAt(i)) * 0x100000001b3L;
    }
    return mix(h);
  }

  /** SplitMix64 finaliser (Steele, Lea and Flood, OOPSLA 2014): a bijection with full avalanche. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
