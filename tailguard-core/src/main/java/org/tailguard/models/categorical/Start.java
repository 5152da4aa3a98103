package org.tailguard.models.categorical;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.tailguard.spec.SpecException;

/**
 * The true distribution of a {@code categorical} experiment.
 *
 * <p>{@code uniform} and {@code zipf} (p_i ∝ i^−β) are the two starts of Kazdan et al.'s discrete
 * experiments (arXiv 2410.16713) and of collapse-science §2.2. {@code counts} starts from observed counts,
 * such as the word counts of a corpus: the truth is the normalised counts and generation 0 is fitted to
 * the counts themselves, which is Kimura's setting for the time to lose an outcome seen c times out of n
 * (Kimura and Ohta, Genetics 61, 1969; Suresh et al., arXiv 2412.17646).
 */
public enum Start {
  UNIFORM("uniform"),
  ZIPF("zipf"),
  COUNTS("counts");

  private final String id;

  Start(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  @JsonCreator
  public static Start parse(String id) {
    for (Start s : values()) {
      if (s.id.equals(id)) {
        return s;
      }
    }
    throw new SpecException("model.start", "unknown start '" + id + "'; expected uniform, zipf or counts");
  }
}
