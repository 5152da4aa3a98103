package org.tailguard.curate;

import java.util.List;
import java.util.Set;
import org.tailguard.spec.Check;
import org.tailguard.spec.SpecException;

/**
 * CCNet's perplexity buckets (Wenzek et al. 2020, §3.3; {@code cc_net/perplexity.py}, the {@code cutoff.csv}
 * of per-language percentiles): a document is {@code head} if its perplexity under the reference model is
 * below the 30th percentile of the calibration perplexities, {@code middle} if below the 60th, else
 * {@code tail}. The cut-offs are computed once from human calibration text (NumPy's linear percentile), or
 * given. The stage tags every document ({@code NAME__perplexity}, {@code NAME__bucket} = 0, 1, 2) and drops
 * those whose bucket is not in {@code keep} (reason {@code perplexity_<bucket>}); by default it keeps all.
 */
public final class PerplexityBuckets implements DocStage {
  /** The buckets in order. */
  public static final List<String> BUCKETS = List.of("head", "middle", "tail");

  /**
   * The settings.
   *
   * @param name the stage name (default {@code perplexity_buckets})
   * @param reference the reference model
   * @param calibration bundled splits whose perplexities set the cut-offs (default: the reference's training
   *     splits; required with an ARPA reference unless {@code cutoffs} is given)
   * @param percentiles the two percentiles (default 30 and 60)
   * @param cutoffs two explicit perplexity cut-offs instead of calibration, or null
   * @param keep the buckets to keep (default all three)
   */
  public record Config(String name, ReferenceSpec reference, List<String> calibration, List<Double> percentiles,
      List<Double> cutoffs, List<String> keep) implements StageConfig {
    public Config {
      name = name == null ? "perplexity_buckets" : Check.name("name", name);
      Check.required("reference", reference);
      calibration = calibration == null ? reference.train() : List.copyOf(calibration);
      percentiles = percentiles == null ? List.of(30.0, 60.0) : List.copyOf(percentiles);
      if (percentiles.size() != 2 || !(percentiles.get(0) > 0 && percentiles.get(0) < percentiles.get(1)
          && percentiles.get(1) < 100)) {
        throw new SpecException("percentiles", "must be two increasing numbers in (0, 100), got " + percentiles);
      }
      if (cutoffs != null) {
        cutoffs = List.copyOf(cutoffs);
        if (cutoffs.size() != 2 || !(cutoffs.get(0) > 0 && cutoffs.get(0) <= cutoffs.get(1))) {
          throw new SpecException("cutoffs", "must be two increasing positive perplexities, got " + cutoffs);
        }
      } else if (calibration.isEmpty()) {
        throw new SpecException("calibration", "is required with an ARPA reference (or give cutoffs)");
      }
      keep = keep == null ? BUCKETS : StageConfig.reasons("keep", keep, BUCKETS);
    }

    @Override
    public Stage build(StageContext context) {
      double lo;
      double hi;
      if (cutoffs != null) {
        lo = cutoffs.get(0);
        hi = cutoffs.get(1);
      } else {
        double[] pp = calibration.stream().flatMapToDouble(s -> java.util.Arrays.stream(context.perplexities(reference, s)))
            .toArray();
        lo = Quantiles.linear(pp, percentiles.get(0) / 100);
        hi = Quantiles.linear(pp, percentiles.get(1) / 100);
      }
      return new PerplexityBuckets(name, context.model(reference), lo, hi, Set.copyOf(keep));
    }
  }

  private final String name;
  private final ReferenceModel model;
  private final double lo;
  private final double hi;
  private final Set<String> keep;

  PerplexityBuckets(String name, ReferenceModel model, double lo, double hi, Set<String> keep) {
    this.name = name;
    this.model = model;
    this.lo = lo;
    this.hi = hi;
    this.keep = keep;
  }

  @Override
  public String name() {
    return name;
  }

  /** The two cut-offs (head below the first, middle below the second). */
  public double[] cutoffs() {
    return new double[] {lo, hi};
  }

  @Override
  public Histogram.Spec histogram() {
    return new Histogram.Spec("log10_perplexity", 0, 5, 50);
  }

  /** The bucket of a perplexity: 0 head, 1 middle, 2 tail. */
  public int bucket(double pp) {
    return pp < lo ? 0 : pp < hi ? 1 : 2;
  }

  @Override
  public Verdict apply(Doc doc) {
    double pp = model.perplexity(doc.text());
    int b = bucket(pp);
    int n = doc.text().length();
    List<Attribute> attrs = List.of(Attribute.whole(name + "__perplexity", n, pp), Attribute.whole(name + "__bucket", n, b));
    double log = Math.log10(pp);
    return keep.contains(BUCKETS.get(b)) ? new Verdict.Keep(doc, log, attrs)
        : new Verdict.Drop("perplexity_" + BUCKETS.get(b), log, attrs);
  }
}
