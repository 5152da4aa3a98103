package org.tailguard.monitor;

import java.time.Instant;

/**
 * One version of a monitored model as the store knows it.
 *
 * @param model the model's name
 * @param version the version's name
 * @param ordinal the version's position among the model's versions, 0 for the first seen
 * @param records responses folded into the version's sketches and sample: what its indicators reflect
 * @param pending responses acknowledged but not yet folded (they wait in the store's inbox; at most
 *     {@code batch_size} in all, folded by the next ingest that fills the inbox, {@link Monitor#flush()},
 *     {@link Monitor#evaluate} or {@link Monitor#close()})
 * @param tokens word tokens in the folded responses
 * @param firstSeen the earliest record timestamp (or ingest time for records without one); null if empty
 * @param lastSeen the latest one; null if empty
 */
public record VersionInfo(String model, String version, int ordinal, long records, long pending, long tokens,
    Instant firstSeen, Instant lastSeen) {
  /** Every acknowledged response: folded plus pending. */
  public long acknowledged() {
    return records + pending;
  }
}
