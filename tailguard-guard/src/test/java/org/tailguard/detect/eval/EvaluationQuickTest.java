package org.tailguard.detect.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.detect.DetectorModel;

/**
 * The harness's quick mode end to end: data, models, generators, detectors, calibration, evaluation,
 * attacks, the seed table and the report directory. Its rates are coarse; the test checks the run's
 * integrity and the calibration's promise, not the detectors' quality (the full run measures that).
 */
class EvaluationQuickTest {

  @Test
  void quickMode_runsEndToEndAndWritesTheReport(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    EvalResult r = Evaluation.run(EvalConfig.quick(42, 1), new PrintStream(log, true, StandardCharsets.UTF_8));
    ByteArrayOutputStream table = new ByteArrayOutputStream();
    try (PrintStream p = new PrintStream(table, true, StandardCharsets.UTF_8)) {
      EvalReport.printSeedTable(r, p);
    }
    String t = table.toString(StandardCharsets.UTF_8);
    for (String d : List.of("perplexity", "gltr", "binoculars", "fast-detectgpt", "stylometric", "classifier", "watermark-kgw",
        "combined")) {
      assertTrue(t.contains(d), d + " in the seed table:\n" + t);
    }
    assertTrue(t.contains("method") && t.contains("TPR@1%FPR") && t.contains("AUROC"));
    for (Metrics m : r.metrics()) {
      for (double x : new double[] {m.auroc(), m.tpr1(), m.fpr1(), m.tpr5(), m.fpr5()}) {
        assertTrue(x >= 0 && x <= 1, m.toString());
      }
      assertTrue(m.humans() > 0 && m.machines() > 0, m.toString());
    }
    // the watermark row is measured on the text written with its scheme: at 100 words, KGW's z on its own text is
    // about 9 (γ = 0.25, δ = 2), so human and watermarked scores barely overlap
    Metrics wm = EvalReport.watermarked(r, "watermark-kgw");
    assertTrue(wm != null && wm.machines() > 0 && wm.auroc() > 0.95, String.valueOf(wm));
    assertTrue(t.contains("watermark-kgw *"), t);
    // 8 attacks × 9 detectors
    assertEquals(8 * 9, r.attacked().size());
    // the calibration's promise, pooled over detectors and domains at the 5% target: the measured false-positive
    // rate on held-out human text stays within 4 binomial standard errors of 5% (the texts of one detector are
    // the same for all detectors, so this is a loose check of the thresholds' construction, not an independent one)
    for (Metrics m : r.metrics()) {
      if (m.domain().equals("all")) {
        double se = Math.sqrt(0.05 * 0.95 / m.humans());
        assertTrue(m.fpr5() <= 0.05 + 4 * se, m.toString());
      }
    }
    EvalReport.write(r, dir);
    for (String f : List.of("report.html", "roc.png", "roc-lengths.png", "metrics.csv", "summary.txt", "model/manifest.json")) {
      assertTrue(Files.size(dir.resolve(f)) > 0, f);
    }
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("data:image/png;base64,") && !html.contains("http://") && !html.contains("https://"),
        "self-contained");
    DetectorModel back = DetectorModel.load(dir.resolve("model"), r.model().analyzer().extras());
    assertEquals(r.model().detectors().size(), back.detectors().size());
    assertEquals("combined", back.primary());
    // the watermark arms are saved beside the model, so it loads whole and scores as before
    assertTrue(Files.size(dir.resolve("model").resolve(SchemeArm.FILE)) > 0);
    DetectorModel whole = SchemeArm.loadModel(dir.resolve("model"));
    String text = "the house and the senate have passed the bill , and the president will sign it .";
    var before = r.model().scores(r.model().analyze(text));
    var after = whole.scores(whole.analyze(text));
    assertEquals(before.keySet(), after.keySet());
    // the watermark's evidence depends only on key and vocabulary: exact; the rest goes through ARPA's decimals
    assertEquals(before.get("watermark-kgw"), after.get("watermark-kgw"));
    before.forEach((k, v) -> assertEquals(v, after.get(k), 1e-3 * Math.max(1, Math.abs(v)), k));
  }
}
