package org.tailguard.models.categorical;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.models.Dataset;

/**
 * A sample of categorical outcomes stored as counts over K outcomes: the sufficient statistic of the
 * categorical model (Shumailov et al., Nature 2024, the discrete case).
 *
 * <p>Only outcomes with a positive count are stored, in increasing outcome order, so a collapsed sample
 * costs O(support) however large K is. {@link #concat} adds counts (the pooled data of {@code accumulate});
 * {@link #subsample} draws without replacement, which for counts is a multivariate hypergeometric draw
 * (Kazdan et al., arXiv 2410.16713, accumulate-subsample). Immutable: the arrays are never handed out for
 * writing.
 */
public final class Counts implements Dataset<Counts> {
  private static final int[] NONE = new int[0];

  private final int outcomes;
  private final int[] index; // outcomes with a positive count, strictly increasing
  private final int[] count; // their counts, all positive
  private final int size;

  /** Trusted constructor: index strictly increasing within [0, outcomes), counts positive, total fits an int. */
  Counts(int outcomes, int[] index, int[] count, int size) {
    this.outcomes = outcomes;
    this.index = index;
    this.count = count;
    this.size = size;
  }

  /**
   * Counts given densely: {@code counts[i]} draws of outcome i.
   *
   * @throws IllegalArgumentException if a count is negative or the total exceeds {@link Integer#MAX_VALUE}
   */
  public static Counts of(int[] counts) {
    if (counts.length == 0) {
      throw new IllegalArgumentException("counts need at least one outcome");
    }
    int s = 0;
    long total = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0) {
        throw new IllegalArgumentException("count of outcome " + i + " is negative: " + counts[i]);
      }
      s += counts[i] > 0 ? 1 : 0;
      total += counts[i];
    }
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("total count " + total + " exceeds " + Integer.MAX_VALUE);
    }
    int[] idx = new int[s];
    int[] cnt = new int[s];
    for (int i = 0, j = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        idx[j] = i;
        cnt[j++] = counts[i];
      }
    }
    return new Counts(counts.length, idx, cnt, (int) total);
  }

  /** An empty sample over {@code outcomes} outcomes. */
  public static Counts empty(int outcomes) {
    if (outcomes < 1) {
      throw new IllegalArgumentException("counts need at least one outcome, got " + outcomes);
    }
    return new Counts(outcomes, NONE, NONE, 0);
  }

  /** K, the number of possible outcomes. */
  public int outcomes() {
    return outcomes;
  }

  /** The number of draws, Σ counts. */
  @Override
  public int size() {
    return size;
  }

  /** The number of distinct outcomes drawn. */
  public int support() {
    return index.length;
  }

  /** The j-th outcome drawn, in increasing order; j < {@link #support()}. */
  public int outcome(int j) {
    return index[j];
  }

  /** The count of the j-th outcome drawn; j < {@link #support()}. */
  public int countAt(int j) {
    return count[j];
  }

  /** The count of outcome i, 0 if it was not drawn; O(log support). */
  public int count(int i) {
    int j = Arrays.binarySearch(index, i);
    return j >= 0 ? count[j] : 0;
  }

  /** The counts of all K outcomes (a new array). */
  public int[] toDense() {
    int[] d = new int[outcomes];
    for (int j = 0; j < index.length; j++) {
      d[index[j]] = count[j];
    }
    return d;
  }

  /** The outcomes drawn, increasing; shared, callers in this package must not modify it. */
  int[] indexArray() {
    return index;
  }

  /** The counts of {@link #indexArray()}; shared, callers in this package must not modify it. */
  int[] countArray() {
    return count;
  }

  @Override
  public Counts concat(Counts other) {
    if (other.outcomes != outcomes) {
      throw new IllegalArgumentException("cannot pool counts over " + outcomes + " and " + other.outcomes + " outcomes");
    }
    int total = Math.addExact(size, other.size);
    int[] a = index;
    int[] b = other.index;
    int[] idx = new int[a.length + b.length];
    int[] cnt = new int[idx.length];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < a.length || j < b.length) {
      if (j == b.length || (i < a.length && a[i] < b[j])) {
        idx[k] = a[i];
        cnt[k++] = count[i++];
      } else if (i == a.length || b[j] < a[i]) {
        idx[k] = b[j];
        cnt[k++] = other.count[j++];
      } else {
        idx[k] = a[i];
        cnt[k++] = count[i++] + other.count[j++];
      }
    }
    return k == idx.length ? new Counts(outcomes, idx, cnt, total)
        : new Counts(outcomes, Arrays.copyOf(idx, k), Arrays.copyOf(cnt, k), total);
  }

  /**
   * {@code n} draws without replacement: a multivariate hypergeometric sample of these counts.
   *
   * <p>The draws are taken one at a time, each uniform over the items left, found by descending a Fenwick
   * tree of the remaining counts (Fenwick, Softw. Pract. Exp. 24, 1994): O(support + n log support), exact.
   */
  @Override
  public Counts subsample(int n, UniformRandomProvider rng) {
    if (n < 0 || n > size) {
      throw new IllegalArgumentException("cannot draw " + n + " of " + size + " counts without replacement");
    }
    if (n == size) {
      return this;
    }
    int s = index.length;
    int[] tree = new int[s + 1]; // 1-based Fenwick tree of the remaining counts
    for (int j = 0; j < s; j++) {
      tree[j + 1] += count[j];
      int parent = (j + 1) + ((j + 1) & -(j + 1));
      if (parent <= s) {
        tree[parent] += tree[j + 1];
      }
    }
    int top = Integer.highestOneBit(s);
    int[] taken = new int[s];
    int left = size;
    for (int d = 0; d < n; d++) {
      int u = rng.nextInt(left); // the u-th remaining item, 0-based
      int pos = 0;
      for (int step = top; step > 0; step >>= 1) {
        int next = pos + step;
        if (next <= s && tree[next] <= u) {
          pos = next;
          u -= tree[next];
        }
      }
      taken[pos]++; // pos is the 0-based category whose cumulative count first exceeds u
      for (int i = pos + 1; i <= s; i += i & -i) {
        tree[i]--;
      }
      left--;
    }
    return compact(outcomes, index, taken, n);
  }

  /** Keeps the positive entries of {@code counts}, which are aligned with {@code outcomesOf}. */
  static Counts compact(int outcomes, int[] outcomesOf, int[] counts, int total) {
    int k = 0;
    for (int c : counts) {
      k += c > 0 ? 1 : 0;
    }
    int[] idx = new int[k];
    int[] cnt = new int[k];
    for (int j = 0, i = 0; j < counts.length; j++) {
      if (counts[j] > 0) {
        idx[i] = outcomesOf[j];
        cnt[i++] = counts[j];
      }
    }
    return new Counts(outcomes, idx, cnt, total);
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeInt(outcomes);
    out.writeInt(index.length);
    for (int j = 0; j < index.length; j++) {
      out.writeInt(index[j]);
      out.writeInt(count[j]);
    }
  }

  /** Reads counts written by {@link #write}, checking every invariant. */
  public static Counts read(DataInput in) throws IOException {
    int k = in.readInt();
    int s = in.readInt();
    if (k < 1 || s < 0 || s > k) {
      throw new IOException("corrupt counts record: " + k + " outcomes, support " + s);
    }
    int[] idx = new int[s];
    int[] cnt = new int[s];
    long total = 0;
    for (int j = 0; j < s; j++) {
      idx[j] = in.readInt();
      cnt[j] = in.readInt();
      if (idx[j] < 0 || idx[j] >= k || (j > 0 && idx[j] <= idx[j - 1]) || cnt[j] < 1) {
        throw new IOException("corrupt counts record: entry " + j + " is outcome " + idx[j] + " with count " + cnt[j]);
      }
      total += cnt[j];
    }
    if (total > Integer.MAX_VALUE) {
      throw new IOException("corrupt counts record: total " + total + " exceeds " + Integer.MAX_VALUE);
    }
    return new Counts(k, idx, cnt, (int) total);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Counts c && c.outcomes == outcomes && c.size == size && Arrays.equals(c.index, index)
        && Arrays.equals(c.count, count);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * outcomes + Arrays.hashCode(index)) + Arrays.hashCode(count);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("Counts[K=").append(outcomes).append(", n=").append(size).append(", {");
    int shown = Math.min(index.length, 20);
    for (int j = 0; j < shown; j++) {
      b.append(j == 0 ? "" : ", ").append(index[j]).append('=').append(count[j]);
    }
    return b.append(index.length > shown ? ", …}]" : "}]").toString();
  }
}
