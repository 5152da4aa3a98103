package org.tailguard.detect.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints and writes an evaluation: the seed-style table (method | accuracy | false positives |
 * TPR@1%FPR | AUROC) next to the figures popular accounts of model collapse print, the tables by length,
 * domain, generator and attack, and a report directory with a self-contained HTML page, ROC curves as PNG,
 * the metrics as CSV and the calibrated detector model.
 *
 * <p>Definitions (all at the report length, pooled over domains, each text judged by its own domain's and
 * length's threshold): <i>accuracy</i> is the balanced accuracy (TPR + TNR) / 2 at the threshold calibrated
 * to 1% FPR; <i>false positives</i> is the false-positive rate measured at that threshold on held-out human
 * text; <i>TPR@1%FPR</i> is the share of machine texts flagged at that threshold; AUROC needs no threshold.
 */
public final class EvalReport {
  /** The popular accounts' table: (row, accuracy, false positives), and which of our detectors answers each. */
  static final List<Object[]> POPULAR = List.of(new Object[] {"perplexity", 0.75, 0.15, "perplexity"},
      new Object[] {"neural classifier", 0.85, 0.08, "classifier"},
      new Object[] {"watermark", 0.99, 0.01, "watermark"}, new Object[] {"combined", 0.92, 0.05, "combined"});

  private EvalReport() {}

  /** The seed-style table with the popular figures and whether each of ours beats its counterpart. */
  public static void printSeedTable(EvalResult r, PrintStream out) {
    int len = r.config().reportLength();
    out.printf(Locale.ROOT, "Detection at %d words, pooled over %s (thresholds per domain, target FPR 1%%)%n", len,
        String.join(", ", r.domains()));
    out.printf(Locale.ROOT, "%-26s | %8s | %15s | %9s | %6s%n", "method", "accuracy", "false positives", "TPR@1%FPR", "AUROC");
    out.println("-".repeat(26) + "-+-" + "-".repeat(8) + "-+-" + "-".repeat(15) + "-+-" + "-".repeat(9) + "-+-" + "-".repeat(6));
    boolean starred = false;
    for (String d : detectorOrder(r)) {
      Metrics w = watermarked(r, d);
      Metrics m = w != null ? w : r.metric(d, Evaluation.ALL, len);
      starred |= w != null;
      out.printf(Locale.ROOT, "%-26s | %7.1f%% | %14.1f%% | %8.1f%% | %6.3f%n", w != null ? d + " *" : d, 100 * m.accuracy1(),
          100 * m.fpr1(), 100 * m.tpr1(), m.auroc());
    }
    boolean uncalibrated = detectorOrder(r).stream().anyMatch(d -> r.model().thresholds(d, 0.01).byDomain().values().stream()
        .anyMatch(m -> m.values().stream().anyMatch(t -> t == Double.POSITIVE_INFINITY)));
    if (uncalibrated) {
      out.println("! some domain has fewer than 99 human calibration texts at some length, so its 1% threshold is +inf");
      out.println("  (nothing flagged there): the 1% columns of this run are not meaningful; run without --quick");
    }
    if (starred) {
      out.println("* on human text and the machine text written with its scheme: a watermark detector makes no claim on");
      out.println("  other machine text (on all machine text its TPR is the watermarked share; see the tables by generator)");
    }
    out.println();
    out.println("Popular accounts print (accuracy / false positives), against ours above:");
    for (Object[] p : POPULAR) {
      Metrics m = ours(r, (String) p[3], len);
      String verdict = m == null ? "no such detector in this run"
          : String.format(Locale.ROOT, "ours %s %.1f%% / %.1f%%: %s", m.detector(), 100 * m.accuracy1(), 100 * m.fpr1(),
              m.accuracy1() > (double) p[1] && m.fpr1() < (double) p[2] ? "beaten" : "NOT beaten");
      out.printf(Locale.ROOT, "  %-18s %3.0f%% / %2.0f%%   %s%n", p[0], 100 * (double) p[1], 100 * (double) p[2], verdict);
    }
  }

  private static Metrics ours(EvalResult r, String name, int len) {
    for (String d : detectorOrder(r)) {
      if (d.equals(name) || (name.equals("watermark") && d.startsWith("watermark"))) {
        Metrics w = watermarked(r, d);
        return w != null ? w : r.metric(d, Evaluation.ALL, len);
      }
    }
    return null;
  }

  /** A watermark detector's metrics on human text and the text written with its scheme, or null. */
  static Metrics watermarked(EvalResult r, String detector) {
    return r.bySource().stream().filter(m -> m.detector().equals(detector) && m.domain().equals(Evaluation.WATERMARKED))
        .findFirst().orElse(null);
  }

  static List<String> detectorOrder(EvalResult r) {
    return r.model().detectors().stream().map(org.tailguard.detect.Detector::name).toList();
  }

  /** The detailed tables: by length, by domain, by generator and by attack. */
  public static void printDetails(EvalResult r, PrintStream out) {
    out.println();
    out.println("TPR at 1% FPR (calibrated) by length, pooled over domains [measured FPR]; AUROC");
    List<Integer> lengths = r.config().lengths();
    StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-26s", "method"));
    for (int len : lengths) {
      h.append(String.format(Locale.ROOT, " | %20s", len + " words"));
    }
    out.println(h);
    for (String d : detectorOrder(r)) {
      StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-26s", d));
      for (int len : lengths) {
        Metrics m = r.metric(d, Evaluation.ALL, len);
        b.append(String.format(Locale.ROOT, " | %5.1f%% [%4.1f%%] %6.3f", 100 * m.tpr1(), 100 * m.fpr1(), m.auroc()));
      }
      out.println(b);
    }
    int len = r.config().reportLength();
    out.println();
    out.printf(Locale.ROOT, "By domain at %d words: TPR@1%% [FPR], TPR@5%% [FPR], AUROC%n", len);
    for (String dom : r.domains()) {
      out.println("  " + dom + (r.config().domains().stream().anyMatch(s -> s.name().equals(dom) && s.heldOut())
          ? " (held out: no detector trained on it)" : ""));
      for (String d : detectorOrder(r)) {
        Metrics m = r.metric(d, dom, len);
        out.printf(Locale.ROOT, "    %-24s %5.1f%% [%4.1f%%]  %5.1f%% [%4.1f%%]  %6.3f   (%d human, %d machine)%n", d,
            100 * m.tpr1(), 100 * m.fpr1(), 100 * m.tpr5(), 100 * m.fpr5(), m.auroc(), m.humans(), m.machines());
      }
    }
    out.println();
    out.printf(Locale.ROOT, "By generator at %d words: TPR@1%%FPR per detector%n", len);
    List<String> sources = r.bySource().stream().map(Metrics::domain).distinct().toList();
    for (String src : sources) {
      StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-28s", src));
      for (Metrics m : r.bySource()) {
        if (m.domain().equals(src)) {
          b.append(String.format(Locale.ROOT, " %s=%.0f%%", abbreviation(m.detector()), 100 * m.tpr1()));
        }
      }
      out.println(b);
    }
    out.println();
    out.printf(Locale.ROOT, "Under attack at %d words (clean thresholds): TPR@1%%FPR [FPR] AUROC%n", r.config().attackLength());
    List<String> attacks = r.attacked().stream().map(Metrics::attack).distinct().toList();
    for (String a : attacks) {
      out.println("  " + a);
      for (Metrics m : r.attacked()) {
        if (m.attack().equals(a)) {
          out.printf(Locale.ROOT, "    %-24s %5.1f%% [%4.1f%%] %6.3f%n", m.detector(), 100 * m.tpr1(), 100 * m.fpr1(), m.auroc());
        }
      }
    }
    out.printf(Locale.ROOT, "%nTexts: %s; %.0f s%n", r.counts(), r.seconds());
  }

  static String abbreviation(String detector) {
    return switch (detector) {
      case "perplexity" -> "ppl";
      case "gltr" -> "gltr";
      case "binoculars" -> "bino";
      case "fast-detectgpt" -> "fdg";
      case "fast-detectgpt-whitebox" -> "fdgw";
      case "stylometric" -> "style";
      case "classifier" -> "clf";
      case "combined" -> "comb";
      default -> detector;
    };
  }

  /**
   * Writes {@code report.html}, {@code roc.png}, {@code roc-lengths.png}, {@code metrics.csv},
   * {@code summary.txt} and the calibrated model ({@code model/}, with its watermark arms; read it back with
   * {@link SchemeArm#loadModel}) into {@code dir}.
   */
  public static void write(EvalResult r, Path dir) throws IOException {
    Files.createDirectories(dir);
    r.model().save(dir.resolve("model"));
    SchemeArm.save(r.watermarks().stream().filter(SchemeArm.class::isInstance).map(SchemeArm.class::cast).toList(),
        dir.resolve("model"));
    byte[] roc = RocChart.pooled(r);
    byte[] byLength = RocChart.byLength(r);
    Files.write(dir.resolve("roc.png"), roc);
    Files.write(dir.resolve("roc-lengths.png"), byLength);
    List<String> csv = new ArrayList<>();
    csv.add("table,detector,domain,length,attack,humans,machines,auroc,tpr_at_1pct,fpr_at_1pct,tpr_at_5pct,fpr_at_5pct");
    for (Object[] t : new Object[][] {{"clean", r.metrics()}, {"generator", r.bySource()}, {"attack", r.attacked()}}) {
      @SuppressWarnings("unchecked")
      List<Metrics> ms = (List<Metrics>) t[1];
      for (Metrics m : ms) {
        csv.add(String.format(Locale.ROOT, "%s,%s,%s,%d,%s,%d,%d,%.6f,%.6f,%.6f,%.6f,%.6f", t[0], m.detector(), m.domain(),
            m.length(), m.attack(), m.humans(), m.machines(), m.auroc(), m.tpr1(), m.fpr1(), m.tpr5(), m.fpr5()));
      }
    }
    Files.write(dir.resolve("metrics.csv"), csv, StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
    try (PrintStream p = new PrintStream(text, true, StandardCharsets.UTF_8)) {
      printSeedTable(r, p);
      printDetails(r, p);
    }
    Files.write(dir.resolve("summary.txt"), text.toByteArray());
    Files.writeString(dir.resolve("report.html"), ReportPage.html(r, roc, byLength), StandardCharsets.UTF_8);
  }
}
