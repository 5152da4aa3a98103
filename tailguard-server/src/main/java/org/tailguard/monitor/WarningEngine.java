package org.tailguard.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Applies a {@link WarningPolicy} to a model's versions, oldest first. */
final class WarningEngine {
  private WarningEngine() {}

  /**
   * The indicator a coverage rule reports when the store has no human reference corpus: retention of the
   * baseline version's word types relative to the baseline's own retention ({@link Comparer#baselineCoverage}).
   */
  static final String BASELINE_COVERAGE = "baseline_coverage";

  /** Loads what the rules read, with caching left to the monitor. */
  interface Data {
    Comparer.VersionData load(VersionInfo v);

    DriftTest.Result drift(Comparer.VersionData reference, Comparer.VersionData current);
  }

  /** A raised warning with the ids the store needs. */
  record Raised(Warning warning, VersionInfo version, VersionInfo baseline) {}

  static List<Raised> evaluate(List<VersionInfo> versions, WarningPolicy policy, MonitorConfig config, Data data,
      Instant now) {
    List<VersionInfo> eligible = versions.stream().filter(v -> v.records() >= policy.minRecords()).toList();
    List<Raised> out = new ArrayList<>();
    Map<String, Examples> examples = new HashMap<>();
    for (int idx = 0; idx < eligible.size(); idx++) {
      VersionInfo v = eligible.get(idx);
      VersionInfo base = baseline(policy, eligible, idx);
      for (WarningPolicy.Rule rule : policy.rules()) {
        switch (rule) {
          case WarningPolicy.Threshold t -> {
            if (base == null) {
              continue;
            }
            MonitorIndicator ind = MonitorIndicator.byId(t.indicator());
            double a = data.load(base).indicators().value(ind);
            double b = data.load(v).indicators().value(ind);
            if (ind == MonitorIndicator.REF_COVERAGE && Double.isNaN(a) && Double.isNaN(b)) {
              // no human reference: coverage of the baseline version's vocabulary instead
              double[] bc = Comparer.baselineCoverage(data.load(base), data.load(v), config);
              double change = bc[0] - 1;
              if (-change >= t.relativeChange()) {
                Examples ex = examples(examples, data, base, v, config);
                String detail = String.format(Locale.ROOT, "%.1f%% of the word types of %.0f tokens of %s occur in as many "
                    + "tokens of %s; %.1f%% occur in the next %.0f tokens of %s itself", 100 * bc[1], bc[3],
                    base.version(), v.version(), 100 * bc[2], bc[3], base.version());
                String msg = String.format(Locale.ROOT, "%s %s: coverage of version %s's vocabulary fell %.1f%% "
                    + "(no human reference: %s); rule %s: down %.0f%%. %s", v.model(), v.version(), base.version(),
                    -100 * change, detail, t.id(), 100 * t.relativeChange(), summary(ex));
                out.add(new Raised(new Warning(v.model(), v.version(), t.id(), BASELINE_COVERAGE, base.version(), 1.0,
                    bc[0], change, t.relativeChange(), msg, detail, ex, true, now), v, base));
              }
              continue;
            }
            double change = Comparer.relativeChange(a, b);
            double moved = ind.collapse() == MonitorIndicator.Collapse.DOWN ? -change : change;
            if (moved >= t.relativeChange()) {
              Examples ex = examples(examples, data, base, v, config);
              String msg = String.format(Locale.ROOT, "%s %s: %s %s %.1f%% from %s (version %s) to %s; rule %s: %s %.0f%%. %s",
                  v.model(), v.version(), ind.id(), change < 0 ? "fell" : "rose", 100 * Math.abs(change), fmt(a),
                  base.version(), fmt(b), t.id(), ind.collapse() == MonitorIndicator.Collapse.DOWN ? "down" : "up",
                  100 * t.relativeChange(), summary(ex));
              out.add(new Raised(new Warning(v.model(), v.version(), t.id(), ind.id(), base.version(), a, b, change,
                  t.relativeChange(), msg, "", ex, true, now), v, base));
            }
          }
          case WarningPolicy.Drift d -> {
            if (base == null) {
              continue;
            }
            DriftTest.Result r = data.drift(data.load(base), data.load(v));
            if (r != null && r.flagged() && r.auc() >= d.minAuc()) {
              Examples ex = examples(examples, data, base, v, config);
              String detail = String.format(Locale.ROOT, "AUC %.3f > null %.0f%% quantile %.3f, permutation p = %.4f, "
                  + "%d + %d responses", r.auc(), 100 * DriftTest.Options.defaults().quantile(), r.threshold(),
                  r.pValue(), r.referenceDocuments(), r.currentDocuments());
              String msg = String.format(Locale.ROOT, "%s %s: drift from version %s: a TF-IDF classifier tells the two "
                  + "apart with held-out AUC %.3f (null 95%% quantile %.3f, floor %.2f); typical now: %s; typical "
                  + "before: %s. %s", v.model(), v.version(), base.version(), r.auc(), r.threshold(), d.minAuc(),
                  String.join(", ", r.currentWords().subList(0, Math.min(5, r.currentWords().size()))),
                  String.join(", ", r.referenceWords().subList(0, Math.min(5, r.referenceWords().size()))), summary(ex));
              out.add(new Raised(new Warning(v.model(), v.version(), d.id(), "drift_auc", base.version(), 0.5, r.auc(),
                  Comparer.relativeChange(0.5, r.auc()), d.minAuc(), msg, detail, ex, true, now), v, base));
            }
          }
          case WarningPolicy.Trend tr -> {
            if (idx + 1 < tr.window()) {
              continue;
            }
            List<VersionInfo> window = eligible.subList(idx + 1 - tr.window(), idx + 1);
            for (String name : tr.indicators()) {
              MonitorIndicator ind = MonitorIndicator.byId(name);
              double[] series = window.stream().mapToDouble(w -> data.load(w).indicators().value(ind)).toArray();
              if (java.util.Arrays.stream(series).filter(x -> !Double.isNaN(x)).count() < 3) {
                continue;
              }
              MannKendall.Result mk = MannKendall.test(series);
              boolean down = ind.collapse() == MonitorIndicator.Collapse.DOWN;
              double p = down ? mk.pDecreasing() : mk.pIncreasing();
              double change = Comparer.relativeChange(series[0], series[series.length - 1]);
              double moved = down ? -change : change;
              if (p < tr.alpha() && moved >= tr.minChange()) {
                VersionInfo first = window.get(0);
                Examples ex = examples(examples, data, first, v, config);
                String detail = String.format(Locale.ROOT, "Mann-Kendall over %s: S = %d, n = %d, %s one-sided p = %.4f",
                    window.stream().map(VersionInfo::version).collect(Collectors.joining(", ")), mk.s(), mk.n(),
                    mk.method() == MannKendall.Method.EXACT ? "exact" : "normal (tie-corrected)", p);
                String msg = String.format(Locale.ROOT, "%s %s: %s trends %s over the last %d versions (%s to %s, "
                    + "%+.1f%%): %s; rule %s (p < %.2f, at least %.0f%%). %s", v.model(), v.version(), ind.id(),
                    down ? "down" : "up", tr.window(), first.version(), v.version(), 100 * change, detail, tr.id(),
                    tr.alpha(), 100 * tr.minChange(), summary(ex));
                out.add(new Raised(new Warning(v.model(), v.version(), tr.id(), ind.id(), first.version(), series[0],
                    series[series.length - 1], change, tr.alpha(), msg, detail, ex, true, now), v, first));
              }
            }
          }
        }
      }
    }
    return out;
  }

  /** The version a version is compared with, or null (the baseline itself, or none before it). */
  static VersionInfo baseline(WarningPolicy policy, List<VersionInfo> eligible, int idx) {
    return switch (policy.baseline()) {
      case "first" -> idx == 0 ? null : eligible.get(0);
      case "previous" -> idx == 0 ? null : eligible.get(idx - 1);
      default -> {
        for (int i = 0; i < idx; i++) {
          if (eligible.get(i).version().equals(policy.baseline())) {
            yield eligible.get(i);
          }
        }
        yield null; // the named baseline is this version, comes later, or is not eligible
      }
    };
  }

  private static Examples examples(Map<String, Examples> cache, Data data, VersionInfo base, VersionInfo v,
      MonitorConfig config) {
    return cache.computeIfAbsent(base.version() + "\u0000" + v.version(),
        k -> Comparer.examples(data.load(base), data.load(v), config));
  }

  /** The evidence in one line. */
  static String summary(Examples ex) {
    List<String> parts = new ArrayList<>();
    if (!ex.overRepresented().isEmpty()) {
      parts.add("Over-represented now: " + ex.overRepresented().stream().limit(3)
          .map(p -> String.format(Locale.ROOT, "\"%s\" %.2f%% -> %.2f%%", p.phrase(), 100 * p.baselineShare(), 100 * p.share()))
          .collect(Collectors.joining(", ")) + ".");
    }
    if (!ex.vanished().isEmpty()) {
      parts.add("Vanished: " + ex.vanished().stream().limit(5)
          .map(w -> String.format(Locale.ROOT, "\"%s\" (%.0f expected)", w.word(), w.expected()))
          .collect(Collectors.joining(", ")) + ".");
    }
    if (!ex.repeated().isEmpty()) {
      Examples.RepeatedResponse r = ex.repeated().get(0);
      parts.add(String.format(Locale.ROOT, "Most repeated: %s (%.1f%% of responses).",
          r.response().isEmpty() ? "the empty response" : "\"" + abbreviate(r.response(), 80) + "\"", 100 * r.share()));
    }
    return String.join(" ", parts);
  }

  static String abbreviate(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }

  private static String fmt(double x) {
    return Math.abs(x) >= 100 ? String.format(Locale.ROOT, "%.1f", x) : String.format(Locale.ROOT, "%.4f", x);
  }
}
