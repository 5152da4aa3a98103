package org.tailguard.models.regression;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.models.Dataset;
import org.tailguard.models.Subsets;

/**
 * Labelled rows (x_i, y_i) of a fixed design: the dataset of the linear-regression family.
 *
 * <p>Sample i is row {@code row(i)} of the chain's {@link Design} with label {@code label(i)}. Rows refer to
 * the shared design instead of copying it, so a chain that accumulates real ∪ all synthetic label sets
 * (Gerstgrasser et al., arXiv 2404.01413) stores X once and only grows two primitive arrays; the same row
 * may occur many times, once per label set. {@link #concat} pools label sets of the same design and
 * {@link #subsample} keeps a uniform subset of the (row, label) pairs (Kazdan et al., arXiv 2410.16713).
 * Immutable: the arrays are never modified after construction.
 */
public final class LabelledRows implements Dataset<LabelledRows> {
  private final Design design;
  private final int[] rows;
  private final double[] labels;

  LabelledRows(Design design, int[] rows, double[] labels) {
    if (rows.length != labels.length) {
      throw new IllegalArgumentException(rows.length + " rows but " + labels.length + " labels");
    }
    this.design = design;
    this.rows = rows;
    this.labels = labels;
  }

  /** Every row of the design once, in order, with the given labels (length T). */
  static LabelledRows allRows(Design design, double[] labels) {
    int[] rows = new int[design.rows()];
    Arrays.setAll(rows, i -> i);
    return new LabelledRows(design, rows, labels);
  }

  Design design() {
    return design;
  }

  /** d, the number of features. */
  public int dim() {
    return design.dim();
  }

  /** T, the number of distinct rows in the chain's design. */
  public int designRows() {
    return design.rows();
  }

  @Override
  public int size() {
    return rows.length;
  }

  /** The design row of sample {@code i}. */
  public int row(int i) {
    return rows[i];
  }

  /** The label y of sample {@code i}. */
  public double label(int i) {
    return labels[i];
  }

  /** Feature {@code j} of sample {@code i}. */
  public double feature(int i, int j) {
    return design.values()[rows[i] * design.dim() + j];
  }

  /**
   * This label set followed by another over the same design.
   *
   * @throws IllegalArgumentException if the designs differ: the family keeps one fixed design per chain,
   *     so pooling data of two chains, or fresh real data with its own design, is a mistake
   */
  @Override
  public LabelledRows concat(LabelledRows other) {
    if (!design.sameAs(other.design)) {
      throw new IllegalArgumentException("cannot pool labelled rows of two different designs: the "
          + "linear-regression family keeps one fixed design per chain (Gerstgrasser et al.)");
    }
    int[] r = Arrays.copyOf(rows, rows.length + other.rows.length);
    System.arraycopy(other.rows, 0, r, rows.length, other.rows.length);
    double[] y = Arrays.copyOf(labels, labels.length + other.labels.length);
    System.arraycopy(other.labels, 0, y, labels.length, other.labels.length);
    return new LabelledRows(design, r, y);
  }

  @Override
  public LabelledRows subsample(int n, UniformRandomProvider rng) {
    if (n < 0 || n > rows.length) {
      throw new IllegalArgumentException("cannot draw " + n + " of " + rows.length + " rows without replacement");
    }
    int[] idx = Subsets.firstOfShuffle(rows.length, n, rng);
    int[] r = new int[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = rows[idx[i]];
      y[i] = labels[idx[i]];
    }
    return new LabelledRows(design, r, y);
  }

  /** Writes the design, then the row indices and labels; {@link #read} reads it back. */
  @Override
  public void write(DataOutput out) throws IOException {
    design.write(out);
    out.writeInt(rows.length);
    for (int r : rows) {
      out.writeInt(r);
    }
    for (double y : labels) {
      out.writeDouble(y);
    }
  }

  /** Reads labelled rows written by {@link #write}. */
  public static LabelledRows read(DataInput in) throws IOException {
    Design design = Design.read(in);
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("corrupt labelled-rows record: " + n + " rows");
    }
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = in.readInt();
      if (r[i] < 0 || r[i] >= design.rows()) {
        throw new IOException("corrupt labelled-rows record: row " + r[i] + " of a " + design.rows() + "-row design");
      }
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = in.readDouble();
    }
    return new LabelledRows(design, r, y);
  }
}
