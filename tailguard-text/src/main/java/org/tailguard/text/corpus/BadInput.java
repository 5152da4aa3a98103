package org.tailguard.text.corpus;

/**
 * Why a reader rejected a line (or a file, in {@link TextFormat#FILE} mode).
 *
 * <p>The reasons of {@link SkipReport}'s counts and of the readers' error messages.
 */
public enum BadInput {
  /** The bytes are not well-formed UTF-8 (RFC 3629), including encoded surrogates and overlong forms. */
  INVALID_UTF8("invalid UTF-8"),
  /** The document's text is empty or only whitespace (a blank line, or {@code "text": ""}). */
  EMPTY("empty document"),
  /** The line (or file) is longer than the reader's byte limit. */
  TOO_LONG("too long"),
  /** A JSONL line is not one well-formed JSON object. */
  MALFORMED_JSON("malformed JSON"),
  /** A JSONL object has no string field {@code text}. */
  MISSING_TEXT("no string field \"text\"");

  private final String description;

  BadInput(String description) {
    this.description = description;
  }

  /** A short phrase for messages, such as {@code invalid UTF-8}. */
  public String description() {
    return description;
  }
}
