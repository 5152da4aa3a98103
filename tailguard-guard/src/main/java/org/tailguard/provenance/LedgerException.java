package org.tailguard.provenance;

/**
 * A ledger failure with a one-line message that names the file concerned, meant to be printed as is.
 *
 * <p>Covers a ledger file that cannot be opened (missing, a directory, not SQLite, another application's
 * database, a newer format version), a key file that is missing, unreadable, too widely readable or does
 * not match the ledger, a write that SQLite refused, and a lookup of an unknown entity. Tampering is not an
 * exception: {@link Ledger#verify} reports it. The CLI treats this like a bad argument (exit status 2).
 */
public final class LedgerException extends RuntimeException {
  public LedgerException(String message) {
    super(message);
  }

  public LedgerException(String message, Throwable cause) {
    super(message, cause);
  }
}
