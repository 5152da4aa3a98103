package org.tailguard.spec;

/**
 * A user error in an experiment spec or a command-line parameter: names the field, the value and the rule.
 *
 * <p>The message is one line and is meant to be printed as is; the CLI exits with status 2 on it.
 */
public final class SpecException extends RuntimeException {
  private final String field;

  public SpecException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  /** An error whose message already says where it is. */
  public SpecException(String message) {
    super(message);
    this.field = null;
  }

  public SpecException(String message, Throwable cause) {
    super(message, cause);
    this.field = null;
  }

  /** The dotted path of the offending field, such as {@code workflow.keep}, or null if not tied to one. */
  public String field() {
    return field;
  }
}
