package org.tailguard.watermark;

import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.text.token.Vocabulary;

/**
 * The shared machinery of the schemes: contexts padded with {@code <s>}, and the embedding hook that
 * {@link WatermarkSampler} calls once per token.
 */
abstract sealed class Scheme implements Watermark permits Kgw, Unigram, Exp, SynthId {
  final WatermarkKey key;
  final Vocabulary vocabulary;

  Scheme(WatermarkKey key, Vocabulary vocabulary) {
    this.key = key;
    this.vocabulary = vocabulary;
  }

  @Override
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  /** Rejects ids outside the vocabulary: they cannot come from it, so the caller mixed vocabularies. */
  void checkTokens(int[] tokens) {
    int size = vocabulary.size();
    for (int v : tokens) {
      if (v < 0 || v >= size) {
        throw new IllegalArgumentException("token id " + v + " outside the vocabulary of " + size);
      }
    }
  }

  /** A fresh embedding state, one per sampler (it holds a PRF and per-document memory). */
  abstract Embedder embedder();

  /** out[0..h) := seq[end − h .. end), positions before 0 being {@code <s>}. */
  static void context(int[] seq, int end, int h, int[] out) {
    for (int i = 0; i < h; i++) {
      int j = end - h + i;
      out[i] = j < 0 ? Vocabulary.BOS : seq[j];
    }
  }

  /** A 64-bit fingerprint of a (seed, token) tuple, for counting repeats once. */
  static long tuple(long seed, int token) {
    return Prf.draw(Long.rotateLeft(seed, 29) ^ 0x2545F4914F6CDD1DL, token);
  }

  /** A scheme's state while one sampler writes documents. */
  interface Embedder {
    /** Forgets the previous document. */
    void reset();

    /** The next token under the watermark, from the step's model weights and the words so far. */
    int choose(Step step);

    /** Called with the token actually emitted after {@link #choose}. */
    default void commit(int token) {}

    /** Words at the start of a document drawn without watermark (EXP needs them; see WatermarkSampler). */
    default int leadIn() {
      return 0;
    }
  }

  /** One sampling step: the model's weights over the vocabulary (not normalised) and the words so far. */
  static final class Step {
    final double[] w;
    final double[] cum;
    double total;
    int[] history = new int[256];
    int length;
    UniformRandomProvider rng;

    Step(int vocabularySize) {
      w = new double[vocabularySize];
      cum = new double[vocabularySize];
    }

    /** Accumulates the weights (after the sampler zeroed the tokens it never writes). */
    void prepare() {
      double s = 0;
      for (int v = 0; v < w.length; v++) {
        s += w[v];
        cum[v] = s;
      }
      total = s;
    }

    /** A token drawn from the weights. */
    int sample() {
      double x = rng.nextDouble() * total;
      int lo = 0;
      int hi = cum.length - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cum[mid] > x) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      while (w[lo] <= 0) { // x fell on a boundary that rounding left at a zero weight
        lo--;
      }
      return lo;
    }

    /** A token drawn from weights q over ids[0..n). */
    int sample(int[] ids, double[] q, int n) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += q[i];
      }
      double x = rng.nextDouble() * s;
      int last = ids[0];
      for (int i = 0; i < n; i++) {
        if (q[i] > 0) {
          last = ids[i];
          x -= q[i];
          if (x < 0) {
            return ids[i];
          }
        }
      }
      return last;
    }

    void append(int word) {
      if (length == history.length) {
        history = java.util.Arrays.copyOf(history, 2 * length);
      }
      history[length++] = word;
    }
  }
}
