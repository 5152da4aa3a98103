package org.tailguard.curate;

import com.dynatrace.hash4j.hashing.Hashing;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a training set that meets a {@link MixtureSpec}'s quotas exactly and deterministically.
 *
 * <p><b>Quotas.</b> Source i's target is T_i = ⌊w_i · B⌋ for budget B, plus one unit for the sources with the
 * largest remainders w_i·B − T_i until the targets sum to B (Hamilton's method; ties go to the earlier source).
 *
 * <p><b>Order.</b> A source's kept documents are ranked by a 64-bit XXH3 hash of (seed, source, document id):
 * a seeded random order that depends on neither the shard layout nor the thread count.
 *
 * <p><b>Exactly, by tokens</b> (words, as {@code wc -w}). With {@code overflow: truncate}, documents are taken
 * in rank order while they fit; the first that does not is cut at a word boundary to fill the remainder, so
 * the source contributes exactly T_i tokens whenever it has at least T_i. With {@code overflow: skip}, a
 * document that does not fit is passed over and later ones that fit are still taken (first fit in rank
 * order), so the source contributes at most T_i and no unselected document would fit into what is left.
 * <b>By documents</b>, the first T_i in rank order. A source with less than T_i contributes all it has and
 * the difference is reported as its shortfall; other sources are not topped up, so the proportions hold.
 */
public final class Mixer {
  private Mixer() {}

  /**
   * The outcome for one source.
   *
   * @param source the source
   * @param target T_i in the budget's unit
   * @param available the kept documents' total in that unit
   * @param selected what was taken (equal to the target unless short, or less with {@code skip})
   * @param documents documents taken
   * @param shortfall target − available when positive, else 0
   * @param truncated documents cut to fit (0 or 1)
   * @param file the source's part of the training set
   */
  public record Quota(String source, long target, long available, long selected, long documents, long shortfall,
      int truncated, Path file) {}

  /** The largest-remainder split of {@code total} by weights (which sum to 1). */
  public static long[] targets(long total, double[] weights) {
    long[] t = new long[weights.length];
    double[] rem = new double[weights.length];
    long sum = 0;
    for (int i = 0; i < t.length; i++) {
      double exact = weights[i] * total;
      t[i] = (long) Math.floor(exact + 1e-9);
      rem[i] = exact - t[i];
      sum += t[i];
    }
    Integer[] order = new Integer[t.length];
    for (int i = 0; i < t.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> rem[a] != rem[b] ? Double.compare(rem[b], rem[a]) : Integer.compare(a, b));
    for (int k = 0; sum < total; k = (k + 1) % t.length) {
      t[order[k]]++;
      sum++;
    }
    return t;
  }

  /** The rank of a document: XXH3-64 of (seed, source, id). */
  static long rank(long seed, String source, String id) {
    return Hashing.xxh3_64().hashStream().putLong(seed).putString(source).putString(id).getAsLong();
  }

  /**
   * Selects each source's documents and writes them to {@code outDir/SOURCE.jsonl.zst}.
   *
   * @param spec the mixture
   * @param kept each source's kept-document files, by source name, in shard order
   * @param outDir the training set's folder
   * @return the quotas, in spec order
   */
  public static List<Quota> mix(MixtureSpec spec, Map<String, List<Path>> kept, Path outDir) {
    double[] w = spec.sources().stream().mapToDouble(MixtureSpec.Source::weight).toArray();
    long[] targets = targets(spec.budget().total(), w);
    boolean tokens = spec.budget().tokens();
    boolean truncate = spec.budget().overflow().equals("truncate");
    List<Quota> out = new ArrayList<>();
    for (int s = 0; s < targets.length; s++) {
      String name = spec.sources().get(s).name();
      out.add(select(spec.seed(), name, kept.getOrDefault(name, List.of()), targets[s], tokens, truncate,
          outDir.resolve(name + ".jsonl.zst")));
    }
    return out;
  }

  private static Quota select(long seed, String source, List<Path> files, long target, boolean tokens,
      boolean truncate, Path outFile) {
    // Pass 1: rank and size of every kept document.
    LongArrayList ranks = new LongArrayList();
    LongArrayList where = new LongArrayList(); // file << 32 | position
    LongArrayList sizes = new LongArrayList();
    for (int f = 0; f < files.size(); f++) {
      try (DocReader r = DocReader.open(files.get(f), source)) {
        int pos = 0;
        while (r.hasNext()) {
          Doc d = r.next();
          ranks.add(rank(seed, source, d.id()));
          where.add((long) f << 32 | pos++);
          sizes.add(tokens ? d.words() : 1);
        }
      }
    }
    int n = ranks.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    IntArrays.quickSort(order, (a, b) -> ranks.getLong(a) != ranks.getLong(b)
        ? Long.compare(ranks.getLong(a), ranks.getLong(b)) : Long.compare(where.getLong(a), where.getLong(b)));
    long available = 0;
    for (int i = 0; i < n; i++) {
      available += sizes.getLong(i);
    }
    // Selection in rank order; take[i] = words to keep of document i (0: not taken).
    Map<Long, Long> take = new LinkedHashMap<>();
    long left = target;
    int truncated = 0;
    for (int k = 0; k < n && left > 0; k++) {
      int i = order[k];
      long size = sizes.getLong(i);
      if (size <= left) {
        take.put(where.getLong(i), size);
        left -= size;
      } else if (truncate) {
        take.put(where.getLong(i), left);
        left = 0;
        truncated = 1;
      }
    }
    // Pass 2: write the taken documents in shard order.
    long docs = 0;
    long selected = 0;
    try (DocWriter w = DocWriter.create(outFile)) {
      for (int f = 0; f < files.size(); f++) {
        try (DocReader r = DocReader.open(files.get(f), source)) {
          long pos = 0;
          while (r.hasNext()) {
            Doc d = r.next();
            Long k = take.get((long) f << 32 | pos++);
            if (k == null) {
              continue;
            }
            if (tokens && k < d.words()) {
              d = d.withText(Words.prefix(d.text(), (int) (long) k)).withMetadata("truncated_from_words",
                  Integer.toString(d.words()));
            }
            w.write(d);
            docs++;
            selected += tokens ? d.words() : 1;
          }
        }
      }
      w.commit();
    }
    return new Quota(source, target, available, selected, docs, Math.max(0, target - available), truncated, outFile);
  }
}
