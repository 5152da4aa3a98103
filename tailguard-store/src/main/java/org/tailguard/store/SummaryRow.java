package org.tailguard.store;

import org.tailguard.metrics.Summary;

/**
 * One indicator at one generation, summarised over chains by {@link Summary#of} (median, 10th and 90th
 * percentiles by Hyndman–Fan type 7, mean, sd, finite count and NaN count).
 *
 * @param generation the generation, from 0
 * @param indicator the indicator name
 * @param summary the summary over chains
 */
public record SummaryRow(int generation, String indicator, Summary summary) {}
