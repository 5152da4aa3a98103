package org.tailguard.detect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.Writer;
import java.util.Map;
import java.util.function.Consumer;
import org.tailguard.spec.SpecException;

/**
 * Scores a stream of documents with a calibrated {@link DetectorModel} and writes one JSON line per
 * document: the library behind {@code tailguard detect FILE|-}.
 *
 * <p>Input is JSONL, one object per line with a {@code text} field (other fields are metadata and are
 * copied to the output; a {@code domain} field picks that domain's thresholds), or plain text, which is one
 * document, or plain text lines, each non-blank line one document. {@link Format#AUTO} chooses JSONL when
 * the first non-blank character is <code>{</code>, else plain text; {@link Format#AUTO_LINES} JSONL or
 * lines (the CLI's default). JSONL and lines are read line by line, so memory stays bounded by the longest document. Each output line holds the
 * input's metadata and {@code words}, {@code detector}, {@code score}, {@code threshold}, {@code fpr},
 * {@code machine} (the primary detector's calibrated decision) and {@code scores} (every detector's
 * score), and for line formats the input {@code line}; a JSONL line without a {@code text} string gets
 * {@code error} instead, naming {@code source:line}, which also goes to the error callback.
 */
public final class StreamScorer {
  /** The input format. */
  public enum Format {
    /** JSONL if the input starts with '{', else plain text. */
    AUTO,
    /** One JSON object per line. */
    JSONL,
    /** The whole input is one document. */
    PLAIN,
    /** Each non-blank line is one document. */
    LINES,
    /** JSONL if the input starts with '{', else {@link #LINES}. */
    AUTO_LINES
  }

  /** Counts of one run. */
  public record Summary(long documents, long flagged, long errors) {}

  private final DetectorModel model;
  private final String detector;
  private final double fpr;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param detector the detector whose decision is reported (its scores are always all reported)
   * @param fpr the target false-positive rate of the decision; must be calibrated
   * @throws SpecException if the detector or rate is unknown
   */
  public StreamScorer(DetectorModel model, String detector, double fpr) {
    this.model = model;
    this.detector = model.detector(detector).name();
    model.thresholds(detector, fpr);
    this.fpr = fpr;
  }

  /** Scores every document of {@code in}, writing one line each to {@code out}. */
  public Summary score(Reader in, Format format, Writer out) throws IOException {
    return score(in, format, out, null, m -> {});
  }

  /**
   * Scores every document of {@code in}, writing one line each to {@code out}.
   *
   * @param source the input's name in error messages ({@code source:line: ...}), or null ({@code line N: ...})
   * @param errors receives each bad line's message as it is met
   */
  public Summary score(Reader in, Format format, Writer out, String source, Consumer<String> errors) throws IOException {
    PushbackReader r = new PushbackReader(in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16), 1);
    Format f = switch (format) {
      case AUTO -> sniff(r) ? Format.JSONL : Format.PLAIN;
      case AUTO_LINES -> sniff(r) ? Format.JSONL : Format.LINES;
      default -> format;
    };
    long errorCount = 0;
    long docs = 0;
    long flagged = 0;
    if (f == Format.PLAIN) {
      StringBuilder text = new StringBuilder();
      char[] buf = new char[1 << 14];
      int n;
      while ((n = r.read(buf)) > 0) {
        text.append(buf, 0, n);
      }
      ObjectNode o = json.createObjectNode();
      flagged += write(o, text.toString(), null, out) ? 1 : 0;
      docs++;
    } else {
      BufferedReader lines = new BufferedReader(r);
      String line;
      long lineNo = 0;
      while ((line = lines.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        docs++;
        if (f == Format.LINES) {
          ObjectNode o = json.createObjectNode();
          o.put("line", lineNo);
          flagged += write(o, line, null, out) ? 1 : 0;
          continue;
        }
        ObjectNode o;
        String where = source == null ? "line " + lineNo : source + ":" + lineNo;
        try {
          JsonNode node = json.readTree(line);
          if (!(node instanceof ObjectNode obj) || !node.path("text").isTextual()) {
            throw new SpecException(where + ": expected a JSON object with a \"text\" string");
          }
          o = obj;
        } catch (JsonProcessingException | SpecException e) {
          errorCount++;
          String message = e instanceof SpecException ? e.getMessage() : where + ": invalid JSON";
          errors.accept(message);
          ObjectNode err = json.createObjectNode();
          err.put("line", lineNo);
          err.put("error", message);
          out.write(json.writeValueAsString(err));
          out.write('\n');
          continue;
        }
        String text = o.remove("text").asText();
        String domain = o.path("domain").isTextual() ? o.path("domain").asText() : null;
        flagged += write(o, text, domain, out) ? 1 : 0;
      }
    }
    out.flush();
    return new Summary(docs, flagged, errorCount);
  }

  private boolean write(ObjectNode o, String text, String domain, Writer out) throws IOException {
    Evidence e = model.analyze(text);
    Decision d = model.decide(detector, e, domain, fpr);
    o.put("words", e.words());
    o.put("detector", d.detector());
    putNumber(o, "score", d.score());
    putNumber(o, "threshold", d.threshold());
    o.put("fpr", d.fpr());
    o.put("machine", d.machine());
    ObjectNode s = o.putObject("scores");
    for (Map.Entry<String, Double> x : model.scores(e).entrySet()) {
      putNumber(s, x.getKey(), x.getValue());
    }
    out.write(json.writeValueAsString(o));
    out.write('\n');
    return d.machine();
  }

  /** JSON has no NaN or infinity: those become null. */
  private static void putNumber(ObjectNode o, String k, double v) {
    if (Double.isFinite(v)) {
      o.put(k, v);
    } else {
      o.putNull(k);
    }
  }

  /** Whether the first non-blank character is '{' (it is pushed back). */
  private static boolean sniff(PushbackReader r) throws IOException {
    int c;
    do {
      c = r.read();
    } while (c >= 0 && Character.isWhitespace(c));
    if (c >= 0) {
      r.unread(c);
    }
    return c == '{';
  }
}
