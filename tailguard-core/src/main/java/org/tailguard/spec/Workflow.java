package org.tailguard.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the training data of each generation is assembled from real data and earlier synthetic data.
 *
 * <p>The workflows of the model-collapse literature: Shumailov et al. (Nature 2024) replace the data each
 * generation and, in their second regime, keep a random share γ of the original data; Gerstgrasser et al.
 * (COLM 2024) accumulate real and all earlier synthetic data; Kazdan et al. (arXiv 2410.16713) accumulate
 * a pool and train on a fixed-size subsample of it; Alemohammad et al. (ICLR 2024) add fresh real data to
 * the synthetic data in each generation. Sampling bias λ is orthogonal and set in {@link WorkflowSpec#bias()}.
 */
public enum Workflow {
  /** Each generation trains only on samples from the previous generation's model. */
  REPLACE("replace"),
  /** Each generation trains on all real data plus all synthetic data produced so far. */
  ACCUMULATE("accumulate"),
  /** The pool accumulates as in {@link #ACCUMULATE}; each generation trains on a fixed-size subset of it. */
  ACCUMULATE_SUBSAMPLE("accumulate-subsample"),
  /** Each generation trains on n_real fresh real samples plus n_synth samples of the previous model. */
  FRESH("fresh"),
  /** Each generation trains on a random share γ of the original data plus synthetic data, same total size. */
  KEEP_ORIGINAL("keep-original");

  private final String id;

  Workflow(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  @JsonCreator
  public static Workflow parse(String id) {
    for (Workflow w : values()) {
      if (w.id.equals(id)) {
        return w;
      }
    }
    throw new SpecException("workflow.type", "unknown workflow '" + id + "'; expected one of "
        + Arrays.stream(values()).map(Workflow::id).collect(Collectors.joining(", ")));
  }
}
