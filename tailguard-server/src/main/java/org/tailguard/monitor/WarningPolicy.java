package org.tailguard.monitor;

import java.util.List;
import org.tailguard.spec.Check;
import org.tailguard.spec.SpecException;

/**
 * The rules that turn indicator movements into {@link Warning}s, and what each version is compared against.
 *
 * <p>Defaults ({@link #defaults()}): compare every version with the model's first version; skip versions
 * with fewer than 200 responses; and
 * <ul>
 *   <li>{@code distinct-n-down}: distinct_n down by 10% or more;</li>
 *   <li>{@code perplexity-up}: ref_perplexity up by 10% or more;</li>
 *   <li>{@code coverage-down}: ref_coverage (vocabulary coverage of the reference) down by 20% or more —
 *       the three tiers of collapse-science.md §4 (as claimed by the rootiq repository). Without a human reference corpus
 *       the rule reads {@code baseline_coverage} instead: the share of the baseline version's word types the
 *       version still uses, relative to the share the baseline keeps in a second sample of itself;</li>
 *   <li>{@code drift}: the domain-classifier test ({@link DriftTest}) flags the baseline-to-version pair,
 *       and its AUC is at least 0.55, Evidently's absolute threshold. Requiring both keeps the chance of a
 *       false alarm per pair near 0.3% for 500 held-out responses per side (the null AUC's standard
 *       deviation is then about 0.018), where the 95% quantile alone would alarm on 5% of stable pairs;</li>
 *   <li>{@code trend}: a Mann–Kendall trend in the collapse direction over the last 5 versions, one-sided
 *       p &lt; 0.05, on distinct_n, ref_perplexity, ref_coverage and self_bleu, and only if the indicator
 *       moved at least 5% from the window's first to its last version (a trend too small to matter is not
 *       a warning).</li>
 * </ul>
 *
 * @param baseline {@code first} (the model's first evaluated version), {@code previous} (each version
 *     against the one before it), or the name of a version
 * @param minRecords versions with fewer responses are not evaluated
 * @param rules the rules
 */
public record WarningPolicy(String baseline, int minRecords, List<Rule> rules) {
  public WarningPolicy {
    Check.required("policy.baseline", baseline);
    if (baseline.isBlank()) {
      throw new SpecException("policy.baseline", "must be first, previous or a version name");
    }
    Check.atLeast("policy.min_records", minRecords, 1);
    rules = List.copyOf(rules);
    long distinct = rules.stream().map(Rule::id).distinct().count();
    if (distinct != rules.size()) {
      throw new SpecException("policy.rules", "rule ids must be unique");
    }
  }

  /** A rule. */
  public sealed interface Rule permits Threshold, Drift, Trend {
    /** The rule's id, unique in a policy. */
    String id();
  }

  /**
   * Fires when an indicator moved against the baseline, in its collapse direction, by at least
   * {@code relativeChange} of the baseline's value.
   */
  public record Threshold(String id, String indicator, double relativeChange) implements Rule {
    public Threshold {
      MonitorIndicator i = MonitorIndicator.byId(indicator);
      if (i.collapse() == MonitorIndicator.Collapse.NONE) {
        throw new SpecException("policy.rules." + id + ".indicator", indicator + " has no collapse direction");
      }
      Check.inHalfOpen("policy.rules." + id + ".relative_change", relativeChange, 0, 10);
    }
  }

  /** Fires when the drift test flags the pair and its AUC is at least {@code minAuc}. */
  public record Drift(String id, double minAuc) implements Rule {
    public Drift {
      Check.inClosed("policy.rules." + id + ".min_auc", minAuc, 0.5, 1);
    }
  }

  /**
   * Fires when a Mann–Kendall test over the last {@code window} versions finds a trend in the collapse
   * direction with one-sided p &lt; {@code alpha} and the indicator moved at least {@code minChange} (relative)
   * across the window.
   */
  public record Trend(String id, List<String> indicators, int window, double alpha, double minChange) implements Rule {
    public Trend {
      indicators = List.copyOf(indicators);
      for (String ind : indicators) {
        if (MonitorIndicator.byId(ind).collapse() == MonitorIndicator.Collapse.NONE) {
          throw new SpecException("policy.rules." + id + ".indicators", ind + " has no collapse direction");
        }
      }
      Check.atLeast("policy.rules." + id + ".window", window, 3);
      Check.inHalfOpen("policy.rules." + id + ".alpha", alpha, 0, 0.5);
      Check.inClosed("policy.rules." + id + ".min_change", minChange, 0, 10);
    }
  }

  /** The defaults above. */
  public static WarningPolicy defaults() {
    return new WarningPolicy("first", 200, List.of(
        new Threshold("distinct-n-down", MonitorIndicator.DISTINCT_N.id(), 0.10),
        new Threshold("perplexity-up", MonitorIndicator.REF_PERPLEXITY.id(), 0.10),
        new Threshold("coverage-down", MonitorIndicator.REF_COVERAGE.id(), 0.20),
        new Drift("drift", 0.55),
        new Trend("trend", List.of(MonitorIndicator.DISTINCT_N.id(), MonitorIndicator.REF_PERPLEXITY.id(),
            MonitorIndicator.REF_COVERAGE.id(), MonitorIndicator.SELF_BLEU.id()), 5, 0.05, 0.05)));
  }

  public WarningPolicy withBaseline(String b) {
    return new WarningPolicy(b, minRecords, rules);
  }

  public WarningPolicy withMinRecords(int n) {
    return new WarningPolicy(baseline, n, rules);
  }

  public WarningPolicy withRules(List<Rule> r) {
    return new WarningPolicy(baseline, minRecords, r);
  }
}
