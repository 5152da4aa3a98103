package org.tailguard.monitor;

/**
 * Where new warnings go when {@link Monitor#evaluate} raises them: the log ({@link LogSink}), a webhook
 * ({@link WebhookSink}), or anything else. The store's warnings table, which the dashboard reads, is always
 * written. A sink hears of a warning once, when it is first raised (or raised again after it had cleared).
 */
@FunctionalInterface
public interface WarningSink {
  /**
   * Delivers a warning. A sink must not throw for delivery failures (log them instead): the warning is
   * already stored, and other sinks must still hear of it.
   */
  void accept(Warning warning);
}
