package org.tailguard.monitor;

import java.time.Instant;

/**
 * An early warning: which indicator moved, by how much, from which version, and outputs that show it.
 *
 * <p>Raised by the {@link WarningPolicy}'s rules when {@link Monitor#evaluate} runs: a threshold on the
 * relative change of an indicator against the baseline version (the defaults are the tiers of
 * collapse-science.md §4: distinct-n −10%, reference perplexity +10%, vocabulary coverage −20%), the
 * domain-classifier drift test ({@link DriftTest}), or a Mann–Kendall trend over the last versions
 * ({@link MannKendall}).
 *
 * @param model the model
 * @param version the version that moved
 * @param rule the rule's id, such as {@code distinct-n-down}
 * @param indicator the indicator's name ({@code drift_auc} for drift)
 * @param baselineVersion the version compared against (for a trend: the window's first version)
 * @param baselineValue the indicator there
 * @param value the indicator now
 * @param change (value − baselineValue)/baselineValue
 * @param threshold the rule's threshold (a relative change, an AUC floor, or a p-value level)
 * @param message one line for people
 * @param detail the rule's statistics in one line (the trend's S and p, the drift test's AUC and null quantile)
 * @param examples the evidence
 * @param active false once a later evaluation no longer finds it (the version received more data)
 * @param raisedAt when it was first raised
 */
public record Warning(String model, String version, String rule, String indicator, String baselineVersion,
    double baselineValue, double value, double change, double threshold, String message, String detail,
    Examples examples, boolean active, Instant raisedAt) {}
