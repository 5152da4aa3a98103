package org.tailguard.monitor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.filters.bloomfilter.BloomFilter;
import org.apache.datasketches.filters.bloomfilter.BloomFilterBuilder;
import org.apache.datasketches.frequencies.FrequentItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.HllUnion;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.tdigest.TDigestDouble;

/**
 * The full-population summary of one version: exact counters and mergeable Apache DataSketches, in memory
 * bounded by the config whatever the number of responses.
 *
 * <ul>
 *   <li>Frequent items (Misra–Gries with reverse purge; Anderson et al., "A High-Performance Algorithm for
 *       Identifying Frequent Items in Data Streams", IMC 2017) of words, bigrams, trigrams and normalised
 *       responses: the over-represented phrases and the most repeated outputs;</li>
 *   <li>HyperLogLog (Flajolet et al. 2007, DataSketches HLL_8) distinct counts of word types, bigram types
 *       and normalised responses (the population duplicate rate);</li>
 *   <li>a Bloom filter (Bloom, CACM 13(7), 1970) of word types: a word it lacks is certainly absent, which
 *       makes "words that vanished" a sure statement;</li>
 *   <li>t-digests (Dunning and Ertl, arXiv 1902.04023; DataSketches' implementation, deterministic) of
 *       response length and per-response reference perplexity;</li>
 *   <li>exact counters: records, tokens, reference tail and out-of-vocabulary tokens, and the summed
 *       reference log-loss in micro-nats (integers, so merging is associative).</li>
 * </ul>
 * {@link #merge} combines two versions' worth of state: counters, HLL and Bloom exactly (the union equals
 * the state of the concatenated stream); frequent items and t-digests within their error bounds.
 */
final class VersionState {
  /** Serialisation format of {@link #toBytes()}. */
  static final int FORMAT = 1;
  /** Bloom filter hash functions: optimal for 1% false positives (k = log2(1/0.01) ≈ 7). */
  static final int BLOOM_HASHES = 7;
  /** The t-digest compression parameter (DataSketches' default). */
  static final short TDIGEST_K = 200;
  /** A normalised response longer than this is kept in the frequent-items sketch as a prefix plus its hash. */
  static final int RESPONSE_KEY_CHARS = 160;

  private static final ArrayOfStringsSerDe SERDE = new ArrayOfStringsSerDe();

  final MonitorConfig config;
  long records;
  long tokens;
  long sentences;
  long emptyResponses;
  long prompted;
  long referenceTokens; // tokens whose word the reference corpus has
  long tailTokens; // of those, beyond the reference's tail rank
  long oovTokens; // tokens whose word the reference corpus lacks
  long lmTokens; // words plus one </s> per sentence, scored by the reference LM
  long lmUnknown; // of those, words the LM scored as <unk>
  long lmNegLogMicros; // Σ −ln p over lmTokens, in micro-nats
  long firstMillis = Long.MAX_VALUE;
  long lastMillis = Long.MIN_VALUE;
  FrequentItemsSketch<String> words;
  FrequentItemsSketch<String> bigrams;
  FrequentItemsSketch<String> trigrams;
  FrequentItemsSketch<String> responses;
  HllSketch wordTypes;
  HllSketch bigramTypes;
  HllSketch distinctResponses;
  BloomFilter wordFilter;
  TDigestDouble lengths;
  TDigestDouble perplexities;

  private VersionState(MonitorConfig config) {
    this.config = config;
  }

  /** An empty state. */
  static VersionState empty(MonitorConfig config) {
    VersionState s = new VersionState(config);
    int map = 1 << config.lgFrequentItems();
    s.words = new FrequentItemsSketch<>(map);
    s.bigrams = new FrequentItemsSketch<>(map);
    s.trigrams = new FrequentItemsSketch<>(map);
    s.responses = new FrequentItemsSketch<>(Math.max(128, map / 4));
    s.wordTypes = new HllSketch(config.hllLgK(), TgtHllType.HLL_8);
    s.bigramTypes = new HllSketch(config.hllLgK(), TgtHllType.HLL_8);
    s.distinctResponses = new HllSketch(config.hllLgK(), TgtHllType.HLL_8);
    // The seed is fixed so that filters of all versions are compatible for union and reproducible.
    s.wordFilter = BloomFilterBuilder.createBySize(config.bloomBits(), BLOOM_HASHES, config.seed());
    s.lengths = new TDigestDouble(TDIGEST_K);
    s.perplexities = new TDigestDouble(TDIGEST_K);
    return s;
  }

  /** The key of a normalised response in the frequent-items sketch: the text, or a prefix and the hash. */
  static String responseKey(String normalized, long hash) {
    return normalized.length() <= RESPONSE_KEY_CHARS ? normalized
        : normalized.substring(0, RESPONSE_KEY_CHARS) + "… #" + Long.toHexString(hash);
  }

  /** Notes a timestamp (epoch milliseconds). */
  void time(long millis) {
    firstMillis = Math.min(firstMillis, millis);
    lastMillis = Math.max(lastMillis, millis);
  }

  /** Adds another state's stream to this one. */
  void merge(VersionState o) {
    records += o.records;
    tokens += o.tokens;
    sentences += o.sentences;
    emptyResponses += o.emptyResponses;
    prompted += o.prompted;
    referenceTokens += o.referenceTokens;
    tailTokens += o.tailTokens;
    oovTokens += o.oovTokens;
    lmTokens += o.lmTokens;
    lmUnknown += o.lmUnknown;
    lmNegLogMicros += o.lmNegLogMicros;
    firstMillis = Math.min(firstMillis, o.firstMillis);
    lastMillis = Math.max(lastMillis, o.lastMillis);
    words.merge(o.words);
    bigrams.merge(o.bigrams);
    trigrams.merge(o.trigrams);
    responses.merge(o.responses);
    wordTypes = union(wordTypes, o.wordTypes);
    bigramTypes = union(bigramTypes, o.bigramTypes);
    distinctResponses = union(distinctResponses, o.distinctResponses);
    wordFilter.union(o.wordFilter);
    lengths.merge(o.lengths);
    perplexities.merge(o.perplexities);
  }

  private HllSketch union(HllSketch a, HllSketch b) {
    HllUnion u = new HllUnion(config.hllLgK());
    u.update(a);
    u.update(b);
    return u.getResult(TgtHllType.HLL_8);
  }

  /** The token-weighted reference perplexity exp(Σ −ln p / N); NaN without scored tokens. */
  double referencePerplexity() {
    return lmTokens == 0 ? Double.NaN : Math.exp(lmNegLogMicros / 1e6 / lmTokens);
  }

  /** The state as bytes: format, counters, then each sketch length-prefixed. */
  byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(FORMAT);
      for (long v : new long[] {records, tokens, sentences, emptyResponses, prompted, referenceTokens, tailTokens,
          oovTokens, lmTokens, lmUnknown, lmNegLogMicros, firstMillis, lastMillis}) {
        out.writeLong(v);
      }
      blob(out, words.toByteArray(SERDE));
      blob(out, bigrams.toByteArray(SERDE));
      blob(out, trigrams.toByteArray(SERDE));
      blob(out, responses.toByteArray(SERDE));
      blob(out, wordTypes.toCompactByteArray());
      blob(out, bigramTypes.toCompactByteArray());
      blob(out, distinctResponses.toCompactByteArray());
      blob(out, wordFilter.toByteArray());
      blob(out, lengths.toByteArray());
      blob(out, perplexities.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    return bytes.toByteArray();
  }

  /**
   * A state read back from {@link #toBytes()}.
   *
   * @throws IllegalStateException if the bytes are of another format or damaged
   */
  static VersionState fromBytes(byte[] b, MonitorConfig config) {
    VersionState s = new VersionState(config);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
      int format = in.readInt();
      if (format != FORMAT) {
        throw new IllegalStateException("version state of format " + format + ", this code reads " + FORMAT);
      }
      s.records = in.readLong();
      s.tokens = in.readLong();
      s.sentences = in.readLong();
      s.emptyResponses = in.readLong();
      s.prompted = in.readLong();
      s.referenceTokens = in.readLong();
      s.tailTokens = in.readLong();
      s.oovTokens = in.readLong();
      s.lmTokens = in.readLong();
      s.lmUnknown = in.readLong();
      s.lmNegLogMicros = in.readLong();
      s.firstMillis = in.readLong();
      s.lastMillis = in.readLong();
      s.words = FrequentItemsSketch.getInstance(MemorySegment.ofArray(blob(in)), SERDE);
      s.bigrams = FrequentItemsSketch.getInstance(MemorySegment.ofArray(blob(in)), SERDE);
      s.trigrams = FrequentItemsSketch.getInstance(MemorySegment.ofArray(blob(in)), SERDE);
      s.responses = FrequentItemsSketch.getInstance(MemorySegment.ofArray(blob(in)), SERDE);
      s.wordTypes = HllSketch.heapify(blob(in));
      s.bigramTypes = HllSketch.heapify(blob(in));
      s.distinctResponses = HllSketch.heapify(blob(in));
      s.wordFilter = BloomFilter.heapify(MemorySegment.ofArray(blob(in)));
      s.lengths = TDigestDouble.heapify(MemorySegment.ofArray(blob(in)));
      s.perplexities = TDigestDouble.heapify(MemorySegment.ofArray(blob(in)));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("damaged version state: " + e.getMessage(), e);
    }
    return s;
  }

  private static void blob(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] blob(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > (1 << 30)) {
      throw new IOException("blob length " + n);
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }
}
