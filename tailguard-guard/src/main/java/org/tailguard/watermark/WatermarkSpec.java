package org.tailguard.watermark;

import java.util.List;
import org.tailguard.spec.SpecException;

/**
 * The parameters of one watermark scheme; a validated record per scheme, whose errors name the field under
 * {@code watermark}. {@link #named} gives the presets the CLI offers:
 * <pre>
 *   kgw            KGW, γ 0.25, δ 2, h 4, ordered context hash      (Kirchenbauer et al. 2023)
 *   kgw-selfhash   KGW, γ 0.25, δ 2, h 4, anchored min-hash with self-salt (the repository's "selfhash")
 *   kgw-minhash    KGW, γ 0.25, δ 2, h 4, min-hash of the context   (the repository's "minhash")
 *   kgw-lefthash   KGW, γ 0.25, δ 2, h 1, the previous token         (the paper's original scheme)
 *   unigram        one fixed green list, γ 0.5, δ 2                 (Zhao et al. 2024)
 *   exp            exponential-minimum sampling, h 4                (Aaronson 2023; Kuditipudi et al. 2024)
 *   synthid        tournament sampling, 30 layers, h 4, 1024 candidates (Dathathri et al. 2024)
 * </pre>
 */
public sealed interface WatermarkSpec permits KgwSpec, UnigramSpec, ExpSpec, SynthIdSpec {
  /** The spec path of a watermark block, used in error messages. */
  String FIELD = "watermark";

  /** The scheme's name as reports and {@link Detection#scheme()} give it. */
  String name();

  /** The preset names of {@link #named}. */
  static List<String> names() {
    return List.of("kgw", "kgw-selfhash", "kgw-minhash", "kgw-lefthash", "unigram", "exp", "synthid");
  }

  /**
   * A preset by name (see the table above).
   *
   * @throws SpecException naming {@code field} and listing the presets if the name is unknown
   */
  static WatermarkSpec named(String field, String name) {
    String n = name == null ? "" : name.strip();
    return switch (n) {
      case "kgw" -> KgwSpec.defaults();
      case "kgw-selfhash" -> KgwSpec.selfHash();
      case "kgw-minhash" -> new KgwSpec(null, null, null, ContextHash.MIN_HASH, null);
      case "kgw-lefthash" -> new KgwSpec(null, null, 1, ContextHash.ORDERED, null);
      case "unigram" -> UnigramSpec.defaults();
      case "exp" -> ExpSpec.defaults();
      case "synthid" -> SynthIdSpec.defaults();
      default -> throw new SpecException(field, "unknown watermark '" + n + "'; expected one of "
          + String.join(", ", names()));
    };
  }

  /** γ in (0, 1), for KGW and Unigram. */
  static double gamma(String field, Double gamma, double dflt) {
    double g = gamma == null ? dflt : gamma;
    if (!(g > 0 && g < 1)) {
      throw new SpecException(field, "must be in (0, 1), got " + g);
    }
    return g;
  }

  /** δ in (0, 20]: beyond, e^δ makes the green list a hard constraint and the text a forced choice. */
  static double delta(String field, Double delta, double dflt) {
    double d = delta == null ? dflt : delta;
    if (!(d > 0 && d <= 20)) {
      throw new SpecException(field, "must be in (0, 20], got " + d);
    }
    return d;
  }

  /** A context width in [min, 16]. */
  static int context(String field, Integer context, int dflt, int min) {
    int h = context == null ? dflt : context;
    if (h < min || h > 16) {
      throw new SpecException(field, "must be in [" + min + ", 16], got " + h);
    }
    return h;
  }
}
