package org.tailguard.store;

import java.util.Locale;

/**
 * The life cycle of a stored run: {@code running} until the CLI marks it {@code finished}, {@code failed}
 * (an exception) or {@code interrupted} (Ctrl-C); a process that dies leaves it {@code running}.
 *
 * <p>Every state but {@code finished} can be resumed from the simulator's checkpoint (the pattern of
 * datatrove's completion markers: a rerun skips what is done).
 */
public enum RunStatus {
  RUNNING, FINISHED, FAILED, INTERRUPTED;

  /** The lower-case label stored in the database and shown to users. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a run in this state may be resumed. */
  public boolean resumable() {
    return this != FINISHED;
  }

  static RunStatus parse(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
