package org.tailguard.store;

/**
 * A run-store failure with a one-line message that names the store file, meant to be printed as is.
 *
 * <p>Covers a store that cannot be opened (a directory, unreadable, not SQLite, a newer schema), a store
 * that another process is writing (the message names the lock file and the holder's PID), a run id that
 * matches no run or several, and a write that SQLite refused. The CLI treats it like a bad argument.
 */
public final class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
