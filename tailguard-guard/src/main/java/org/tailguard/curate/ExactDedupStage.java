package org.tailguard.curate;

import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.ArrayList;
import java.util.List;
import org.tailguard.curate.dedup.ExactDedup;
import org.tailguard.curate.dedup.TextNormalizer;
import org.tailguard.spec.Check;

/**
 * Exact deduplication across all shards: {@link ExactDedup}'s 128-bit XXH3 hash of the normalised text
 * ({@link TextNormalizer#DEFAULT}, or the raw text with {@code normalize: false}) as the key, and the first
 * document in the global order (shard, then position) kept, as datatrove's exact dedup keeps the first by
 * priority then id. Removed documents get reason {@code exact_duplicate} and score 1.
 *
 * <p>The decision sorts an index array by (hash, global position): 12 bytes of arrays per document and no
 * per-document objects beyond the keys.
 */
public final class ExactDedupStage implements GlobalStage {

  /**
   * The settings.
   *
   * @param name the stage name (default {@code exact_dedup})
   * @param normalize hash the normalised text (true, the default) or the raw text
   */
  public record Config(String name, Boolean normalize) implements StageConfig {
    public Config {
      name = name == null ? "exact_dedup" : Check.name("name", name);
      normalize = normalize == null || normalize;
    }

    /** The defaults. */
    public static Config defaults() {
      return new Config(null, null);
    }

    @Override
    public Stage build(StageContext context) {
      return new ExactDedupStage(name, new ExactDedup(normalize ? TextNormalizer.DEFAULT : TextNormalizer.NONE));
    }
  }

  private final String name;
  private final ExactDedup dedup;

  ExactDedupStage(String name, ExactDedup dedup) {
    this.name = name;
    this.dedup = dedup;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long[] key(Doc doc) {
    ExactDedup.Hash h = dedup.hash(doc.text());
    return new long[] {h.high(), h.low()};
  }

  @Override
  public List<Removal> decide(List<long[][]> keys) {
    int[] shardOf = GlobalIndex.shards(keys);
    int[] posOf = GlobalIndex.positions(keys);
    long[][] flat = GlobalIndex.flatten(keys);
    int n = flat.length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    IntArrays.quickSort(order, (a, b) -> {
      int c = Long.compare(flat[a][0], flat[b][0]);
      if (c == 0) {
        c = Long.compare(flat[a][1], flat[b][1]);
      }
      return c != 0 ? c : Integer.compare(a, b);
    });
    List<Removal> out = new ArrayList<>();
    int first = -1;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      if (first >= 0 && flat[first][0] == flat[i][0] && flat[first][1] == flat[i][1]) {
        out.add(new Removal(shardOf[i], posOf[i], "exact_duplicate", 1, shardOf[first], posOf[first]));
      } else {
        first = i;
      }
    }
    out.sort(null);
    return out;
  }
}
