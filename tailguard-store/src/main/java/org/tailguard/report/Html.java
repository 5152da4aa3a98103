package org.tailguard.report;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The pieces of a self-contained HTML report: escaping, number formatting, the inline style sheet and
 * the page frame. Nothing refers to the network: no fonts, scripts or images from outside the file.
 */
final class Html {
  private Html() {}

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
      h3 { font-size: 16px; margin: 24px 0 6px; }
      p.lede { font-size: 17px; color: var(--ink); margin: 4px 0 6px; max-width: 70ch; }
      p.cite { color: var(--muted); margin: 0; }
      .badge { display: inline-block; font-size: 12px; font-weight: 600; padding: 2px 10px; border-radius: 999px;
        vertical-align: middle; margin-left: 8px; background: var(--soft); color: var(--muted); }
      .badge.finished { background: #e3f8ec; color: #116d3e; }
      .badge.running { background: #e6f0fb; color: #0b4f8a; }
      .badge.failed { background: #fde8e8; color: #9b1c1c; }
      .badge.interrupted { background: #fff4da; color: #8a5a00; }
      dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 16px 0 0; }
      dl.meta dt { color: var(--muted); }
      dl.meta dd { margin: 0; overflow-wrap: anywhere; }
      code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace;
        font-size: 13px; }
      table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; margin: 8px 0; }
      th, td { padding: 7px 10px; border-bottom: 1px solid var(--line); text-align: right; vertical-align: top; }
      th { font-weight: 600; color: var(--muted); font-size: 13px; background: var(--soft); position: sticky; top: 0; }
      th:first-child, td:first-child, th.text, td.text { text-align: left; }
      td.ok { color: #116d3e; white-space: nowrap; }
      td.fail { color: #9b1c1c; font-weight: 600; white-space: nowrap; }
      tbody tr:nth-child(even) td { background: #fbfcfd; }
      td .band { display: block; color: var(--muted); font-size: 12px; white-space: nowrap; }
      td .desc { display: block; color: var(--muted); font-size: 12px; max-width: 34ch; }
      .scroll { overflow-x: auto; }
      .highlights { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 12px; margin: 12px 0; }
      .highlights img { width: 100%; border: 1px solid var(--line); border-radius: 6px; }
      figure { margin: 22px 0 30px; }
      figure img { width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; }
      figcaption { color: var(--muted); font-size: 13px; margin-top: 6px; }
      pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 14px 16px;
        overflow-x: auto; line-height: 1.45; }
      .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-right: 8px;
        vertical-align: -1px; }
      details summary { cursor: pointer; color: var(--accent); margin: 6px 0; }
      footer { margin-top: 48px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line);
        padding-top: 12px; }
      @media print { th { position: static; } figure { break-inside: avoid; } }
      """;

  /** A complete page: head with inline CSS and the given body. */
  static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<meta name=\"generator\" content=\"Tailguard\">\n"
        + "<title>" + esc(title) + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n<main>\n"
        + body + "</main>\n</body>\n</html>\n";
  }

  /** Escapes text for HTML element content and attribute values. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** An inline PNG image. */
  static String img(byte[] png, String alt) {
    return "<img alt=\"" + esc(alt) + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png)
        + "\">";
  }

  /** Four significant digits, trailing zeros dropped; an em dash for NaN. */
  static String num(double v) {
    if (Double.isNaN(v)) {
      return "—";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "∞" : "−∞";
    }
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    String s;
    if (a >= 1e6 || a < 1e-3) {
      s = String.format(Locale.ROOT, "%.3e", v);
      int e = s.indexOf('e');
      String mant = trim(s.substring(0, e));
      int exp = Integer.parseInt(s.substring(e + 1));
      return mant + "×10" + superscript(exp);
    }
    s = String.format(Locale.ROOT, "%.4g", v);
    return (s.contains(".") ? trim(s) : s).replace('-', '−');
  }

  private static String trim(String s) {
    if (!s.contains(".")) {
      return s;
    }
    s = s.replaceAll("0+$", "");
    return (s.endsWith(".") ? s.substring(0, s.length() - 1) : s).replace('-', '−');
  }

  private static String superscript(int e) {
    String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    StringBuilder b = new StringBuilder(e < 0 ? "⁻" : "");
    for (char c : Integer.toString(Math.abs(e)).toCharArray()) {
      b.append(digits.charAt(c - '0'));
    }
    return b.toString();
  }

  /** A table cell: the median, with the 10–90 % band below it. */
  static String cell(double median, double p10, double p90) {
    if (Double.isNaN(median) && Double.isNaN(p10) && Double.isNaN(p90)) {
      return "<td>—</td>";
    }
    return "<td>" + num(median) + "<span class=\"band\">[" + num(p10) + ", " + num(p90) + "]</span></td>";
  }

  /**
   * The generations to tabulate: 0, multiples of a round step (1, 2 or 5 × 10^k, at most six of them),
   * and the last.
   */
  static List<Integer> milestones(int last) {
    if (last < 0) {
      return List.of();
    }
    int step = 1;
    for (int scale = 1; last / step > 6; scale *= 10) {
      for (int m : new int[] {1, 2, 5}) {
        step = m * scale;
        if (last / step <= 6) {
          break;
        }
      }
    }
    TreeSet<Integer> g = new TreeSet<>();
    for (int x = 0; x <= last; x += step) {
      g.add(x);
    }
    g.add(last);
    return new ArrayList<>(g);
  }

  /** How the median moved from the first to the last generation: a factor when both are positive. */
  static String change(double first, double last) {
    if (Double.isFinite(first) && Double.isFinite(last) && first > 0 && last > 0) {
      return "×" + num(last / first);
    }
    if (Double.isFinite(first) && Double.isFinite(last)) {
      double d = last - first;
      return (d >= 0 ? "+" : "−") + num(Math.abs(d));
    }
    return "—";
  }
}
