package org.tailguard.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** AUROC by hand, rates at a threshold and the ROC curve's ends. */
class RocTest {
  @Test
  void auroc_countsPairsWithHalfForTies() {
    // pairs (m, h): 3>1 3>2 2>1 2=2 → (3 + 0.5) / 4
    assertEquals(3.5 / 4, Roc.auroc(new double[] {1, 2}, new double[] {2, 3}), 1e-15);
    assertEquals(1.0, Roc.auroc(new double[] {0, 1}, new double[] {2, 3}));
    assertEquals(0.0, Roc.auroc(new double[] {2, 3}, new double[] {0, 1}));
    assertEquals(0.5, Roc.auroc(new double[] {1, 1}, new double[] {1, 1}));
    assertEquals(0.5, Roc.auroc(new double[] {5}, new double[] {Double.NaN, 6}), "NaN is the lowest score");
  }

  @Test
  void rates_flagStrictlyAbove() {
    Roc.Rates r = Roc.at(new double[] {1, 2, 3, 4}, new double[] {3, 4, 5, 6}, 3);
    assertEquals(0.75, r.tpr());
    assertEquals(0.25, r.fpr());
    assertEquals((0.75 + 0.75) / 2, r.accuracy());
  }

  @Test
  void curve_runsFromOriginToOne() {
    List<double[]> c = Roc.curve(new double[] {1, 2}, new double[] {2, 3});
    assertArrayEquals(new double[] {0, 0}, c.get(0));
    assertArrayEquals(new double[] {0, 0.5}, c.get(1), "at 3: one machine text");
    assertArrayEquals(new double[] {0.5, 1}, c.get(2), "at 2: both machine texts and one human");
    assertArrayEquals(new double[] {1, 1}, c.get(c.size() - 1));
  }
}
