package org.tailguard.models.regression;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.tailguard.random.RandomStreams;
import org.tailguard.spec.SpecException;

/**
 * The true weights w* of the linear-regression family, written in a spec as {@code ones}, a number c
 * (w* = c·1), {@code random} (w* ~ N(0, I_d) from {@code model.weights_seed}) or a list of d numbers.
 *
 * <p>Under OLS the error ŵ − w* does not depend on w* (Gerstgrasser et al., arXiv 2404.01413, §2: the error
 * recursion e_n = e_{n−1} + A ε_n has no w* in it), so w* changes only the weight norm, not the test error.
 *
 * @param kind how the weights were given
 * @param scale the constant c for {@link Kind#CONSTANT} (1 for {@link Kind#ONES})
 * @param values the explicit weights for {@link Kind#EXPLICIT}, else null
 */
public record TrueWeights(Kind kind, double scale, List<Double> values) {
  private static final String FIELD = "model.true_weights";

  /** How the weights were given. */
  public enum Kind { ONES, CONSTANT, RANDOM, EXPLICIT }

  public static final TrueWeights ONES = new TrueWeights(Kind.ONES, 1.0, null);
  public static final TrueWeights RANDOM = new TrueWeights(Kind.RANDOM, Double.NaN, null);

  public TrueWeights {
    if (kind == null || (kind == Kind.EXPLICIT) != (values != null)) {
      throw new IllegalArgumentException("explicit weights need values, other kinds none: " + kind);
    }
    values = values == null ? null : List.copyOf(values);
  }

  /** w* = c·1. */
  public static TrueWeights constant(double c) {
    if (!Double.isFinite(c)) {
      throw new SpecException(FIELD, "must be a finite number, got " + c);
    }
    return new TrueWeights(Kind.CONSTANT, c, null);
  }

  /** Explicit weights, one per feature. */
  public static TrueWeights of(double... w) {
    List<Double> v = new ArrayList<>(w.length);
    for (int j = 0; j < w.length; j++) {
      if (!Double.isFinite(w[j])) {
        throw new SpecException(FIELD + "[" + j + "]", "must be a finite number, got " + w[j]);
      }
      v.add(w[j]);
    }
    if (v.isEmpty()) {
      throw new SpecException(FIELD, "must not be an empty list");
    }
    return new TrueWeights(Kind.EXPLICIT, Double.NaN, v);
  }

  /** Reads the YAML value: {@code ones}, {@code random}, a number or a list of numbers. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static TrueWeights parse(Object raw) {
    return switch (raw) {
      case String s when s.equals("ones") -> ONES;
      case String s when s.equals("random") -> RANDOM;
      case Number n -> constant(n.doubleValue());
      case List<?> list -> {
        double[] w = new double[list.size()];
        for (int j = 0; j < w.length; j++) {
          if (!(list.get(j) instanceof Number n)) {
            throw new SpecException(FIELD + "[" + j + "]", "must be a number, got '" + list.get(j) + "'");
          }
          w[j] = n.doubleValue();
        }
        yield of(w);
      }
      case null -> throw new SpecException(FIELD, "must not be null");
      default -> throw new SpecException(FIELD, "must be ones, random, a number or a list of numbers, got '"
          + raw + "'");
    };
  }

  /** The YAML form: {@code ones}, {@code random}, the number or the list. */
  @JsonValue
  public Object json() {
    return switch (kind) {
      case ONES -> "ones";
      case RANDOM -> "random";
      case CONSTANT -> scale;
      case EXPLICIT -> values;
    };
  }

  /** Checks that explicit weights have {@code dim} entries. */
  void check(int dim) {
    if (kind == Kind.EXPLICIT && values.size() != dim) {
      throw new SpecException(FIELD, "has " + values.size() + " entries but model.dim is " + dim);
    }
  }

  /** w* in d dimensions; {@code seed} is used only by {@code random}. */
  double[] resolve(int dim, long seed) {
    double[] w = new double[dim];
    switch (kind) {
      case ONES, CONSTANT -> Arrays.fill(w, scale);
      case EXPLICIT -> {
        check(dim);
        for (int j = 0; j < dim; j++) {
          w[j] = values.get(j);
        }
      }
      case RANDOM -> {
        UniformRandomProvider rng = RandomStreams.of(seed);
        ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int j = 0; j < dim; j++) {
          w[j] = z.sample();
        }
      }
    }
    return w;
  }
}
