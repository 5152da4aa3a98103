package org.tailguard.curate.dedup;

/**
 * The Jaccard index |A ∩ B| / |A ∪ B| of two sets (Jaccard 1901), here of shingle-hash sets; Broder's
 * "resemblance". Two empty sets have index 0 here, so an empty document is never anyone's duplicate.
 */
public final class Jaccard {
  private Jaccard() {}

  /**
   * The exact Jaccard index of two sorted arrays of distinct values, by one merge pass.
   *
   * @param a sorted distinct values
   * @param b sorted distinct values
   */
  public static double of(long[] a, long[] b) {
    int inter = intersection(a, b);
    int union = a.length + b.length - inter;
    return union == 0 ? 0 : inter / (double) union;
  }

  /** |A ∩ B| of two sorted arrays of distinct values. */
  public static int intersection(long[] a, long[] b) {
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) {
        i++;
      } else if (a[i] > b[j]) {
        j++;
      } else {
        n++;
        i++;
        j++;
      }
    }
    return n;
  }
}
