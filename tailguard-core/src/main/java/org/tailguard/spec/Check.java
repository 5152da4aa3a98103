package org.tailguard.spec;

import java.util.Objects;

/**
 * Validation helpers for spec records, used in compact constructors so that an invalid spec cannot exist.
 *
 * <p>Each helper throws a {@link SpecException} naming the field, the value seen and the rule broken
 * (the pattern of Caffeine's {@code requireArgument} and Tribuo's {@code PropertyException}).
 */
public final class Check {
  private Check() {}

  public static <T> T required(String field, T value) {
    if (value == null) {
      throw new SpecException(field, "is required");
    }
    return value;
  }

  public static int atLeast(String field, int value, int min) {
    if (value < min) {
      throw new SpecException(field, "must be at least " + min + ", got " + value);
    }
    return value;
  }

  public static long atLeast(String field, long value, long min) {
    if (value < min) {
      throw new SpecException(field, "must be at least " + min + ", got " + value);
    }
    return value;
  }

  public static double finite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw new SpecException(field, "must be a finite number, got " + value);
    }
    return value;
  }

  public static double positive(String field, double value) {
    finite(field, value);
    if (value <= 0) {
      throw new SpecException(field, "must be positive, got " + value);
    }
    return value;
  }

  /** Requires {@code lo <= value <= hi}. */
  public static double inClosed(String field, double value, double lo, double hi) {
    finite(field, value);
    if (value < lo || value > hi) {
      throw new SpecException(field, "must be in [" + lo + ", " + hi + "], got " + value);
    }
    return value;
  }

  /** Requires {@code lo < value <= hi}. */
  public static double inHalfOpen(String field, double value, double lo, double hi) {
    finite(field, value);
    if (value <= lo || value > hi) {
      throw new SpecException(field, "must be in (" + lo + ", " + hi + "], got " + value);
    }
    return value;
  }

  /** Rejects a parameter that the chosen variant does not use, rather than silently ignoring it. */
  public static void absent(String field, Object value, String why) {
    if (value != null) {
      throw new SpecException(field, "is not allowed here: " + why);
    }
  }

  public static String name(String field, String value) {
    Objects.requireNonNull(value);
    if (!value.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,79}")) {
      throw new SpecException(field, "must be 1-80 letters, digits, '.', '_' or '-', got '" + value + "'");
    }
    return value;
  }
}
