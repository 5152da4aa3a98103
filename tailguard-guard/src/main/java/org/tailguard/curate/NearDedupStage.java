package org.tailguard.curate;

import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.ArrayList;
import java.util.List;
import org.tailguard.curate.dedup.LshParams;
import org.tailguard.curate.dedup.NearDedup;
import org.tailguard.curate.dedup.NearDedupSpec;
import org.tailguard.curate.dedup.Shingling;
import org.tailguard.curate.dedup.TextNormalizer;
import org.tailguard.curate.dedup.UnionFind;
import org.tailguard.spec.Check;
import org.tailguard.spec.SpecException;

/**
 * MinHash-LSH near-deduplication across all shards, in datatrove's four steps (signatures per shard, buckets
 * per band, union-find, filter): the key of a document is its {@link NearDedup} signature's b band hashes,
 * followed by the signature itself when verification is on. Documents sharing a band bucket are candidates
 * of the bucket's first document (global order); with {@code verify} a candidate is merged only if the
 * MinHash estimate of its Jaccard similarity to that document reaches the threshold (text-dedup's
 * false-positive check, here on the signature rather than the shingle sets, because the global step sees
 * keys, not texts). Clusters are min-index union-find components; all but the first document of each are
 * removed with reason {@code near_duplicate} and the estimated similarity to the kept one as score.
 *
 * <p>Defaults as {@link NearDedupSpec#DEFAULT}: word 5-grams, 128 permutations, threshold 0.7, (b, r) from
 * text-dedup's optimiser, seed 42. Memory of the global step: the keys, (b + k/2) longs per document.
 */
public final class NearDedupStage implements GlobalStage {

  /**
   * The settings; null fields take the defaults above.
   *
   * @param name the stage name (default {@code near_dedup})
   * @param threshold the Jaccard threshold (0.7)
   * @param numPerm signature length (128)
   * @param shingleSize word n-gram size (5)
   * @param bands LSH bands, with {@code rows} (default: chosen from the threshold)
   * @param rows LSH rows per band
   * @param verify check candidates' estimated similarity (true)
   * @param seed the hash functions' seed (42)
   */
  public record Config(String name, Double threshold, Integer numPerm, Integer shingleSize, Integer bands,
      Integer rows, Boolean verify, Long seed) implements StageConfig {
    public Config {
      name = name == null ? "near_dedup" : Check.name("name", name);
      threshold = threshold == null ? 0.7 : threshold;
      if (!(threshold > 0 && threshold < 1)) {
        throw new SpecException("threshold", "must be in (0, 1), got " + threshold);
      }
      numPerm = numPerm == null ? 128 : Check.atLeast("num_perm", numPerm, 2);
      shingleSize = shingleSize == null ? 5 : Check.atLeast("shingle_size", shingleSize, 1);
      if ((bands == null) != (rows == null)) {
        throw new SpecException("bands", "give bands and rows together, or neither");
      }
      if (bands != null && (bands < 1 || rows < 1 || bands * rows > numPerm)) {
        throw new SpecException("bands", "bands x rows must be at most num_perm = " + numPerm + ", got " + bands
            + " x " + rows);
      }
      verify = verify == null || verify;
      seed = seed == null ? 42L : seed;
    }

    /** The defaults. */
    public static Config defaults() {
      return new Config(null, null, null, null, null, null, null, null);
    }

    NearDedupSpec spec() {
      return new NearDedupSpec(TextNormalizer.DEFAULT, new Shingling(Shingling.Unit.WORD, shingleSize), numPerm,
          threshold, bands == null ? null : new LshParams(bands, rows), verify, seed, 256);
    }

    @Override
    public Stage build(StageContext context) {
      return new NearDedupStage(this);
    }
  }

  private final Config c;
  private final NearDedup dedup;
  private final LshParams lsh;

  NearDedupStage(Config c) {
    this.c = c;
    this.dedup = new NearDedup(c.spec());
    this.lsh = dedup.spec().lsh();
  }

  @Override
  public String name() {
    return c.name();
  }

  /** The banding used. */
  public LshParams lsh() {
    return lsh;
  }

  @Override
  public Histogram.Spec histogram() {
    return new Histogram.Spec("estimated_jaccard", 0, 1, 20);
  }

  @Override
  public long[] key(Doc doc) {
    int[] sig = dedup.signature(doc.text());
    if (sig == null) {
      return new long[0];
    }
    int b = lsh.bands();
    int r = lsh.rows();
    long[] key = new long[b + (c.verify() ? (sig.length + 1) / 2 : 0)];
    for (int band = 0; band < b; band++) {
      long h = band * 0x9E3779B97F4A7C15L;
      for (int j = band * r; j < (band + 1) * r; j++) {
        h = mix(h * 0x9E3779B97F4A7C15L + (sig[j] & 0xFFFFFFFFL));
      }
      key[band] = h;
    }
    if (c.verify()) {
      for (int j = 0; j < sig.length; j++) {
        key[b + j / 2] |= (sig[j] & 0xFFFFFFFFL) << (j % 2 == 0 ? 32 : 0);
      }
    }
    return key;
  }

  @Override
  public List<Removal> decide(List<long[][]> keys) {
    int[] shardOf = GlobalIndex.shards(keys);
    int[] posOf = GlobalIndex.positions(keys);
    long[][] flat = GlobalIndex.flatten(keys);
    int n = flat.length;
    UnionFind uf = new UnionFind(n);
    int[] order = new int[n];
    for (int band = 0; band < lsh.bands(); band++) {
      int m = 0;
      for (int i = 0; i < n; i++) {
        if (flat[i].length > 0) {
          order[m++] = i;
        }
      }
      final int bd = band;
      IntArrays.quickSort(order, 0, m, (a, b) -> {
        int cmp = Long.compare(flat[a][bd], flat[b][bd]);
        return cmp != 0 ? cmp : Integer.compare(a, b);
      });
      int first = -1;
      for (int k = 0; k < m; k++) {
        int i = order[k];
        if (first >= 0 && flat[first][bd] == flat[i][bd]) {
          if (!c.verify() || similarity(flat[first], flat[i]) >= c.threshold()) {
            uf.union(first, i);
          }
        } else {
          first = i;
        }
      }
    }
    int[] root = uf.roots();
    List<Removal> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (root[i] != i) {
        double s = c.verify() ? similarity(flat[root[i]], flat[i]) : Double.NaN;
        out.add(new Removal(shardOf[i], posOf[i], "near_duplicate", s, shardOf[root[i]], posOf[root[i]]));
      }
    }
    return out;
  }

  /** The MinHash estimate of Jaccard similarity from the signatures packed after the band keys. */
  private double similarity(long[] x, long[] y) {
    int b = lsh.bands();
    int k = c.numPerm();
    int eq = 0;
    for (int j = 0; j < k; j++) {
      int shift = j % 2 == 0 ? 32 : 0;
      eq += (int) (x[b + j / 2] >>> shift) == (int) (y[b + j / 2] >>> shift) ? 1 : 0;
    }
    return eq / (double) k;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

}
