package org.tailguard.curate.dedup;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.tailguard.spec.Check;

/**
 * A labelled near-duplicate set: real documents, edited copies of some of them at controlled edit rates, and
 * the exact Jaccard index of every pair of documents that shares a shingle.
 *
 * <p>Edits follow the attack vocabulary of MarkLLM ({@code WordDeletion}, {@code SynonymSubstitution}) and of
 * near-duplicate benchmarks: word deletion, insertion and substitution (each word independently with
 * probability p; inserted and substituted words are drawn uniformly from the words of the pool), reordering
 * (moves of {@value #BLOCK}-word blocks to random places, ⌈p·W / {@value #BLOCK}⌉ moves for a W-word document),
 * a mix of all four at p/4 each, and cosmetic changes (case, spacing and punctuation only, which the
 * normaliser undoes). The ground truth is not assumed from the edit rate: the Jaccard index of every pair
 * sharing at least one shingle is computed exactly from the shingle sets (an inverted index over shingles);
 * all other pairs have index 0. Documents are shuffled, so copies are not adjacent to their sources.
 *
 * @param docs the documents, shuffled
 * @param labels for each document, how it was made
 * @param pairs every pair sharing a shingle, packed {@code (long) i << 32 | j} with i < j, sorted
 * @param jaccard the exact Jaccard index of each such pair
 */
public record NearDuplicateSet(List<String> docs, List<Label> labels, long[] pairs, double[] jaccard) {

  static final int BLOCK = 8;

  /** How a document was edited. */
  public enum Edit {
    NONE,
    DELETE,
    INSERT,
    SUBSTITUTE,
    REORDER,
    MIXED,
    COSMETIC
  }

  /** A document's origin: its source document's index in {@link #docs} (itself if unedited), edit and rate. */
  public record Label(int source, Edit edit, double rate) {}

  /** Edit rates, denser near the rates that bring word 5-gram Jaccard near 0.5–0.9. */
  public static final double[] RATES = {
      0.005, 0.01, 0.015, 0.02, 0.025, 0.03, 0.035, 0.04, 0.05, 0.06, 0.08, 0.1, 0.15, 0.2, 0.3};

  /**
   * Builds a set.
   *
   * @param pool candidate source documents (for example {@link CorpusTexts#bundledChunks})
   * @param originals how many distinct pool documents to use, at most the pool size
   * @param copies how many edited copies to make, each of a random original
   * @param detector the shingling and normalisation that define the ground-truth Jaccard
   * @param rng the seeded stream for sampling and edits
   */
  public static NearDuplicateSet build(List<String> pool, int originals, int copies, NearDedup detector,
      UniformRandomProvider rng) {
    Check.atLeast("labelled.originals", originals, 2);
    Check.atLeast("labelled.copies", copies, 0);
    if (originals > pool.size()) {
      throw new org.tailguard.spec.SpecException("labelled.originals", "must be at most the pool size "
          + pool.size() + ", got " + originals);
    }
    int[] pick = PermutationSampler.natural(pool.size());
    PermutationSampler.shuffle(rng, pick);
    List<String> vocab = new ArrayList<>();
    List<String> raw = new ArrayList<>();
    List<Label> lab = new ArrayList<>();
    for (int i = 0; i < originals; i++) {
      String d = pool.get(pick[i]);
      raw.add(d);
      lab.add(new Label(i, Edit.NONE, 0));
      vocab.addAll(Arrays.asList(d.trim().split("\\s+")));
    }
    Edit[] kinds = {Edit.DELETE, Edit.INSERT, Edit.SUBSTITUTE, Edit.REORDER, Edit.MIXED, Edit.COSMETIC};
    for (int c = 0; c < copies; c++) {
      int src = rng.nextInt(originals);
      Edit e = kinds[rng.nextInt(kinds.length)];
      double rate = e == Edit.COSMETIC ? 0 : RATES[rng.nextInt(RATES.length)];
      raw.add(edit(raw.get(src), e, rate, vocab, rng));
      lab.add(new Label(src, e, rate));
    }
    // Shuffle, remapping each label's source to the source's new position.
    int n = raw.size();
    int[] perm = PermutationSampler.natural(n);
    PermutationSampler.shuffle(rng, perm);
    int[] newPos = new int[n];
    for (int k = 0; k < n; k++) {
      newPos[perm[k]] = k;
    }
    List<String> docs = new ArrayList<>(n);
    List<Label> labels = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      docs.add(raw.get(perm[k]));
      Label l = lab.get(perm[k]);
      labels.add(new Label(newPos[l.source()], l.edit(), l.rate()));
    }
    long[][] sets = new long[n][];
    for (int i = 0; i < n; i++) {
      sets[i] = detector.shingleSet(docs.get(i));
    }
    long[][] truth = allPairs(sets);
    double[] jac = new double[truth[0].length];
    for (int k = 0; k < jac.length; k++) {
      long p = truth[0][k];
      int inter = (int) truth[1][k];
      int union = sets[(int) (p >>> 32)].length + sets[(int) p].length - inter;
      jac[k] = inter / (double) union;
    }
    return new NearDuplicateSet(List.copyOf(docs), List.copyOf(labels), truth[0], jac);
  }

  /** The pairs at or above a threshold. */
  public long[] truePairs(double threshold) {
    return java.util.stream.IntStream.range(0, pairs.length).filter(k -> jaccard[k] >= threshold)
        .mapToLong(k -> pairs[k]).toArray();
  }

  /** The exact Jaccard index of a pair, 0 if it shares no shingle. */
  public double jaccardOf(int i, int j) {
    long key = (long) Math.min(i, j) << 32 | Math.max(i, j);
    int k = Arrays.binarySearch(pairs, key);
    return k >= 0 ? jaccard[k] : 0;
  }

  /** A one-line description: sizes and edit counts. */
  public String describe(double threshold) {
    int[] perKind = new int[Edit.values().length];
    for (Label l : labels) {
      perKind[l.edit().ordinal()]++;
    }
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "%d documents, %d pairs share a shingle, %d pairs at Jaccard >= %.2f; edits:", docs.size(), pairs.length,
        truePairs(threshold).length, threshold));
    for (Edit e : Edit.values()) {
      sb.append(' ').append(e.name().toLowerCase(Locale.ROOT)).append('=').append(perKind[e.ordinal()]);
    }
    return sb.toString();
  }

  static String edit(String doc, Edit e, double p, List<String> vocab, UniformRandomProvider rng) {
    String[] w = doc.trim().split("\\s+");
    List<String> out = new ArrayList<>(w.length + 8);
    switch (e) {
      case NONE -> out.addAll(Arrays.asList(w));
      case DELETE -> {
        for (String x : w) {
          if (rng.nextDouble() >= p) {
            out.add(x);
          }
        }
      }
      case INSERT -> {
        for (String x : w) {
          out.add(x);
          if (rng.nextDouble() < p) {
            out.add(vocab.get(rng.nextInt(vocab.size())));
          }
        }
      }
      case SUBSTITUTE -> {
        for (String x : w) {
          out.add(rng.nextDouble() < p ? vocab.get(rng.nextInt(vocab.size())) : x);
        }
      }
      case REORDER -> {
        out.addAll(Arrays.asList(w));
        int moves = (int) Math.ceil(p * w.length / BLOCK);
        for (int m = 0; m < moves && out.size() > 2 * BLOCK; m++) {
          int from = rng.nextInt(out.size() - BLOCK + 1);
          List<String> block = new ArrayList<>(out.subList(from, from + BLOCK));
          out.subList(from, from + BLOCK).clear();
          out.addAll(rng.nextInt(out.size() + 1), block);
        }
      }
      case MIXED -> {
        String s = doc;
        for (Edit sub : new Edit[] {Edit.DELETE, Edit.INSERT, Edit.SUBSTITUTE, Edit.REORDER}) {
          s = edit(s, sub, p / 4, vocab, rng);
        }
        return s;
      }
      case COSMETIC -> {
        StringBuilder sb = new StringBuilder();
        for (String x : w) {
          String y = switch (rng.nextInt(4)) {
            case 0 -> x.toUpperCase(Locale.ROOT);
            case 1 -> x + ",";
            default -> x;
          };
          if (!sb.isEmpty()) {
            sb.append(rng.nextInt(3) == 0 ? "  \n " : " ");
          }
          sb.append(y);
        }
        return sb.toString();
      }
      default -> throw new IllegalStateException("unhandled edit " + e);
    }
    return String.join(" ", out);
  }

  /** Every pair sharing a shingle and the size of its intersection, by an inverted index. */
  static long[][] allPairs(long[][] sets) {
    Long2ObjectOpenHashMap<IntArrayList> postings = new Long2ObjectOpenHashMap<>();
    for (int i = 0; i < sets.length; i++) {
      for (long s : sets[i]) {
        postings.computeIfAbsent(s, x -> new IntArrayList(2)).add(i);
      }
    }
    Long2IntOpenHashMap inter = new Long2IntOpenHashMap();
    for (IntArrayList docs : postings.values()) {
      int[] d = docs.toIntArray(); // ascending: documents were added in index order
      for (int a = 0; a < d.length; a++) {
        for (int b = a + 1; b < d.length; b++) {
          inter.addTo((long) d[a] << 32 | d[b], 1);
        }
      }
    }
    long[] keys = inter.keySet().toLongArray();
    Arrays.sort(keys);
    long[] counts = new long[keys.length];
    for (int k = 0; k < keys.length; k++) {
      counts[k] = inter.get(keys[k]);
    }
    return new long[][] {keys, counts};
  }
}
