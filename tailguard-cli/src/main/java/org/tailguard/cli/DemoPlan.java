package org.tailguard.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hipparchus.special.Gamma;
import org.tailguard.metrics.Summary;
import org.tailguard.report.DemoReport.Claim;
import org.tailguard.metrics.Diversity;
import org.tailguard.models.categorical.CategoricalFamily;
import org.tailguard.models.categorical.CategoricalSpec;
import org.tailguard.models.categorical.TailCut;
import org.tailguard.models.categorical.TailCutSpec;
import org.tailguard.models.regression.LinearRegressionSpec;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.spec.SpecLoader;
import org.tailguard.store.Run;
import org.tailguard.store.RunStore;
import org.tailguard.store.SummaryRow;
import org.tailguard.theory.CollapseLaws;

/**
 * The demo: groups of bundled experiments, and the published claims each group checks against theory.
 *
 * <p>Every expected value is computed from its formula in {@link CollapseLaws}; every tolerance is stated
 * in the claim (Monte-Carlo standard errors of the stored summaries, or an explicit band).
 */
final class DemoPlan {
  private DemoPlan() {}

  /** A group of runs shown together in one comparison report. */
  record Group(String key, String title, List<String> specs, List<String> highlights, ClaimMaker claims) {}

  interface ClaimMaker {
    List<Claim> make(Results results);
  }

  /** Stored summaries of the runs of a group, by spec file name. */
  record Results(RunStore store, SpecLoader loader, Map<String, Run> runs) {
    Run run(String spec) {
      return runs.get(spec);
    }

    ExperimentSpec spec(String spec) {
      return run(spec).spec(loader);
    }

    Summary at(String spec, String indicator, int generation) {
      Run r = run(spec);
      for (SummaryRow row : store.summaries(r.id())) {
        if (row.generation() == generation && row.indicator().equals(indicator)) {
          return row.summary();
        }
      }
      throw new IllegalStateException("run " + r.id() + " has no " + indicator + " at generation " + generation);
    }

    int last(String spec) {
      return run(spec).lastGeneration();
    }
  }

  static List<Group> groups() {
    return List.of(
        new Group("gaussian", "Gaussian: replace vs accumulate vs keeping 10% of the real data",
            List.of("gaussian-replace.yaml", "gaussian-accumulate.yaml", "gaussian-keep10.yaml"),
            List.of("variance", "w2"), DemoPlan::gaussianClaims),
        new Group("regression", "Linear regression: replace vs accumulate (test error in units of σ²d/(T−d−1))",
            List.of("regression-replace.yaml", "regression-accumulate.yaml"), List.of("test_error_ratio"),
            DemoPlan::regressionClaims),
        new Group("gmm", "Gaussian mixtures fitted by EM: Shumailov's two components and MAD's 25 modes",
            List.of("gmm-shumailov.yaml", "gmm-mad-25-modes.yaml"), List.of("recall", "trace_ratio"), DemoPlan::mixtureClaims),
        new Group("categorical", "Categorical (Zipf) and the tail cut: the tails vanish first",
            List.of("categorical-replace.yaml", "categorical-accumulate.yaml", "tail-cut.yaml"),
            List.of("support", "lost_mass"), DemoPlan::categoricalClaims),
        new Group("text", "Text: a Kneser–Ney trigram on the State of the Union addresses",
            List.of("ngram-replace.yaml", "ngram-accumulate.yaml", "ngram-keep10.yaml"),
            List.of("types", "heldout_ppl", "unique_1", "self_bleu"), DemoPlan::textClaims));
  }

  /** Text runs are costly: quick demos train on fewer sentences. */
  static final int QUICK_TEXT_SENTENCES = 2000;

  static String f(double x) {
    return Tables.num(x);
  }

  static List<Claim> gaussianClaims(Results r) {
    List<Claim> out = new ArrayList<>();
    int m = 100;
    String rep = "gaussian-replace.yaml";
    int g = r.last(rep);
    int n = g + 1;
    int chains = r.run(rep).chains();
    // Median σ²: compare on the log scale; the sample median of log σ² has SE √(π/2)·√(n ψ'((M−1)/2))/√R.
    Summary v = r.at(rep, "variance", g);
    double expected = CollapseLaws.gaussianMedianVariance(m, n);
    double seLog = Math.sqrt(Math.PI / 2) * Math.sqrt(n * Gamma.trigamma((m - 1) / 2.0)) / Math.sqrt(chains);
    out.add(new Claim("Shumailov et al. 2024, Thm 3.1",
        String.format(Locale.ROOT, "replace: median σ² after %d fits ≈ exp(−n/M)", n), f(v.median()),
        f(expected) + " (exp(−n/M) = " + f(Math.exp(-n / (double) m)) + ")",
        Math.abs(Math.log(v.median()) - Math.log(expected)) <= 4 * seLog));
    out.add(new Claim("Shumailov et al. 2024", "replace: mean σ² stays 1 (a martingale)", f(v.mean()), "1",
        Math.abs(v.mean() - 1) <= 4 * v.standardError()));
    Summary mu = r.at(rep, "mean_sq_error", g);
    out.add(new Claim("Shumailov et al. 2024",
        String.format(Locale.ROOT, "replace: E[μ²] after %d fits = n/M", n), f(mu.mean()),
        f(CollapseLaws.gaussianMeanSquaredError(m, n)),
        Math.abs(mu.mean() - CollapseLaws.gaussianMeanSquaredError(m, n)) <= 4 * mu.standardError()));
    String acc = "gaussian-accumulate.yaml";
    int ga = r.last(acc);
    Summary muA = r.at(acc, "mean_sq_error", ga);
    double bound = CollapseLaws.accumulateMeanSquaredError(m, ga + 1);
    out.add(new Claim("Gerstgrasser et al. 2024",
        "accumulate: E[μ²] → (π²/6)/M = " + f(Math.PI * Math.PI / 6 / m), f(muA.mean()),
        f(bound) + " (±5% for σ² ≠ 1)",
        Math.abs(muA.mean() - bound) <= 4 * muA.standardError() + 0.05 * bound));
    Summary vA = r.at(acc, "variance", ga);
    out.add(new Claim("Gerstgrasser et al. 2024", "accumulate: median σ² stays near 1", f(vA.median()),
        "1 ± 0.1", Math.abs(vA.median() - 1) <= 0.1));
    String keep = "gaussian-keep10.yaml";
    Summary vK = r.at(keep, "variance", r.last(keep));
    out.add(new Claim("Shumailov et al. 2024", "keeping 10% real data slows the collapse of median σ²",
        f(vK.median()), "> replace's " + f(v.median()), vK.median() > v.median()));
    return out;
  }

  static List<Claim> mixtureClaims(Results r) {
    List<Claim> out = new ArrayList<>();
    String sh = "gmm-shumailov.yaml";
    int g = r.last(sh);
    int early = Math.min(5, g / 4);
    Summary l2Early = r.at(sh, "l2_first", early);
    Summary l2Last = r.at(sh, "l2_first", g);
    out.add(new Claim("Shumailov et al. 2024", String.format(Locale.ROOT,
        "GMM, N=1000: squared L2 to generation 0 grows (median at gen %d above the 90th percentile at gen %d)",
        g, early), f(l2Last.median()), "> " + f(l2Early.p90()), l2Last.median() > l2Early.p90()));
    String mad = "gmm-mad-25-modes.yaml";
    int gm = r.last(mad);
    Summary rec0 = r.at(mad, "recall", 0);
    Summary recG = r.at(mad, "recall", gm);
    Summary tr = r.at(mad, "trace_ratio", gm);
    double recallDrop = 1 - recG.median() / rec0.median();
    double varianceDrop = 1 - tr.median();
    out.add(new Claim("Alemohammad et al. 2024, Fig. 15", String.format(Locale.ROOT,
        "25 modes: recall falls (gen 0 → %d) much more than total variance (trace ratio)", gm),
        "recall −" + f(100 * recallDrop) + "%, variance −" + f(100 * varianceDrop) + "%",
        "recall drop > 3 × variance drop", recallDrop > 3 * Math.max(varianceDrop, 0.01)));
    return out;
  }

  static List<Claim> categoricalClaims(Results r) {
    List<Claim> out = new ArrayList<>();
    String rep = "categorical-replace.yaml";
    ExperimentSpec spec = r.spec(rep);
    double[] p0 = new CategoricalFamily((CategoricalSpec) spec.model()).truth();
    double gs0 = Diversity.giniSimpson(p0);
    int m = spec.workflow().samples();
    int g = r.last(rep);
    Summary gs = r.at(rep, "gini_simpson", g);
    double expected = CollapseLaws.giniSimpson(gs0, m, g + 1);
    out.add(new Claim("Seddik et al. 2024; Wright–Fisher", String.format(Locale.ROOT,
        "replace: E[Gini–Simpson] after %d fits = (1−1/M)^n·GS₀", g + 1), f(gs.mean()), f(expected),
        Math.abs(gs.mean() - expected) <= 4 * gs.standardError()));
    // The tails go first: by the exact law, Gini–Simpson loses 1% only after n₁ = ln(0.99)/ln(1 − 1/M) fits;
    // by then, more than half of the support seen at generation 0 is gone.
    int n1 = (int) Math.ceil(Math.log(0.99) / Math.log(1 - 1.0 / m));
    int g1 = Math.min(n1 - 1, g);
    double supportLoss = 1 - r.at(rep, "support", g1).median() / r.at(rep, "support", 0).median();
    double gsLoss = 1 - r.at(rep, "gini_simpson", g1).mean() / r.at(rep, "gini_simpson", 0).mean();
    out.add(new Claim("Shumailov et al. 2024", String.format(Locale.ROOT,
        "replace: when Gini–Simpson has lost 1%% (%d fits), more than half the support is gone", g1 + 1),
        "support −" + f(100 * supportLoss) + "%, GS −" + f(100 * gsLoss) + "%", "support loss > 50%",
        supportLoss > 0.5));
    String acc = "categorical-accumulate.yaml";
    int ga = r.last(acc);
    out.add(new Claim("Gerstgrasser et al. 2024", "accumulate: no outcome, once seen, is ever lost (median support)",
        f(r.at(acc, "support", 0).median()) + " → " + f(r.at(acc, "support", ga).median()), "non-decreasing",
        r.at(acc, "support", ga).p10() >= r.at(acc, "support", 0).p10()));
    String cut = "tail-cut.yaml";
    ExperimentSpec cutSpec = r.spec(cut);
    TailCutSpec ts = (TailCutSpec) cutSpec.model();
    double[] p = new CategoricalFamily(ts).truth();
    int t = cutSpec.workflow().samples();
    Summary err0 = r.at(cut, "lost_mass", 0);
    double e0 = TailCut.expectedError(p, ts.effectiveCut(), t);
    out.add(new Claim("Dohmatob et al. 2024, Thm 2.1", String.format(Locale.ROOT,
        "tail cut at k=%d, T=%d: test error = Σ_{i≤k} p_i(1−q_i)^T + tail mass beyond k", ts.effectiveCut(), t),
        f(err0.mean()), f(e0) + " (plateau " + f(TailCut.tailBeyond(p, ts.effectiveCut())) + ")",
        Math.abs(err0.mean() - e0) <= 4 * err0.standardError() + 1e-12));
    int gc = r.last(cut);
    Summary errG = r.at(cut, "lost_mass", gc);
    out.add(new Claim("Dohmatob et al. 2024", String.format(Locale.ROOT,
        "recursive tail cut: the error keeps rising with each generation (gen 0 → %d)", gc),
        f(err0.mean()) + " → " + f(errG.mean()), "rises", errG.mean() > err0.mean() + 4 * err0.standardError()));
    return out;
  }

  static List<Claim> textClaims(Results r) {
    List<Claim> out = new ArrayList<>();
    String rep = "ngram-replace.yaml";
    int g = r.last(rep);
    StringBuilder types = new StringBuilder();
    StringBuilder ppl = new StringBuilder();
    boolean typesFall = true;
    boolean pplRises = true;
    for (int i = 0; i <= g; i++) {
      double t = r.at(rep, "types", i).median();
      double p = r.at(rep, "heldout_ppl", i).median();
      types.append(i == 0 ? "" : " → ").append(f(t));
      ppl.append(i == 0 ? "" : " → ").append(f(p));
      if (i > 0) {
        typesFall &= t < r.at(rep, "types", i - 1).median();
        pplRises &= p > r.at(rep, "heldout_ppl", i - 1).median();
      }
    }
    out.add(new Claim("Shumailov et al. 2024", "replace: the training data loses word types at every generation",
        types.toString(), "strictly falling", typesFall));
    out.add(new Claim("Shumailov et al. 2024", "replace: held-out perplexity rises at every generation",
        ppl.toString(), "strictly rising", pplRises));
    String acc = "ngram-accumulate.yaml";
    int ga = r.last(acc);
    double first = r.at(acc, "heldout_ppl", 1).median() - r.at(acc, "heldout_ppl", 0).median();
    double last = r.at(acc, "heldout_ppl", ga).median() - r.at(acc, "heldout_ppl", ga - 1).median();
    out.add(new Claim("Gerstgrasser et al. 2024", "accumulate: no word type is lost, and perplexity grows by "
            + "shrinking steps (bounded)",
        "types " + f(r.at(acc, "types", 0).median()) + " → " + f(r.at(acc, "types", ga).median()) + "; steps "
            + f(first) + " → " + f(last), "types kept; last step < first",
        r.at(acc, "types", ga).median() >= r.at(acc, "types", 0).median() && last < first));
    String keep = "ngram-keep10.yaml";
    int gk = r.last(keep);
    double pk = r.at(keep, "heldout_ppl", gk).median();
    double pr = r.at(rep, "heldout_ppl", g).median();
    out.add(new Claim("Shumailov et al. 2024", "keeping 10% of the real data degrades less than replace",
        "PPL " + f(pk) + " vs " + f(pr), "lower than replace", pk < pr));
    return out;
  }

  static List<Claim> regressionClaims(Results r) {
    List<Claim> out = new ArrayList<>();
    String rep = "regression-replace.yaml";
    ExperimentSpec spec = r.spec(rep);
    LinearRegressionSpec model = (LinearRegressionSpec) spec.model();
    double s2 = model.noise() * model.noise();
    int d = model.dim();
    int t = spec.workflow().samples();
    int n = r.last(rep) + 1;
    Summary e = r.at(rep, "test_error", n - 1);
    double expected = CollapseLaws.regressionReplaceError(n, s2, d, t);
    out.add(new Claim("Gerstgrasser et al. 2024", String.format(Locale.ROOT,
        "replace: test error after %d fits = n·σ²d/(T−d−1)", n), f(e.mean()), f(expected),
        Math.abs(e.mean() - expected) <= 4 * e.standardError()));
    String acc = "regression-accumulate.yaml";
    int na = r.last(acc) + 1;
    Summary a = r.at(acc, "test_error", na - 1);
    double bound = CollapseLaws.regressionAccumulateError(na, s2, d, t);
    out.add(new Claim("Gerstgrasser et al. 2024", String.format(Locale.ROOT,
        "accumulate: test error after %d fits = σ²d/(T−d−1)·Σ1/i² (≤ π²/6 units)", na), f(a.mean()),
        f(bound), Math.abs(a.mean() - bound) <= 4 * a.standardError()));
    return out;
  }
}
