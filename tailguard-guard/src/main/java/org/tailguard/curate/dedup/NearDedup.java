package org.tailguard.curate.dedup;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.Arrays;
import java.util.List;
import org.tailguard.random.RandomStreams;
import org.tailguard.spec.Check;

/**
 * MinHash-LSH near-duplicate detection with optional exact verification and deterministic union-find
 * clusters, in the four stages of datatrove's {@code MinhashDedup*} (signatures → buckets → union-find →
 * filter) and text-dedup's {@code minhash.py}.
 *
 * <p>Broder (1997) MinHash signatures ({@link MinHasher}) are cut into b bands of r rows ({@link LshParams});
 * documents sharing a band are candidate pairs, caught with probability 1 − (1 − s^r)^b at Jaccard s. With
 * verification on, a candidate pair is merged only if the exact Jaccard index of its shingle sets reaches the
 * threshold (text-dedup's {@code check_false_positive}, NeMo Curator's {@code false_positive_check}). Merged
 * pairs form connected components in a {@link UnionFind} whose representative is the smallest input index:
 * the first document of each cluster is kept, the others removed. The result depends only on the input and
 * the spec, not on the thread count.
 */
public final class NearDedup {
  private final NearDedupSpec spec;
  private final MinHasher hasher;

  /** A detector for one spec; its hash functions come from {@code RandomStreams.of(spec.seed())}. */
  public NearDedup(NearDedupSpec spec) {
    this.spec = Check.required("dedup", spec);
    this.hasher = new MinHasher(spec.numPerm(), RandomStreams.of(spec.seed()));
  }

  /** The spec, with (b, r) resolved. */
  public NearDedupSpec spec() {
    return spec;
  }

  /**
   * The outcome of a run.
   *
   * @param params the banding used
   * @param candidatePairs distinct candidate pairs, each packed as {@code (long) i << 32 | j} with i < j, sorted
   * @param jaccard the exact Jaccard index of each candidate pair, or NaN when verification is off
   * @param merged whether each candidate pair was merged (verified at or above the threshold, or unverified)
   * @param representative each document's cluster representative: the smallest index in its cluster
   */
  public record Result(LshParams params, long[] candidatePairs, double[] jaccard, boolean[] merged,
      int[] representative) {

    /** True if document i is kept (it represents its cluster). */
    public boolean kept(int i) {
      return representative[i] == i;
    }

    /** The number of documents removed as near duplicates. */
    public int removed() {
      int n = 0;
      for (int i = 0; i < representative.length; i++) {
        n += representative[i] == i ? 0 : 1;
      }
      return n;
    }

    /** The number of merged pairs. */
    public int mergedPairs() {
      int n = 0;
      for (boolean m : merged) {
        n += m ? 1 : 0;
      }
      return n;
    }

    /** The first index of a packed pair. */
    public static int first(long pair) {
      return (int) (pair >>> 32);
    }

    /** The second index of a packed pair. */
    public static int second(long pair) {
      return (int) pair;
    }
  }

  /** Runs all stages. */
  public Result run(List<String> texts, int threads) {
    Check.atLeast("dedup.threads", threads, 1);
    int[][] sigs = signatures(texts, threads);
    long[] pairs = candidatePairs(sigs, threads);
    return cluster(texts, pairs, threads);
  }

  /** Stage 1: the signature of every document (null for a document without shingles). */
  public int[][] signatures(List<String> texts, int threads) {
    int[][] sigs = new int[texts.size()][];
    ThreadLocal<long[]> scratch = ThreadLocal.withInitial(() -> new long[1024]);
    Parallel.forEach(texts.size(), threads, i -> sigs[i] = signature(texts.get(i), scratch));
    return sigs;
  }

  /** The signature of one text (normalise, shingle, MinHash). */
  public int[] signature(String text) {
    return signature(text, ThreadLocal.withInitial(() -> new long[1024]));
  }

  private int[] signature(String text, ThreadLocal<long[]> scratch) {
    int[] n = new int[1];
    long[] h = spec.shingling().hashes(spec.normalizer().normalize(text), scratch.get(), n);
    scratch.set(h);
    return hasher.signature(h, n[0]);
  }

  /** The exact shingle set of one text, as verification and ground truth see it. */
  public long[] shingleSet(String text) {
    return spec.shingling().set(spec.normalizer().normalize(text));
  }

  /**
   * Stage 2: distinct candidate pairs from band collisions, sorted.
   *
   * @param sigs signatures, null entries skipped
   * @param threads bands are bucketed in parallel; the sorted union is the same for any count
   */
  public long[] candidatePairs(int[][] sigs, int threads) {
    LshParams p = spec.lsh();
    long[][] perBand = new long[p.bands()][];
    Parallel.forEach(p.bands(), threads, band -> perBand[band] = bandPairs(sigs, band, p.rows()));
    int total = 0;
    for (long[] x : perBand) {
      total += x.length;
    }
    long[] all = new long[total];
    int o = 0;
    for (long[] x : perBand) {
      System.arraycopy(x, 0, all, o, x.length);
      o += x.length;
    }
    Arrays.parallelSort(all);
    int m = 0;
    for (int i = 0; i < all.length; i++) {
      if (i == 0 || all[i] != all[i - 1]) {
        all[m++] = all[i];
      }
    }
    return Arrays.copyOf(all, m);
  }

  /*
   * How a band is bucketed: documents are visited in index order; a hash map sends the band's 64-bit key to
   * the bucket's first document, and a per-document link chains the later members in ascending order. The
   * key hashes the r 32-bit rows with the SplitMix64 finaliser; two different row tuples share a key with
   * probability 2⁻⁶⁴ (datatrove compares the tuples themselves). A bucket of m ≤ maxBucket documents yields
   * all m(m − 1)/2 pairs; a larger one yields the m − 1 pairs (first, member), which joins the same component
   * unverified but may lose members whose verification against the first fails.
   */
  private long[] bandPairs(int[][] sigs, int band, int rows) {
    int n = sigs.length;
    Long2IntOpenHashMap head = new Long2IntOpenHashMap(n);
    head.defaultReturnValue(-1);
    int[] next = new int[n];
    int[] last = new int[n];
    int[] size = new int[n];
    Arrays.fill(next, -1);
    int from = band * rows;
    for (int i = 0; i < n; i++) {
      int[] s = sigs[i];
      if (s == null) {
        continue;
      }
      long key = band;
      for (int j = from; j < from + rows; j++) {
        key = Shingling.mix(key * 0x9E3779B97F4A7C15L + (s[j] & 0xFFFFFFFFL));
      }
      int h = head.putIfAbsent(key, i);
      if (h < 0) {
        last[i] = i;
        size[i] = 1;
      } else {
        next[last[h]] = i;
        last[h] = i;
        size[h]++;
      }
    }
    LongArrayList out = new LongArrayList();
    for (int h = 0; h < n; h++) {
      if (size[h] < 2) {
        continue;
      }
      if (size[h] > spec.maxBucket()) {
        for (int v = next[h]; v >= 0; v = next[v]) {
          out.add((long) h << 32 | v);
        }
        continue;
      }
      for (int u = h; u >= 0; u = next[u]) {
        for (int v = next[u]; v >= 0; v = next[v]) {
          out.add((long) u << 32 | v);
        }
      }
    }
    return out.toLongArray();
  }

  /** Stages 3 and 4: optional verification, then union-find over the merged pairs. */
  public Result cluster(List<String> texts, long[] pairs, int threads) {
    int n = texts.size();
    double[] jac = new double[pairs.length];
    boolean[] merged = new boolean[pairs.length];
    if (spec.verify()) {
      long[][] sets = new long[n][];
      boolean[] needed = new boolean[n];
      for (long pr : pairs) {
        needed[Result.first(pr)] = true;
        needed[Result.second(pr)] = true;
      }
      int[] ids = java.util.stream.IntStream.range(0, n).filter(i -> needed[i]).toArray();
      Parallel.forEach(ids.length, threads, k -> sets[ids[k]] = shingleSet(texts.get(ids[k])));
      Parallel.forEach(pairs.length, threads, k -> {
        jac[k] = Jaccard.of(sets[Result.first(pairs[k])], sets[Result.second(pairs[k])]);
        merged[k] = jac[k] >= spec.threshold();
      });
    } else {
      Arrays.fill(jac, Double.NaN);
      Arrays.fill(merged, true);
    }
    UnionFind uf = new UnionFind(n);
    for (int k = 0; k < pairs.length; k++) {
      if (merged[k]) {
        uf.union(Result.first(pairs[k]), Result.second(pairs[k]));
      }
    }
    return new Result(spec.lsh(), pairs, jac, merged, uf.roots());
  }
}
