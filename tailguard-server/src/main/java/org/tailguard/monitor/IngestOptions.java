package org.tailguard.monitor;

import org.tailguard.spec.Check;
import org.tailguard.text.corpus.OnBadInput;

/**
 * How {@link Monitor#ingest(java.io.InputStream, IngestOptions)} streams JSONL.
 *
 * @param source a name for messages and the batch log, such as the file name or {@code stdin}
 * @param onBadInput {@link OnBadInput#FAIL}: stop at the first bad line (the batches committed before it
 *     stay, and the message says how many records they hold); {@link OnBadInput#SKIP}: skip bad lines and
 *     report them in the result
 * @param maxLineBytes the longest line accepted
 * @param listener told after each committed batch, or null
 */
public record IngestOptions(String source, OnBadInput onBadInput, int maxLineBytes, BatchListener listener) {
  public IngestOptions {
    source = source == null ? "input" : source;
    Check.required("ingest.on_bad_input", onBadInput);
    Check.atLeast("ingest.max_line_bytes", maxLineBytes, 64);
  }

  /** Hears of each committed batch: once it returns, those records survive a crash. */
  @FunctionalInterface
  public interface BatchListener {
    /**
     * @param batches batches committed so far by this call
     * @param records records committed so far by this call
     */
    void committed(long batches, long records);
  }

  /** Fail at the first bad line, 4 MiB lines, no listener. */
  public static IngestOptions of(String source) {
    return new IngestOptions(source, OnBadInput.FAIL, JsonlReader.DEFAULT_MAX_LINE_BYTES, null);
  }

  public IngestOptions withOnBadInput(OnBadInput o) {
    return new IngestOptions(source, o, maxLineBytes, listener);
  }

  public IngestOptions withListener(BatchListener l) {
    return new IngestOptions(source, onBadInput, maxLineBytes, l);
  }

  public IngestOptions withMaxLineBytes(int n) {
    return new IngestOptions(source, onBadInput, n, listener);
  }
}
