package org.tailguard.spec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The model family of an experiment and its parameters, such as the true distribution and the estimator.
 *
 * <p>Each family contributes one record implementing this interface; the YAML key {@code model.family}
 * selects it. Families register through {@link ModelSpecType}, so a module added later (text, neural)
 * brings its own family without changes here.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "family")
public interface ModelSpec {
  /**
   * Rejects a workflow this family cannot run, such as too few samples for its estimator; called when an
   * {@link ExperimentSpec} is built. The default accepts every workflow.
   *
   * @throws SpecException naming the offending field
   */
  default void checkWorkflow(WorkflowSpec workflow) {}
}
