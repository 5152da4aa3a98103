package org.tailguard.models;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A set of points in R^d, stored row-major in one primitive array (no boxing on the hot path).
 *
 * <p>Point i occupies {@code values[i*dim .. i*dim+dim-1]}. Immutable by contract: the array is not copied
 * on construction, so producers must not keep writing to it.
 */
public final class Points implements Dataset<Points> {
  private final int dim;
  private final double[] values;

  private Points(int dim, double[] values) {
    if (dim < 1 || values.length % dim != 0) {
      throw new IllegalArgumentException("dim " + dim + " does not divide " + values.length + " values");
    }
    this.dim = dim;
    this.values = values;
  }

  /** Wraps a row-major array of {@code values.length / dim} points; the array is not copied. */
  public static Points wrap(int dim, double[] values) {
    return new Points(dim, values);
  }

  /** Copies points given as rows. */
  public static Points ofRows(double[][] rows) {
    int d = rows[0].length;
    double[] v = new double[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, v, i * d, d);
    }
    return new Points(d, v);
  }

  public int dim() {
    return dim;
  }

  @Override
  public int size() {
    return values.length / dim;
  }

  /** Coordinate {@code j} of point {@code i}. */
  public double get(int i, int j) {
    return values[i * dim + j];
  }

  /** The backing row-major array; callers must not modify it. */
  public double[] values() {
    return values;
  }

  /** The points as rows (a copy). */
  public double[][] rows() {
    double[][] r = new double[size()][];
    for (int i = 0; i < r.length; i++) {
      r[i] = Arrays.copyOfRange(values, i * dim, (i + 1) * dim);
    }
    return r;
  }

  @Override
  public Points concat(Points other) {
    if (other.dim != dim) {
      throw new IllegalArgumentException("cannot pool points of dimension " + dim + " and " + other.dim);
    }
    double[] v = Arrays.copyOf(values, values.length + other.values.length);
    System.arraycopy(other.values, 0, v, values.length, other.values.length);
    return new Points(dim, v);
  }

  @Override
  public Points subsample(int n, UniformRandomProvider rng) {
    int size = size();
    if (n < 0 || n > size) {
      throw new IllegalArgumentException("cannot draw " + n + " of " + size + " points without replacement");
    }
    int[] idx = Subsets.firstOfShuffle(size, n, rng);
    double[] v = new double[n * dim];
    for (int i = 0; i < n; i++) {
      System.arraycopy(values, idx[i] * dim, v, i * dim, dim);
    }
    return new Points(dim, v);
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeInt(dim);
    out.writeInt(values.length);
    for (double x : values) {
      out.writeDouble(x);
    }
  }

  /** Reads points written by {@link #write}. */
  public static Points read(DataInput in) throws IOException {
    int d = in.readInt();
    int len = in.readInt();
    if (d < 1 || len < 0 || len % d != 0) {
      throw new IOException("corrupt points record: dim " + d + ", length " + len);
    }
    double[] v = new double[len];
    for (int i = 0; i < len; i++) {
      v[i] = in.readDouble();
    }
    return new Points(d, v);
  }
}
