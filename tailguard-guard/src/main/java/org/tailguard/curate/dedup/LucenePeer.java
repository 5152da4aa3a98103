package org.tailguard.curate.dedup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.minhash.MinHashFilter;
import org.apache.lucene.analysis.shingle.ShingleFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Lucene's {@code MinHashFilter} (lucene-analysis-common) as a signature peer, behind a
 * {@code WhitespaceTokenizer} and a {@code ShingleFilter} of n-word shingles only.
 *
 * <p>Two configurations. <em>k hashes</em> ({@code hashCount = k, bucketCount = 1, hashSetSize = 1}): the
 * classic k-minimum signature; Lucene derives hash i of a shingle as 37·h + c_i over the shingle's 128-bit
 * MurmurHash3 h, so the k "functions" differ only by an additive constant and are strongly correlated.
 * <em>One permutation</em> ({@code hashCount = 1, bucketCount = k, hashSetSize = 1, withRotation = true}):
 * one hash split into k ranges with empty ranges filled from the next one (Li, Owen and Zhang, NIPS 2012;
 * Shrivastava and Li, ICML 2014) — the configuration Lucene's defaults point at. Component values are the
 * upper 64 bits of Lucene's 128-bit hashes, read back from the emitted terms.
 */
final class LucenePeer implements DedupPeer {
  private final boolean onePermutation;
  private Analyzer analyzer;

  LucenePeer(boolean onePermutation) {
    this.onePermutation = onePermutation;
  }

  @Override
  public String name() {
    return onePermutation ? "lucene-oph" : "lucene-khash";
  }

  @Override
  public String method() {
    return onePermutation
        ? "MinHashFilter(hashCount=1, bucketCount=k, hashSetSize=1, withRotation=true): one 128-bit MurmurHash3, "
            + "k range buckets, empty buckets filled by rotation"
        : "MinHashFilter(hashCount=k, bucketCount=1, hashSetSize=1): hash i = 37*murmur3_128 + c_i, "
            + "min per i (murmur3 recomputed k times per shingle)";
  }

  @Override
  public void configure(int shingleSize, int numPerm, LshParams lsh) {
    analyzer = new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer tok = new WhitespaceTokenizer();
        ShingleFilter sh = new ShingleFilter(tok, shingleSize, shingleSize);
        sh.setOutputUnigrams(false);
        sh.setOutputUnigramsIfNoShingles(true);
        TokenStream mh = onePermutation
            ? new MinHashFilter(sh, 1, numPerm, 1, true)
            : new MinHashFilter(sh, numPerm, 1, 1, false);
        return new TokenStreamComponents(tok, mh);
      }
    };
  }

  @Override
  public long[][] signatures(List<String> texts) {
    long[][] out = new long[texts.size()][];
    int skip = onePermutation ? 0 : 2; // k-hash terms start with the hash index as two chars
    for (int i = 0; i < out.length; i++) {
      try (TokenStream ts = analyzer.tokenStream("text", texts.get(i))) {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        ts.reset();
        long[] sig = new long[64];
        int n = 0;
        while (ts.incrementToken()) {
          char[] c = term.buffer();
          long high = (long) c[skip] << 48 | (long) c[skip + 1] << 32 | (long) c[skip + 2] << 16 | c[skip + 3];
          if (n == sig.length) {
            sig = java.util.Arrays.copyOf(sig, n * 2);
          }
          sig[n++] = high;
        }
        ts.end();
        out[i] = n == 0 ? null : java.util.Arrays.copyOf(sig, n);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  @Override
  public void close() {
    if (analyzer != null) {
      analyzer.close();
    }
  }
}
