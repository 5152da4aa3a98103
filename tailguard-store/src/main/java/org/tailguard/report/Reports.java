package org.tailguard.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tailguard.metrics.Summary;
import org.tailguard.store.AtomicOutput;
import org.tailguard.store.Provenance;
import org.tailguard.store.Run;
import org.tailguard.store.RunStore;
import org.tailguard.store.StoredIndicator;
import org.tailguard.store.SummaryRow;

/**
 * Writes reports of stored runs: a directory with one PNG per indicator and a self-contained
 * {@code index.html} (images inlined as data URIs, inline CSS, no scripts, nothing fetched).
 *
 * <p>Every plot shows the median over chains across generations with the 10–90 % percentile band, the
 * headline statistics of Shumailov et al. (Nature 2024): under the unbiased Gaussian estimator the mean
 * variance stays at 1 while the median collapses, so means alone would hide the collapse. A run report
 * adds the run's description, the paper it reproduces, its status, provenance, a summary table and the
 * spec; a comparison report overlays several runs (replace vs accumulate, say) in one chart per shared
 * indicator. The directory is written atomically ({@link AtomicOutput}): readers see the old report or the
 * new one.
 */
public final class Reports {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Reports() {}

  /**
   * The histograms among a run's indicators ({@link Histograms}' naming convention), as base name to the
   * names of its bins in bin order: for callers that print indicators one per line and should show a
   * histogram as one entry, as the report does.
   */
  public static Map<String, List<String>> histogramBins(List<StoredIndicator> indicators) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Histograms.Histogram h : Histograms.find(indicators)) {
      out.put(h.base(), h.bins().stream().map(Histograms.Bin::name).toList());
    }
    return out;
  }

  /**
   * Writes the report of one run.
   *
   * @param dir the report directory; replaced if it holds an earlier Tailguard report
   * @return the {@code index.html} written
   * @throws org.tailguard.store.StoreException if the run is unknown
   * @throws IOException if the directory cannot be written, or exists and is not a Tailguard output
   */
  public static Path writeRun(RunStore store, String runId, Path dir) throws IOException {
    Run run = store.find(runId);
    List<StoredIndicator> inds = store.indicators(run.id());
    List<SummaryRow> rows = store.summaries(run.id());
    Map<String, Map<Integer, Summary>> table = byIndicator(rows);
    List<Integer> gens = Html.milestones(run.lastGeneration());
    List<Histograms.Histogram> hists = Histograms.find(inds);

    AtomicOutput.directory(dir, out -> {
      StringBuilder b = new StringBuilder();
      b.append("<header class=\"top\">\n<p class=\"kicker\">Tailguard run report</p>\n<h1>")
          .append(Html.esc(run.name())).append(badge(run)).append("</h1>\n");
      describe(b, run);
      b.append("<dl class=\"meta\">\n");
      meta(b, "Run", "<span class=\"mono\">" + Html.esc(run.id()) + "</span>");
      meta(b, "Model · workflow", Html.esc(run.family() + " · " + run.workflow()));
      meta(b, "Chains", Integer.toString(run.chains()));
      meta(b, "Generations", progress(run));
      meta(b, "Seed", Long.toString(run.seed()));
      meta(b, "Started", WHEN.format(run.created()));
      meta(b, "Last update", WHEN.format(run.updated()));
      if (run.message() != null) {
        meta(b, "Message", Html.esc(run.message()));
      }
      b.append("</dl>\n</header>\n");

      b.append("<h2>Summary</h2>\n<p>Median over ").append(run.chains())
          .append(" chains, with the 10th and 90th percentiles below it.</p>\n");
      if (gens.isEmpty()) {
        b.append("<p>No generation has been stored yet.</p>\n");
      } else {
        b.append("<div class=\"scroll\"><table>\n<thead><tr><th>Indicator</th>");
        for (int g : gens) {
          b.append("<th>gen ").append(g).append("</th>");
        }
        b.append("<th title=\"last median relative to generation 0\">change</th></tr></thead>\n<tbody>\n");
        for (StoredIndicator ind : inds) {
          if (Histograms.isBin(hists, ind.name())) {
            continue;
          }
          b.append("<tr><td><strong>").append(Html.esc(ind.name())).append("</strong><span class=\"desc\">")
              .append(Html.esc(ind.description())).append("</span></td>");
          for (int g : gens) {
            b.append(cell(table, ind.name(), g));
          }
          b.append(change(table, ind.name(), gens)).append("</tr>\n");
        }
        b.append("</tbody></table></div>\n");
        histogramNote(b, hists);
      }

      b.append("<h2>Plots</h2>\n");
      String caption = "Run " + run.id() + " · " + run.name() + " · median over " + run.chains()
          + " chains, shaded band = 10th–90th percentile";
      int plots = 0;
      // each histogram follows the last plotted indicator of its family of names (ppl_gen0_p90 for ppl_gen0),
      // so that it sits beside its quantiles; the others come last
      Map<String, List<Histograms.Histogram>> after = new HashMap<>();
      List<Histograms.Histogram> left = new ArrayList<>();
      for (Histograms.Histogram h : hists) {
        String last = null;
        for (StoredIndicator ind : inds) {
          if (ind.name().startsWith(h.base() + "_") && !Histograms.isBin(hists, ind.name())) {
            last = ind.name();
          }
        }
        if (last == null) {
          left.add(h);
        } else {
          after.computeIfAbsent(last, k -> new ArrayList<>()).add(h);
        }
      }
      for (StoredIndicator ind : inds) {
        if (Histograms.isBin(hists, ind.name())) {
          continue;
        }
        Curve c = Curve.of(run.name(), Charts.color(0), ind.name(), rows);
        Charts.Plot p = Charts.render(ind.name() + " — " + run.name(), ind.name(), ind.logScale(), List.of(c),
            caption, true);
        plots += figure(b, out, ind, p);
        for (Histograms.Histogram h : after.getOrDefault(ind.name(), List.of())) {
          plots += histogram(b, out, run, h, rows, gens);
        }
      }
      for (Histograms.Histogram h : left) {
        plots += histogram(b, out, run, h, rows, gens);
      }
      if (plots == 0) {
        b.append("<p>Nothing to plot yet.</p>\n");
      }

      b.append("<h2>Provenance</h2>\n<dl class=\"meta\">\n");
      provenance(b, run);
      b.append("</dl>\n<h2>Spec</h2>\n<p>The spec this run used, with defaults filled in. Run it again with "
          + "the same seed to get the same numbers on any thread count.</p>\n<pre>")
          .append(Html.esc(run.specYaml())).append("</pre>\n");
      footer(b, store);
      Files.writeString(out.resolve("index.html"), Html.page(run.name() + " — Tailguard run " + run.id(),
          b.toString()), StandardCharsets.UTF_8);
    });
    return dir.resolve("index.html");
  }

  /**
   * Writes a comparison of several runs: one chart per indicator they all record, overlaying each run's
   * median and 10–90 % band, and a table of medians at milestone generations.
   *
   * @param runIds run ids or unique prefixes, in legend order
   * @return the {@code index.html} written
   * @throws IllegalArgumentException if no run is given or a run is given twice
   */
  public static Path writeComparison(RunStore store, List<String> runIds, Path dir) throws IOException {
    if (runIds.isEmpty()) {
      throw new IllegalArgumentException("compare: give at least one run");
    }
    List<Run> runs = new ArrayList<>();
    for (String id : runIds) {
      Run r = store.find(id);
      if (runs.stream().anyMatch(x -> x.id().equals(r.id()))) {
        throw new IllegalArgumentException("compare: run " + r.id() + " is given twice");
      }
      runs.add(r);
    }
    List<String> labels = labels(runs);
    List<List<SummaryRow>> rows = new ArrayList<>();
    List<List<StoredIndicator>> inds = new ArrayList<>();
    List<Map<String, Map<Integer, Summary>>> tables = new ArrayList<>();
    for (Run r : runs) {
      List<SummaryRow> s = store.summaries(r.id());
      rows.add(s);
      inds.add(store.indicators(r.id()));
      tables.add(byIndicator(s));
    }
    List<StoredIndicator> shared = new ArrayList<>();
    Set<String> unshared = new LinkedHashSet<>();
    for (List<StoredIndicator> list : inds) {
      for (StoredIndicator i : list) {
        boolean everywhere = inds.stream().allMatch(l -> l.stream().anyMatch(j -> j.name().equals(i.name())));
        if (!everywhere) {
          unshared.add(i.name());
        } else if (shared.stream().noneMatch(j -> j.name().equals(i.name()))) {
          boolean log = inds.stream().flatMap(List::stream).anyMatch(j -> j.name().equals(i.name()) && j.logScale());
          shared.add(new StoredIndicator(i.index(), i.name(), i.description(), log));
        }
      }
    }
    List<Histograms.Histogram> hists = Histograms.find(shared);
    shared.removeIf(i -> Histograms.isBin(hists, i.name()));
    int last = runs.stream().mapToInt(Run::lastGeneration).max().orElse(-1);
    List<Integer> gens = Html.milestones(last);
    String title = String.join(" vs ", labels);

    AtomicOutput.directory(dir, out -> {
      StringBuilder b = new StringBuilder();
      b.append("<header class=\"top\">\n<p class=\"kicker\">Tailguard comparison</p>\n<h1>").append(Html.esc(title))
          .append("</h1>\n<p class=\"lede\">").append(runs.size()).append(runs.size() == 1 ? " run" : " runs")
          .append(": median curves over chains with their 10–90 % bands, one chart per shared indicator.</p>\n")
          .append("</header>\n<h2>Runs</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>Run</th><th class=\"text\">Name</th>"
              + "<th class=\"text\">Model · workflow</th><th>Chains</th><th>Generations</th><th>Seed</th><th>Status</th></tr>"
              + "</thead>\n<tbody>\n");
      for (int k = 0; k < runs.size(); k++) {
        Run r = runs.get(k);
        b.append("<tr><td>").append(swatch(k)).append("<span class=\"mono\">").append(Html.esc(r.id()))
            .append("</span></td><td class=\"text\">").append(Html.esc(r.name())).append("</td><td class=\"text\">")
            .append(Html.esc(r.family() + " · " + r.workflow())).append("</td><td>").append(r.chains())
            .append("</td><td>").append(progress(r)).append("</td><td>").append(r.seed()).append("</td><td>")
            .append(badge(r)).append("</td></tr>\n");
      }
      b.append("</tbody></table></div>\n");
      for (Run r : runs) {
        if (r.reproduces() != null || r.description() != null) {
          b.append("<p class=\"cite\"><strong>").append(Html.esc(r.name())).append("</strong>: ")
              .append(Html.esc(r.description() == null ? "" : r.description()))
              .append(r.reproduces() == null ? "" : " (reproduces " + Html.esc(r.reproduces()) + ")")
              .append("</p>\n");
        }
      }
      if (runs.stream().map(Run::family).distinct().count() > 1) {
        b.append("<p><strong>Note:</strong> these runs use different model families; compare with care.</p>\n");
      }

      b.append("<h2>Summary</h2>\n<p>Median over chains, 10th–90th percentile below; — where a run has no "
          + "such generation.</p>\n");
      if (gens.isEmpty() || shared.isEmpty()) {
        b.append("<p>Nothing to compare yet.</p>\n");
      } else {
        b.append("<div class=\"scroll\"><table>\n<thead><tr><th>Indicator · run</th>");
        for (int g : gens) {
          b.append("<th>gen ").append(g).append("</th>");
        }
        b.append("<th title=\"last median relative to generation 0\">change</th></tr></thead>\n<tbody>\n");
        for (StoredIndicator ind : shared) {
          for (int k = 0; k < runs.size(); k++) {
            b.append("<tr><td>").append(swatch(k)).append("<strong>").append(Html.esc(ind.name()))
                .append("</strong> · ").append(Html.esc(labels.get(k))).append("</td>");
            for (int g : gens) {
              b.append(cell(tables.get(k), ind.name(), g));
            }
            b.append(change(tables.get(k), ind.name(), Html.milestones(runs.get(k).lastGeneration())))
                .append("</tr>\n");
          }
        }
        b.append("</tbody></table></div>\n");
        histogramNote(b, hists);
      }
      if (!unshared.isEmpty()) {
        b.append("<p>Not recorded by every run, so not compared: ")
            .append(Html.esc(String.join(", ", unshared))).append(".</p>\n");
      }

      b.append("<h2>Plots</h2>\n");
      String caption = "Median over chains per run; shaded band = 10th–90th percentile. Runs: "
          + String.join(", ", runs.stream().map(Run::id).toList());
      for (StoredIndicator ind : shared) {
        List<Curve> curves = new ArrayList<>();
        for (int k = 0; k < runs.size(); k++) {
          curves.add(Curve.of(labels.get(k), Charts.color(k), ind.name(), rows.get(k)));
        }
        figure(b, out, ind, Charts.render(ind.name(), ind.name(), ind.logScale(), curves, caption, false));
      }
      for (Histograms.Histogram h : hists) {
        for (int k = 0; k < runs.size(); k++) {
          Run r = runs.get(k);
          Charts.Plot p = Histograms.render(h.base() + " by generation — " + labels.get(k), h, rows.get(k),
              Html.milestones(r.lastGeneration()), "Run " + r.id() + " · " + Histograms.binsNote(h) + " ("
              + r.chains() + (r.chains() == 1 ? " chain)" : " chains)"));
          histogramFigure(b, out, h, p, "_" + (k + 1));
        }
      }

      b.append("<h2>Specs</h2>\n");
      for (Run r : runs) {
        b.append("<details><summary>").append(Html.esc(r.name())).append(" · <span class=\"mono\">")
            .append(Html.esc(r.id())).append("</span></summary>\n<dl class=\"meta\">\n");
        provenance(b, r);
        b.append("</dl>\n<pre>").append(Html.esc(r.specYaml())).append("</pre>\n</details>\n");
      }
      footer(b, store);
      Files.writeString(out.resolve("index.html"), Html.page(title + " — Tailguard comparison", b.toString()),
          StandardCharsets.UTF_8);
    });
    return dir.resolve("index.html");
  }

  // ---------------------------------------------------------------- pieces

  private static Map<String, Map<Integer, Summary>> byIndicator(List<SummaryRow> rows) {
    Map<String, Map<Integer, Summary>> m = new HashMap<>();
    for (SummaryRow r : rows) {
      m.computeIfAbsent(r.indicator(), k -> new HashMap<>()).put(r.generation(), r.summary());
    }
    return m;
  }

  private static String cell(Map<String, Map<Integer, Summary>> table, String indicator, int g) {
    Summary s = table.getOrDefault(indicator, Map.of()).get(g);
    return s == null ? "<td>—</td>" : Html.cell(s.median(), s.p10(), s.p90());
  }

  private static String change(Map<String, Map<Integer, Summary>> table, String indicator, List<Integer> gens) {
    Map<Integer, Summary> m = table.getOrDefault(indicator, Map.of());
    if (gens.isEmpty() || !m.containsKey(0) || !m.containsKey(gens.getLast())) {
      return "<td>—</td>";
    }
    return "<td>" + Html.change(m.get(0).median(), m.get(gens.getLast()).median()) + "</td>";
  }

  /** Legend labels: run names, with the run id where two runs share a name. */
  private static List<String> labels(List<Run> runs) {
    List<String> out = new ArrayList<>();
    for (Run r : runs) {
      long same = runs.stream().filter(x -> x.name().equals(r.name())).count();
      out.add(same > 1 ? r.name() + " (" + r.id() + ")" : r.name());
    }
    return out;
  }

  private static int figure(StringBuilder b, Path out, StoredIndicator ind, Charts.Plot p) throws IOException {
    if (p == null) {
      b.append("<p><strong>").append(Html.esc(ind.name())).append("</strong>: no finite values to plot.</p>\n");
      return 0;
    }
    String file = ind.name().replaceAll("[^A-Za-z0-9._-]", "_") + ".png";
    Files.write(out.resolve(file), p.png());
    b.append("<figure id=\"").append(Html.esc(file)).append("\">").append(Html.img(p.png(), ind.name()))
        .append("<figcaption><strong>").append(Html.esc(ind.name())).append("</strong> — ")
        .append(Html.esc(ind.description())).append(p.note() == null ? "" : " (" + Html.esc(p.note()) + ")")
        .append(". File: <span class=\"mono\">").append(Html.esc(file)).append("</span></figcaption></figure>\n");
    return 1;
  }

  private static int histogram(StringBuilder b, Path out, Run run, Histograms.Histogram h, List<SummaryRow> rows,
      List<Integer> gens) throws IOException {
    Charts.Plot p = Histograms.render(h.base() + " by generation — " + run.name(), h, rows, gens,
        "Run " + run.id() + " · " + run.name() + " · " + Histograms.binsNote(h) + " (" + run.chains()
        + (run.chains() == 1 ? " chain)" : " chains)"));
    return histogramFigure(b, out, h, p, "");
  }

  /** Says that histogram bins are drawn, not tabled. */
  private static void histogramNote(StringBuilder b, List<Histograms.Histogram> hists) {
    for (Histograms.Histogram h : hists) {
      b.append("<p>The ").append(h.bins().size()).append(" indicators <strong>").append(Html.esc(h.base()))
          .append("_bin_*</strong> are one histogram (").append(Html.esc(h.description()))
          .append("); it is drawn under Plots, one curve per generation, rather than tabled here.</p>\n");
    }
  }

  private static int histogramFigure(StringBuilder b, Path out, Histograms.Histogram h, Charts.Plot p, String suffix)
      throws IOException {
    String name = h.base() + "_histogram" + suffix;
    if (p == null) {
      b.append("<p><strong>").append(Html.esc(name)).append("</strong>: no finite values to plot.</p>\n");
      return 0;
    }
    String file = name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png";
    Files.write(out.resolve(file), p.png());
    b.append("<figure id=\"").append(Html.esc(file)).append("\">").append(Html.img(p.png(), name))
        .append("<figcaption><strong>").append(Html.esc(h.base())).append("</strong> histogram — ")
        .append(Html.esc(h.description())).append(". Bins ").append(Html.esc(h.range()))
        .append(", equal widths on the axis; one outline per generation, the first filled. File: ")
        .append("<span class=\"mono\">").append(Html.esc(file)).append("</span></figcaption></figure>\n");
    return 1;
  }

  private static void describe(StringBuilder b, Run run) {
    if (run.description() != null) {
      b.append("<p class=\"lede\">").append(Html.esc(run.description())).append("</p>\n");
    }
    if (run.reproduces() != null) {
      b.append("<p class=\"cite\">Reproduces: ").append(Html.esc(run.reproduces())).append("</p>\n");
    }
  }

  private static void provenance(StringBuilder b, Run run) {
    Provenance p = run.provenance();
    meta(b, "Tailguard", Html.esc(p.tailguardVersion()));
    meta(b, "Java", Html.esc(p.jdk()));
    meta(b, "System", Html.esc(p.os() + " · " + p.arch() + " · " + p.cores() + " cores"));
    meta(b, "Threads", Integer.toString(p.threads()));
    meta(b, "Command", "<span class=\"mono\">" + Html.esc(String.join(" ", p.commandLine())) + "</span>");
    meta(b, "Spec SHA-256", "<span class=\"mono\">" + Html.esc(run.specSha256()) + "</span>");
  }

  private static void meta(StringBuilder b, String term, String html) {
    b.append("<dt>").append(Html.esc(term)).append("</dt><dd>").append(html).append("</dd>\n");
  }

  private static String progress(Run r) {
    return r.lastGeneration() < 0 ? "none of 0–" + r.generations()
        : "0–" + r.lastGeneration() + (r.complete() ? "" : " of 0–" + r.generations());
  }

  private static String badge(Run r) {
    String s = r.status().label();
    return "<span class=\"badge " + s + "\">" + s + "</span>";
  }

  private static String swatch(int k) {
    Color c = Charts.color(k);
    return "<span class=\"swatch\" style=\"background:" + String.format(Locale.ROOT, "#%06x", c.getRGB() & 0xffffff)
        + "\"></span>";
  }

  private static void footer(StringBuilder b, RunStore store) {
    b.append("<footer>Generated by Tailguard ").append(Html.esc(Provenance.version())).append(" from ")
        .append(Html.esc(String.valueOf(store.file().getFileName())))
        .append(". This page is self-contained: it loads nothing from the network.</footer>\n");
  }
}
