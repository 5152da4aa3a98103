package org.tailguard.cli;

/** A user error found by the CLI itself (a missing file, an impossible option); exits with status 2. */
final class UserException extends RuntimeException {
  UserException(String message) {
    super(message);
  }

  UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
