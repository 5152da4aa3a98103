package org.tailguard.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.spec.SpecException;

/** A saved model scores and decides exactly as the model it was saved from; the trained weights are Tribuo's. */
class DetectorModelTest {

  @Test
  void saveAndLoad_giveTheSameScoresAndDecisions(@TempDir Path dir) throws Exception {
    DetectorModel m = Fixtures.small().model();
    m.save(dir);
    assertTrue(Files.exists(dir.resolve("manifest.json")) && Files.exists(dir.resolve("observer.arpa")));
    DetectorModel back = DetectorModel.load(dir, List.of());
    for (String text : Fixtures.small().machine().subList(0, 10)) {
      Map<String, Double> a = m.scores(m.analyze(text));
      Map<String, Double> b = back.scores(back.analyze(text));
      assertEquals(a.keySet(), b.keySet());
      for (String k : a.keySet()) {
        assertEquals(a.get(k), b.get(k), 1e-9 * Math.max(1, Math.abs(a.get(k))), k);
      }
      Decision d1 = m.decide(m.analyze(text), "brown", 0.01);
      Decision d2 = back.decide(back.analyze(text), "brown", 0.01);
      assertEquals(d1.threshold(), d2.threshold());
      assertEquals(d1.machine(), d2.machine());
    }
  }

  @Test
  void foldedWeights_reproduceTribuosProbabilities() {
    LinearTrainer.Trained t = Fixtures.small().classifier();
    DetectorModel m = Fixtures.small().model();
    for (String text : Fixtures.small().human().subList(0, 10)) {
      Evidence e = m.analyze(text);
      double p = 1 / (1 + Math.exp(-t.detector().score(e)));
      assertEquals(LinearTrainer.tribuoProbability(t, e), p, 1e-9);
    }
  }

  @Test
  void classifier_separatesHeldOutMachineText() {
    DetectorModel m = Fixtures.small().model();
    Detector c = m.detector("classifier");
    double[] h = Fixtures.small().human().subList(40, 80).stream().mapToDouble(t -> c.score(m.analyze(t))).toArray();
    double[] x = Fixtures.small().machine().stream().mapToDouble(t -> c.score(m.analyze(t))).toArray();
    assertTrue(Roc.auroc(h, x) > 0.9, "temperature-0.7 bigram text is easy: AUROC " + Roc.auroc(h, x));
  }

  @Test
  void unknownDomain_usesTheStrictestThreshold() {
    DetectorModel m = Fixtures.small().model();
    Thresholds t = m.thresholds("classifier", 0.01);
    assertEquals(t.threshold("brown", 60), t.threshold(null, 60));
    assertEquals(t.threshold("brown", 60), t.threshold("brown", 1000), "the nearest calibrated length");
    assertThrows(SpecException.class, () -> m.thresholds("classifier", 0.02));
    assertThrows(SpecException.class, () -> m.detector("nope"));
  }
}
