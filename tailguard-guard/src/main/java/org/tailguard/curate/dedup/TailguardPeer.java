package org.tailguard.curate.dedup;

import java.util.Arrays;
import java.util.List;

/** Our {@link NearDedup} as a benchmark peer, on a given number of threads. */
final class TailguardPeer implements DedupPeer {
  private final int threads;
  private final boolean verify;
  private NearDedup dedup;

  TailguardPeer(int threads, boolean verify) {
    this.threads = threads;
    this.verify = verify;
  }

  @Override
  public String name() {
    return "tailguard" + (verify ? "" : "-noverify") + (threads > 1 ? "-" + threads + "t" : "");
  }

  @Override
  public String method() {
    return "k multiply-add-shift hashes of 64-bit word-shingle hashes, 32-bit minima; b x r banding (AND within a "
        + "band, OR across bands)" + (verify ? ", exact Jaccard check of every candidate" : ", no verification")
        + ", min-index union-find";
  }

  @Override
  public void configure(int shingleSize, int numPerm, LshParams lsh) {
    NearDedupSpec s = new NearDedupSpec(TextNormalizer.NONE, new Shingling(Shingling.Unit.WORD, shingleSize),
        numPerm, 0.5, lsh, verify, 42L, NearDedupSpec.DEFAULT.maxBucket());
    dedup = new NearDedup(s);
  }

  @Override
  public int cores() {
    return threads;
  }

  @Override
  public long[][] signatures(List<String> texts) {
    int[][] sigs = dedup.signatures(texts, threads);
    long[][] out = new long[sigs.length][];
    for (int i = 0; i < sigs.length; i++) {
      out[i] = sigs[i] == null ? null : Arrays.stream(sigs[i]).asLongStream().toArray();
    }
    return out;
  }

  @Override
  public boolean searches() {
    return true;
  }

  @Override
  public long[] search(List<String> texts, double threshold) {
    NearDedup d = new NearDedup(dedup.spec().withThreshold(threshold).withLsh(dedup.spec().lsh()));
    NearDedup.Result r = d.run(texts, threads);
    return java.util.stream.IntStream.range(0, r.candidatePairs().length).filter(k -> r.merged()[k])
        .mapToLong(k -> r.candidatePairs()[k]).toArray();
  }
}
