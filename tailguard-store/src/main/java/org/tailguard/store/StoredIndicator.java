package org.tailguard.store;

/**
 * An indicator as recorded with a run: its column index in the simulator's rows, name, description and
 * whether plots use a log axis (a copy of {@link org.tailguard.models.Indicator}, frozen at run time).
 *
 * @param index the column index in {@link org.tailguard.sim.GenerationSink#generation} rows
 * @param name the snake_case name, such as {@code variance}
 * @param description what it measures, with its formula or paper
 * @param logScale whether plots use a logarithmic y axis
 */
public record StoredIndicator(int index, String name, String description, boolean logScale) {}
