package org.tailguard.monitor;

import java.util.List;

/**
 * What an ingest call stored.
 *
 * @param accepted records committed
 * @param skipped bad lines skipped (only with {@code OnBadInput.SKIP})
 * @param batches transactions committed
 * @param errors the first {@value #MAX_ERRORS} bad lines' messages
 * @param versions the {@code model/version} pairs that received records, in order of first appearance
 */
public record IngestResult(long accepted, long skipped, long batches, List<String> errors, List<String> versions) {
  /** How many error messages a result keeps. */
  public static final int MAX_ERRORS = 20;
}
