package org.tailguard.store;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Exports a stored run as CSV (RFC 4180) or JSON Lines, streaming from SQLite in constant memory.
 *
 * <p>Two tables: {@link Table#SUMMARIES} has one record per (generation, indicator) with the summary over
 * chains (median, 10th and 90th percentiles, mean, sd, finite count n and NaN count; {@link
 * org.tailguard.metrics.Summary}); {@link Table#CHAINS} has one record per (generation, chain, indicator)
 * value. CSV has a header row, CRLF line ends, and quotes a field only when it holds a comma, a quote or
 * a line break; NaN is an empty field and ±∞ is {@code Inf}/{@code -Inf} (read as such by pandas and R).
 * Each JSONL record carries the run id; NaN is {@code null} and ±∞ is the string
 * {@code "Infinity"}/{@code "-Infinity"} (JSON has no non-finite numbers). A file target is written
 * atomically ({@link AtomicOutput}).
 */
public final class RunExport {
  /** Which rows to export. */
  public enum Table {
    /** (generation, indicator, median, p10, p90, mean, sd, n, nan). */
    SUMMARIES,
    /** (generation, chain, indicator, value); needs a run stored with per-chain rows. */
    CHAINS
  }

  /** The output format. */
  public enum Format {
    CSV, JSONL;

    /** The usual file extension, without the dot. */
    public String extension() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private RunExport() {}

  /**
   * Writes a run's table to a file atomically (a temporary sibling, then a rename).
   *
   * @return the number of records written (not counting the CSV header)
   * @throws StoreException if the run is unknown, or per-chain rows were asked of a summaries-only run
   * @throws IOException if the file cannot be written; it is then left as it was
   */
  public static long write(RunStore store, String runId, Table table, Format format, Path target)
      throws IOException {
    Run run = store.find(runId);
    long[] count = new long[1];
    AtomicOutput.file(target, out -> {
      Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
      count[0] = write(store, run, table, format, w);
      w.flush();
    });
    return count[0];
  }

  /**
   * Streams a run's table to a writer (standard output, say), which the caller flushes and closes.
   *
   * @return the number of records written (not counting the CSV header)
   */
  public static long write(RunStore store, String runId, Table table, Format format, Writer out)
      throws IOException {
    return write(store, store.find(runId), table, format, out);
  }

  private static long write(RunStore store, Run run, Table table, Format format, Writer out) throws IOException {
    long[] n = new long[1];
    String id = json(run.id());
    try {
      switch (table) {
        case SUMMARIES -> {
          if (format == Format.CSV) {
            out.write("generation,indicator,median,p10,p90,mean,sd,n,nan\r\n");
          }
          store.scanSummaries(run, (g, ind, s) -> {
            if (format == Format.CSV) {
              out.write(g + "," + csv(ind) + "," + csv(s.median()) + "," + csv(s.p10()) + "," + csv(s.p90()) + ","
                  + csv(s.mean()) + "," + csv(s.sd()) + "," + s.count() + "," + s.nan() + "\r\n");
            } else {
              out.write("{\"run_id\":" + id + ",\"generation\":" + g + ",\"indicator\":" + json(ind)
                  + ",\"median\":" + json(s.median()) + ",\"p10\":" + json(s.p10()) + ",\"p90\":" + json(s.p90())
                  + ",\"mean\":" + json(s.mean()) + ",\"sd\":" + json(s.sd()) + ",\"n\":" + s.count()
                  + ",\"nan\":" + s.nan() + "}\n");
            }
            n[0]++;
          });
        }
        case CHAINS -> {
          if (format == Format.CSV) {
            out.write("generation,chain,indicator,value\r\n");
          }
          store.scanChains(run, (g, chain, ind, v) -> {
            if (format == Format.CSV) {
              out.write(g + "," + chain + "," + csv(ind) + "," + csv(v) + "\r\n");
            } else {
              out.write("{\"run_id\":" + id + ",\"generation\":" + g + ",\"chain\":" + chain + ",\"indicator\":"
                  + json(ind) + ",\"value\":" + json(v) + "}\n");
            }
            n[0]++;
          });
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return n[0];
  }

  /** An RFC 4180 field: quoted only if it holds a comma, a double quote, CR or LF. */
  static String csv(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\r') < 0 && s.indexOf('\n') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  static String csv(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Inf" : "-Inf";
    }
    return Double.toString(v); // shortest text that reads back to the same double
  }

  static String json(double v) {
    if (Double.isNaN(v)) {
      return "null";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    }
    return Double.toString(v);
  }

  static String json(String s) {
    return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
  }
}
