package org.tailguard.watermark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The per-token view of a watermark test as a self-contained HTML page (inline CSS, no script, nothing
 * fetched): each token coloured by what it contributed, with the score, z and p-value above, so a reader
 * sees why a text was flagged. This is the textual counterpart of MarkLLM's {@code DiscreteVisualizer}
 * (green and red tokens for the KGW family) and {@code ContinuousVisualizer} (a heat map for EXP).
 *
 * <p>KGW and Unigram: green and red backgrounds. EXP: heat by the keyed uniform r (red near 0, green near 1).
 * SynthID: heat by the token's mean g-value. Tokens not counted (a repeated tuple or context) are grey and
 * struck through. Each token's tooltip gives its value.
 */
public final class WatermarkHtml {
  private WatermarkHtml() {}

  /**
   * The page for a scored text.
   *
   * @param scores the per-token scores
   * @param words the words to show, one per token (such as {@link TextTokens#words()})
   * @param alpha the false-positive rate at which the verdict is given
   * @throws IllegalArgumentException if there is not one word per token
   */
  public static String render(TokenScores scores, String[] words, double alpha) {
    if (words.length != scores.tokens().length) {
      throw new IllegalArgumentException("one word per token: " + words.length + " words, " + scores.tokens().length + " tokens");
    }
    Detection d = scores.detection();
    boolean discrete = scores.nullModel() instanceof NullModel.Binomial b && b.trials() == 1;
    StringBuilder h = new StringBuilder(64 * words.length + 2048);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Watermark test: ")
        .append(escape(d.scheme())).append("</title>\n<style>\n")
        .append("body{font-family:Georgia,serif;max-width:60em;margin:2em auto;line-height:1.9;color:#222}\n")
        .append("table{border-collapse:collapse;font-family:sans-serif;font-size:90%}td,th{padding:.2em .8em;text-align:left}\n")
        .append(".t{padding:.1em .15em;border-radius:3px}.g{background:#b7e4b0}.r{background:#f4b6b0}\n")
        .append(".x{background:#e6e6e6;color:#777;text-decoration:line-through}\n")
        .append(".v{font-weight:bold}.flag{color:#a00}.pass{color:#070}.legend span{margin-right:1em}\n")
        .append("</style></head><body>\n<h1>Watermark test: ").append(escape(d.scheme())).append("</h1>\n");
    boolean flagged = d.flagged(alpha);
    h.append("<p class=\"v ").append(flagged ? "flag" : "pass").append("\">")
        .append(flagged ? "Watermarked" : "No watermark found").append(" at false-positive rate ")
        .append(num(alpha)).append(" (p ").append(flagged ? "&le; " : "&gt; ").append(num(alpha)).append(")</p>\n");
    h.append("<table>\n<tr><th>tokens</th><td>").append(d.tokens()).append("</td></tr>\n")
        .append("<tr><th>scored (repeats once)</th><td>").append(d.scored()).append("</td></tr>\n")
        .append("<tr><th>statistic</th><td>").append(num(d.statistic())).append("</td></tr>\n")
        .append("<tr><th>").append(discrete ? "green fraction" : scores.nullModel() instanceof NullModel.Exponential
            ? "mean &minus;ln(1&minus;r)" : "mean g-value").append("</th><td>").append(num(d.score())).append("</td></tr>\n")
        .append("<tr><th>z</th><td>").append(num(d.z())).append("</td></tr>\n")
        .append("<tr><th>p-value (exact)</th><td>").append(d.pValue() == 0 ? "&lt; 1e-300" : num(d.pValue()))
        .append("</td></tr>\n</table>\n");
    h.append("<p class=\"legend\">");
    if (discrete) {
      h.append("<span class=\"t g\">green</span><span class=\"t r\">red</span>");
    } else {
      h.append("<span class=\"t\" style=\"background:").append(heat(0)).append("\">low</span>")
          .append("<span class=\"t\" style=\"background:").append(heat(1)).append("\">high</span>");
    }
    h.append("<span class=\"t x\">repeat, not counted</span></p>\n<p>");
    double[] values = scores.values();
    boolean[] counted = scores.counted();
    for (int t = 0; t < words.length; t++) {
      double v = values[t];
      h.append("<span class=\"t");
      if (!counted[t]) {
        h.append(" x\"");
      } else if (discrete) {
        h.append(v > 0.5 ? " g\"" : " r\"");
      } else {
        h.append("\" style=\"background:").append(heat(v)).append('"');
      }
      h.append(" title=\"").append(discrete ? (v > 0.5 ? "green" : "red") : "value " + num(v))
          .append(counted[t] ? "" : ", repeat").append("\">").append(escape(words[t])).append("</span> ");
    }
    h.append("</p>\n</body></html>\n");
    return h.toString();
  }

  /**
   * Writes a page atomically: to a temporary file beside the target, then renamed over it, so a reader
   * never sees half a page.
   *
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void write(Path file, String html) {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
      Files.writeString(tmp, html, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the rename succeeded or the original error is more useful
        }
      }
    }
  }

  /** A colour from red (0) through pale yellow to green (1). */
  static String heat(double v) {
    double x = Math.max(0, Math.min(1, v));
    int r = (int) Math.round(x < 0.5 ? 244 : 244 - (x - 0.5) * 2 * (244 - 150));
    int g = (int) Math.round(x < 0.5 ? 160 + x * 2 * (235 - 160) : 235 - (x - 0.5) * 2 * (235 - 220));
    int b = (int) Math.round(x < 0.5 ? 150 + x * 2 * (170 - 150) : 170 - (x - 0.5) * 2 * (170 - 140));
    return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static String num(double x) {
    return Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6 || x == 0 ? String.format(Locale.ROOT, "%.4g", x)
        : String.format(Locale.ROOT, "%.3e", x);
  }
}
