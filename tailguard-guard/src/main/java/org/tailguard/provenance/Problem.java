package org.tailguard.provenance;

/**
 * One thing {@link Ledger#verify} found wrong, as one printable line that names the offending entries
 * (sequence number and id) or batches and says what is wrong, such as
 * {@code entry 17 (doc:a): its bytes do not match its recorded hash (edited)}.
 *
 * <p>{@code firstEntry..lastEntry} and {@code firstBatch..lastBatch} are the sequence numbers and batch numbers
 * the line names, or −1 when it names none; tests and tools use {@link #namesEntry}/{@link #namesBatch}
 * rather than parsing the text.
 */
public record Problem(String message, long firstEntry, long lastEntry, long firstBatch, long lastBatch) {
  static Problem entry(long seq, String message) {
    return new Problem(message, seq, seq, -1, -1);
  }

  static Problem entries(long first, long last, String message) {
    return new Problem(message, Math.min(first, last), Math.max(first, last), -1, -1);
  }

  static Problem batch(long batch, String message) {
    return new Problem(message, -1, -1, batch, batch);
  }

  static Problem batches(long first, long last, String message) {
    return new Problem(message, -1, -1, first, last);
  }

  static Problem ledger(String message) {
    return new Problem(message, -1, -1, -1, -1);
  }

  /** This problem, also naming a batch. */
  Problem inBatch(long batch) {
    return new Problem(message, firstEntry, lastEntry, batch, batch);
  }

  /** Whether the line names the entry with this sequence number. */
  public boolean namesEntry(long seq) {
    return firstEntry >= 0 && firstEntry <= seq && seq <= lastEntry;
  }

  /** Whether the line names this batch. */
  public boolean namesBatch(long batch) {
    return firstBatch >= 0 && firstBatch <= batch && batch <= lastBatch;
  }

  @Override
  public String toString() {
    return message;
  }
}
