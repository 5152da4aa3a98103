package org.tailguard.monitor;

import java.time.Instant;
import org.tailguard.spec.SpecException;

/**
 * One output of a monitored model: the unit the monitor ingests, one JSONL line
 * {@code {"model", "version", "prompt_id"?, "prompt"?, "response", "timestamp"?, "meta"?}}.
 *
 * <p>The monitor tracks a model's outputs version by version, the way production teams ship models, so
 * that the collapse indicators of the text lab (Guo et al., NAACL Findings 2024; Shumailov et al., Nature
 * 2024) can be compared across versions. A record names its model and version; a record that carries a
 * {@code promptId} joins the per-prompt comparisons between versions that answered the same prompt.
 *
 * @param model the model's name, 1..{@value #MAX_NAME} characters, no control characters
 * @param version the version's name, 1..{@value #MAX_NAME} characters, no control characters; versions are
 *     ordered by the time the monitor first sees them
 * @param promptId the prompt's id, or null
 * @param prompt the prompt's text, or null (kept with sampled responses, never tokenised)
 * @param response the model's output (may be empty, never null)
 * @param timestamp when the output was produced, or null
 * @param meta a JSON object as text, or null; kept with sampled responses
 */
public record ResponseRecord(String model, String version, String promptId, String prompt, String response,
    Instant timestamp, String meta) {
  /** The longest model, version or prompt id, in characters. */
  public static final int MAX_NAME = 200;

  public ResponseRecord {
    checkName("model", model);
    checkName("version", version);
    if (promptId != null) {
      checkName("prompt_id", promptId);
    }
    if (response == null) {
      throw new SpecException("response", "missing");
    }
  }

  /** A record without prompt, timestamp or metadata. */
  public static ResponseRecord of(String model, String version, String response) {
    return new ResponseRecord(model, version, null, null, response, null, null);
  }

  /** A record answering a prompt. */
  public static ResponseRecord of(String model, String version, String promptId, String prompt, String response) {
    return new ResponseRecord(model, version, promptId, prompt, response, null, null);
  }

  /** Why a name is invalid, or null if it is valid. */
  static String nameProblem(String value) {
    if (value == null) {
      return "missing";
    }
    if (value.isEmpty()) {
      return "must not be empty";
    }
    if (value.length() > MAX_NAME) {
      return "must be at most " + MAX_NAME + " characters, got " + value.length();
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return "must not contain control characters (U+" + String.format("%04X", (int) value.charAt(i))
            + " at " + i + ")";
      }
    }
    return null;
  }

  private static void checkName(String field, String value) {
    String problem = nameProblem(value);
    if (problem != null) {
      throw new SpecException(field, problem);
    }
  }
}
