package org.tailguard.models.regression;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The fixed design X ∈ R^{T×d} of one chain, drawn once with rows ~ N(0, I_d) (Gerstgrasser et al.,
 * arXiv 2404.01413, §2; Dohmatob et al., arXiv 2402.07712, §2).
 *
 * <p>Every label set of a chain, real or synthetic, refers to these rows; {@link LabelledRows} stores row
 * indices, never copies of X. Immutable.
 */
final class Design {
  private final int rows;
  private final int dim;
  private final double[] x; // T × d, row-major
  private final int hash;

  private Design(int rows, int dim, double[] x) {
    this.rows = rows;
    this.dim = dim;
    this.x = x;
    this.hash = Arrays.hashCode(x);
  }

  /** Draws T rows ~ N(0, I_d), row by row. */
  static Design gaussian(int rows, int dim, UniformRandomProvider rng) {
    ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
    double[] x = new double[rows * dim];
    for (int i = 0; i < x.length; i++) {
      x[i] = z.sample();
    }
    return new Design(rows, dim, x);
  }

  /** T, the number of rows. */
  int rows() {
    return rows;
  }

  int dim() {
    return dim;
  }

  /** The backing row-major array; callers must not modify it. */
  double[] values() {
    return x;
  }

  /** x_rowᵀ w. */
  double dot(int row, double[] w) {
    double acc = 0;
    int base = row * dim;
    for (int j = 0; j < dim; j++) {
      acc += x[base + j] * w[j];
    }
    return acc;
  }

  /** The same design: the same object, or one read back from a checkpoint with equal entries. */
  boolean sameAs(Design other) {
    return this == other
        || (hash == other.hash && rows == other.rows && dim == other.dim && Arrays.equals(x, other.x));
  }

  void write(DataOutput out) throws IOException {
    out.writeInt(dim);
    out.writeInt(rows);
    for (double v : x) {
      out.writeDouble(v);
    }
  }

  static Design read(DataInput in) throws IOException {
    int d = in.readInt();
    int t = in.readInt();
    if (d < 1 || t < 1 || (long) d * t > Integer.MAX_VALUE - 8) {
      throw new IOException("corrupt design record: dim " + d + ", rows " + t);
    }
    double[] x = new double[d * t];
    for (int i = 0; i < x.length; i++) {
      x[i] = in.readDouble();
    }
    return new Design(t, d, x);
  }
}
