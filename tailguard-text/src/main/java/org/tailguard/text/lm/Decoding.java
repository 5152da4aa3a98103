package org.tailguard.text.lm;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.tailguard.spec.Check;
import org.tailguard.spec.SpecException;

/**
 * How a language model picks each next token: the decoding of a text experiment, as a spec describes it.
 *
 * <pre>
 *   decoding: {method: sample}                           # ancestral sampling, temperature 1
 *   decoding: {method: sample, temperature: 0.7}         # p^(1/T), renormalised
 *   decoding: {method: top-k, k: 40, temperature: 1.0}   # the k most probable tokens (Fan et al. 2018)
 *   decoding: {method: top-p, p: 0.9, temperature: 0.7}  # nucleus sampling (Holtzman et al. 2020)
 *   decoding: {method: greedy}                           # the most probable token
 *   decoding: {method: beam, width: 5}                   # beam search (Shumailov et al. 2024 use 5)
 * </pre>
 * Temperature applies first and truncation second, as the logits warpers of Hugging Face transformers do:
 * the nucleus is the smallest set of most probable tokens whose tempered mass reaches p. Errors name the
 * field under {@code model.decoding}.
 *
 * @param method sample, top-k, top-p, greedy or beam
 * @param k the number of tokens kept by top-k, at least 1
 * @param p the nucleus mass of top-p, in (0, 1]
 * @param temperature T &gt; 0 of sample, top-k and top-p; default 1
 * @param width the beam width, at least 1; default 5
 */
public record Decoding(String method, Integer k, Double p, Double temperature, Integer width) {
  /** The spec path of the decoding block, used in error messages. */
  public static final String FIELD = "model.decoding";

  /** The decoding methods, by spec name. */
  public enum Method {
    SAMPLE("sample"), TOP_K("top-k"), TOP_P("top-p"), GREEDY("greedy"), BEAM("beam");

    private final String spec;

    Method(String spec) {
      this.spec = spec;
    }

    public String spec() {
      return spec;
    }

    static Method of(String name) {
      for (Method m : values()) {
        if (m.spec.equals(name)) {
          return m;
        }
      }
      throw new SpecException(FIELD + ".method", "unknown method '" + name + "'; expected one of "
          + Arrays.stream(values()).map(Method::spec).collect(Collectors.joining(", ")));
    }
  }

  public Decoding {
    Method m = Method.of(Check.required(FIELD + ".method", method));
    String uses = "only method ";
    if (m != Method.TOP_K) {
      Check.absent(FIELD + ".k", k, uses + "top-k uses it");
    }
    if (m != Method.TOP_P) {
      Check.absent(FIELD + ".p", p, uses + "top-p uses it");
    }
    if (m != Method.BEAM) {
      Check.absent(FIELD + ".width", width, uses + "beam uses it");
    }
    switch (m) {
      case TOP_K -> Check.atLeast(FIELD + ".k", Check.required(FIELD + ".k", k), 1);
      case TOP_P -> Check.inHalfOpen(FIELD + ".p", Check.required(FIELD + ".p", p), 0, 1);
      case BEAM -> width = Check.atLeast(FIELD + ".width", width == null ? 5 : width, 1);
      default -> { }
    }
    if (m == Method.GREEDY || m == Method.BEAM) {
      Check.absent(FIELD + ".temperature", temperature, m.spec() + " is deterministic");
    } else {
      temperature = Check.positive(FIELD + ".temperature", temperature == null ? 1.0 : temperature);
    }
  }

  /** Ancestral sampling at temperature 1. */
  public static Decoding sample() {
    return new Decoding("sample", null, null, null, null);
  }

  public static Decoding sample(double temperature) {
    return new Decoding("sample", null, null, temperature, null);
  }

  public static Decoding topK(int k, double temperature) {
    return new Decoding("top-k", k, null, temperature, null);
  }

  public static Decoding topP(double p, double temperature) {
    return new Decoding("top-p", null, p, temperature, null);
  }

  public static Decoding greedy() {
    return new Decoding("greedy", null, null, null, null);
  }

  public static Decoding beam(int width) {
    return new Decoding("beam", null, null, null, width);
  }

  public Method kind() {
    return Method.of(method);
  }

  /** The temperature, 1 for the deterministic methods. */
  public double t() {
    return temperature == null ? 1 : temperature;
  }
}
