package org.tailguard.monitor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs each warning's message at WARN through SLF4J, logger {@code org.tailguard.monitor.warnings}. */
public final class LogSink implements WarningSink {
  private static final Logger LOG = LoggerFactory.getLogger("org.tailguard.monitor.warnings");

  @Override
  public void accept(Warning warning) {
    LOG.warn("[{}] {}", warning.rule(), warning.message());
  }
}
