package org.tailguard.detect.eval;

import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The evaluation as one self-contained HTML page: inline CSS (the store module's report style, copied so
 * that guard does not depend on store), the seed-style table, tables by length, domain, generator and
 * attack, and the ROC curves as inline PNG. Nothing refers to the network.
 */
final class ReportPage {
  private ReportPage() {}

  static final String CSS = """
      :root { --ink: #1f2933; --muted: #52606d; --line: #e4e7eb; --soft: #f5f7fa; --accent: #0072b2; }
      * { box-sizing: border-box; }
      body { margin: 0; color: var(--ink); background: #fff;
        font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
      main { max-width: 1080px; margin: 0 auto; padding: 32px 28px 64px; }
      header.top { border-bottom: 1px solid var(--line); padding-bottom: 18px; margin-bottom: 8px; }
      .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); margin: 0; }
      h1 { font-size: 30px; line-height: 1.2; margin: 6px 0 8px; font-weight: 650; }
      h2 { font-size: 20px; margin: 40px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
      p.lede { font-size: 17px; margin: 4px 0 6px; max-width: 70ch; }
      p.note { color: var(--muted); max-width: 80ch; }
      table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; margin: 8px 0; }
      th, td { padding: 7px 10px; border-bottom: 1px solid var(--line); text-align: right; vertical-align: top; }
      th { font-weight: 600; color: var(--muted); font-size: 13px; background: var(--soft); }
      th:first-child, td:first-child { text-align: left; }
      td.ok { color: #116d3e; } td.fail { color: #9b1c1c; font-weight: 600; }
      tbody tr:nth-child(even) td { background: #fbfcfd; }
      .scroll { overflow-x: auto; }
      figure { margin: 22px 0 30px; }
      figure img { width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; }
      figcaption { color: var(--muted); font-size: 13px; margin-top: 6px; }
      footer { margin-top: 48px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 12px; }
      """;

  static String html(EvalResult r, byte[] roc, byte[] byLength) {
    int len = r.config().reportLength();
    StringBuilder b = new StringBuilder();
    b.append("<header class=\"top\"><p class=\"kicker\">Tailguard · detection benchmark</p>")
        .append("<h1>Synthetic-text detection, calibrated per domain</h1>")
        .append("<p class=\"lede\">Human text from held-out splits of ").append(esc(String.join(", ", r.domains())))
        .append("; machine text from our own n-gram models whose training text no detector saw. Thresholds are set on ")
        .append("separate human text at a target false-positive rate, per domain and length (RAID protocol).</p></header>");

    b.append("<h2>Headline: ").append(len).append(" words, all domains</h2>");
    b.append("<div class=\"scroll\"><table><thead><tr><th>method</th><th>accuracy</th><th>false positives</th>")
        .append("<th>TPR@1%FPR</th><th>AUROC</th></tr></thead><tbody>");
    for (String d : EvalReport.detectorOrder(r)) {
      Metrics m = r.metric(d, Evaluation.ALL, len);
      b.append("<tr><td>").append(esc(d)).append("</td><td>").append(pct(m.accuracy1())).append("</td><td>")
          .append(pct(m.fpr1())).append("</td><td>").append(pct(m.tpr1())).append("</td><td>")
          .append(String.format(Locale.ROOT, "%.3f", m.auroc())).append("</td></tr>");
    }
    b.append("</tbody></table></div>");
    b.append("<p class=\"note\">Accuracy is balanced accuracy (TPR + TNR)/2 at the threshold calibrated to 1% FPR; ")
        .append("false positives is the rate measured on held-out human text at that threshold. Popular accounts print ")
        .append("perplexity 75%/15%, neural classifier 85%/8%, watermark 99%/1%, combined 92%/5% (accuracy/false positives).</p>");

    b.append("<figure><img alt=\"ROC curves\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(roc))
        .append("\"><figcaption>ROC curves at ").append(len).append(" words, pooled over domains; FPR on a log axis.</figcaption></figure>");
    b.append("<figure><img alt=\"ROC by length\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(byLength)).append("\"><figcaption>The ").append(esc(r.model().primary()))
        .append(" detector by text length.</figcaption></figure>");

    b.append("<h2>By length</h2><div class=\"scroll\"><table><thead><tr><th>method</th>");
    for (int l : r.config().lengths()) {
      b.append("<th>").append(l).append(" words: TPR@1% [FPR] · AUROC</th>");
    }
    b.append("</tr></thead><tbody>");
    for (String d : EvalReport.detectorOrder(r)) {
      b.append("<tr><td>").append(esc(d)).append("</td>");
      for (int l : r.config().lengths()) {
        Metrics m = r.metric(d, Evaluation.ALL, l);
        b.append("<td>").append(pct(m.tpr1())).append(" [").append(pct(m.fpr1())).append("] · ")
            .append(String.format(Locale.ROOT, "%.3f", m.auroc())).append("</td>");
      }
      b.append("</tr>");
    }
    b.append("</tbody></table></div>");

    b.append("<h2>By domain at ").append(len).append(" words</h2>");
    for (String dom : r.domains()) {
      boolean held = r.config().domains().stream().anyMatch(s -> s.name().equals(dom) && s.heldOut());
      b.append("<h3>").append(esc(dom)).append(held ? " (held out)" : "").append("</h3>");
      table(b, r.metrics().stream().filter(m -> m.domain().equals(dom) && m.length() == len).toList(), "method");
    }
    b.append("<h2>By generator at ").append(len).append(" words</h2>");
    for (String src : r.bySource().stream().map(Metrics::domain).distinct().toList()) {
      b.append("<h3>").append(esc(src)).append("</h3>");
      table(b, r.bySource().stream().filter(m -> m.domain().equals(src)).toList(), "method");
    }
    b.append("<h2>Under attack at ").append(r.config().attackLength()).append(" words</h2>")
        .append("<p class=\"note\">Each attack is applied to held-out human and machine text (insertion only to machine text); ")
        .append("the thresholds are the clean ones. The detectors canonicalise text first (NFKC, no zero-width characters, ")
        .append("homoglyphs folded), as the lm-watermarking detector does.</p>");
    for (String a : r.attacked().stream().map(Metrics::attack).distinct().toList()) {
      b.append("<h3>").append(esc(a)).append("</h3>");
      table(b, r.attacked().stream().filter(m -> m.attack().equals(a)).toList(), "method");
    }
    b.append("<footer>Seed ").append(r.config().seed()).append(" · texts ").append(esc(r.counts().toString()))
        .append(String.format(Locale.ROOT, " · %.0f s", r.seconds())).append(" · generated by Tailguard</footer>");
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Tailguard detection benchmark</title>\n"
        + "<style>\n" + CSS + "</style>\n</head>\n<body>\n<main>\n" + b + "</main>\n</body>\n</html>\n";
  }

  private static void table(StringBuilder b, List<Metrics> ms, String first) {
    b.append("<div class=\"scroll\"><table><thead><tr><th>").append(first)
        .append("</th><th>TPR@1%</th><th>FPR (1% target)</th><th>TPR@5%</th><th>FPR (5% target)</th><th>AUROC</th>")
        .append("<th>human</th><th>machine</th></tr></thead><tbody>");
    for (Metrics m : ms) {
      b.append("<tr><td>").append(esc(m.detector())).append("</td><td>").append(pct(m.tpr1())).append("</td>")
          .append(fprCell(m.fpr1(), 0.01, m.humans())).append("<td>").append(pct(m.tpr5())).append("</td>")
          .append(fprCell(m.fpr5(), 0.05, m.humans())).append("<td>").append(String.format(Locale.ROOT, "%.3f", m.auroc()))
          .append("</td><td>").append(m.humans()).append("</td><td>").append(m.machines()).append("</td></tr>");
    }
    b.append("</tbody></table></div>");
  }

  /** A measured FPR, marked when it exceeds the target by more than two binomial standard errors. */
  private static String fprCell(double fpr, double target, int n) {
    double se = Math.sqrt(target * (1 - target) / Math.max(1, n));
    String cls = fpr > target + 2 * se ? "fail" : "ok";
    return "<td class=\"" + cls + "\">" + pct(fpr) + "</td>";
  }

  private static String pct(double x) {
    return Double.isNaN(x) ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * x);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
