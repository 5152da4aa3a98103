package org.tailguard.monitor;

/**
 * A response from a version's reservoir sample (a uniform random sample of its responses).
 *
 * @param promptId the prompt's id, or null
 * @param prompt the prompt, or null
 * @param response the response
 * @param timestamp the record's timestamp (ISO-8601), or null
 * @param meta the record's metadata as JSON text, or null
 */
public record SampledResponse(String promptId, String prompt, String response, String timestamp, String meta) {}
