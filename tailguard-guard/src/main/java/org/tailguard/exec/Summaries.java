package org.tailguard.exec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.tailguard.curate.Histogram;
import org.tailguard.curate.StageStats;

/**
 * Run summaries as JSON and as one self-contained HTML page (inline CSS and SVG histograms, no scripts or
 * external files): counts at each stage, the drop reasons, and score histograms.
 */
public final class Summaries {
  private Summaries() {}

  /** The summary as a JSON object. */
  public static ObjectNode toJson(RunSummary s) {
    ObjectNode root = StatsFiles.JSON.createObjectNode();
    root.put("pipeline", s.pipeline());
    root.put("pipeline_sha256", s.pipelineSha256());
    root.put("documents_in", s.documentsIn());
    root.put("documents_out", s.documentsOut());
    root.put("tasks_run", s.tasksRun());
    root.put("tasks_skipped", s.tasksSkipped());
    ArrayNode stages = root.putArray("stages");
    for (StageStats st : s.stages()) {
      stages.add(StatsFiles.toJson(st));
    }
    ArrayNode outs = root.putArray("outputs");
    s.outputs().forEach(p -> outs.add(p.toString()));
    return root;
  }

  /** Writes the summary's JSON atomically. */
  public static void writeJson(Path file, RunSummary s) {
    StatsFiles.atomic(file, toJson(s).toPrettyString() + "\n");
  }

  /** Writes a self-contained HTML page atomically. */
  public static void writeHtml(Path file, String title, String body) {
    StatsFiles.atomic(file, page(title, body));
  }

  /** A complete HTML page around a body. */
  public static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>\n"
        + "<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;"
        + "margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}"
        + "td:first-child,th:first-child{text-align:left}svg{margin:4px 12px 4px 0}.fig{display:inline-block;"
        + "vertical-align:top}</style></head><body>\n<h1>" + esc(title) + "</h1>\n" + body + "</body></html>\n";
  }

  /** The HTML section of one pipeline run: the stage table and the histograms. */
  public static String section(String heading, RunSummary s) {
    StringBuilder b = new StringBuilder();
    b.append("<h2>").append(esc(heading)).append("</h2>\n<p>Pipeline <code>").append(esc(s.pipeline()))
        .append("</code> (sha256 <code>").append(s.pipelineSha256(), 0, 12).append("</code>): ")
        .append(s.documentsIn()).append(" documents in, ").append(s.documentsOut()).append(" out.</p>\n");
    b.append("<table><tr><th>stage</th><th>total</th><th>kept</th><th>dropped</th><th>words in</th>"
        + "<th>words kept</th><th>drop reasons</th></tr>\n");
    for (StageStats st : s.stages()) {
      StringBuilder reasons = new StringBuilder();
      for (Map.Entry<String, Long> e : st.counters().entrySet()) {
        if (e.getKey().startsWith("dropped_")) {
          reasons.append(reasons.isEmpty() ? "" : ", ").append(esc(e.getKey().substring(8))).append(' ')
              .append(e.getValue());
        }
      }
      b.append("<tr><td>").append(esc(st.stage())).append("</td><td>").append(st.get("total")).append("</td><td>")
          .append(st.get("kept")).append("</td><td>").append(st.dropped()).append("</td><td>")
          .append(st.get("words_in")).append("</td><td>").append(st.get("words_kept")).append("</td><td>")
          .append(reasons).append("</td></tr>\n");
    }
    b.append("</table>\n");
    for (StageStats st : s.stages()) {
      if (st.histogram() != null && st.histogram().total() > 0) {
        b.append("<div class=\"fig\">").append(svg(st.stage(), st.histogram())).append("</div>\n");
      }
    }
    return b.toString();
  }

  /** A bar chart of a histogram's bins as inline SVG. */
  public static String svg(String stage, Histogram h) {
    long[] c = h.counts();
    int bins = h.spec().bins();
    long max = 1;
    for (int i = 1; i <= bins; i++) {
      max = Math.max(max, c[i]);
    }
    int w = 300;
    int ht = 120;
    double bw = (double) w / bins;
    StringBuilder b = new StringBuilder();
    b.append("<svg width=\"").append(w + 20).append("\" height=\"").append(ht + 40).append("\" role=\"img\">");
    b.append("<text x=\"0\" y=\"12\" font-size=\"12\">").append(esc(stage + ": " + h.spec().name())).append("</text>");
    for (int i = 0; i < bins; i++) {
      double bh = (double) c[i + 1] / max * ht;
      b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#4a7ab5\">"
          + "<title>%d</title></rect>", 10 + i * bw, 18 + ht - bh, Math.max(bw - 1, 0.5), bh, c[i + 1]));
    }
    b.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" font-size=\"11\">%.3g</text>", ht + 32, h.spec().lo()));
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%.3g</text>",
        w + 10, ht + 32, h.spec().hi()));
    long out = c[0] + c[bins + 1] + c[bins + 2];
    if (out > 0) {
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">"
          + "(%d outside or NaN)</text>", w / 2 + 10, ht + 32, out));
    }
    return b.append("</svg>").toString();
  }

  /** HTML-escapes text. */
  public static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

}
