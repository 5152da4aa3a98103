package org.tailguard.models;

/**
 * A named collapse indicator that a family records per chain and generation.
 *
 * @param name the column name in the run store, snake_case, such as {@code w2} or {@code lost_mass}
 * @param description what the indicator measures and the formula or paper it follows
 * @param logScale whether plots should use a logarithmic axis (variances that shrink geometrically)
 * @param byDefault whether it is recorded when the spec does not list metrics (expensive ones are opt-in)
 */
public record Indicator(String name, String description, boolean logScale, boolean byDefault) {
  public static Indicator of(String name, String description) {
    return new Indicator(name, description, false, true);
  }

  public static Indicator log(String name, String description) {
    return new Indicator(name, description, true, true);
  }

  public static Indicator optIn(String name, String description) {
    return new Indicator(name, description, false, false);
  }
}
