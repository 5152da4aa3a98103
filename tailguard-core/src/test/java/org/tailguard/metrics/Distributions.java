package org.tailguard.metrics;

import static org.quicktheories.generators.SourceDSL.integers;

import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** QuickTheories generators of probability vectors with zeros, for the discrete-metric property tests. */
final class Distributions {
  private Distributions() {}

  /** A probability vector of length n with weights 0..9, so about one entry in ten is 0 (never all). */
  static Gen<double[]> of(int n) {
    return Generate.intArrays(Generate.constant(n), Generate.range(0, 9)).map(Distributions::normalise);
  }

  /** A probability vector of length 1 to 30. */
  static Gen<double[]> any() {
    return integers().between(1, 30).flatMap(Distributions::of);
  }

  /** Two probability vectors of the same length. */
  static Gen<double[][]> pairs() {
    return integers().between(1, 30).flatMap(n -> of(n).zip(of(n), (a, b) -> new double[][] {a, b}));
  }

  /** Three probability vectors of the same length. */
  static Gen<double[][]> triples() {
    return integers().between(1, 30).flatMap(n -> of(n).zip(of(n), of(n), (a, b, c) -> new double[][] {a, b, c}));
  }

  static double[] normalise(int[] w) {
    if (java.util.Arrays.stream(w).allMatch(x -> x == 0)) {
      w = w.clone();
      w[w.length - 1] = 1;
    }
    double sum = 0;
    for (int x : w) {
      sum += x;
    }
    double[] p = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      p[i] = w[i] / sum;
    }
    return p;
  }

  /** The indices of the positive entries of q. */
  static int[] support(double[] q) {
    return java.util.stream.IntStream.range(0, q.length).filter(i -> q[i] > 0).toArray();
  }

  /** The positive entries of q, in order. */
  static double[] positive(double[] q) {
    return java.util.Arrays.stream(q).filter(x -> x > 0).toArray();
  }
}
