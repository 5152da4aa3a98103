package org.tailguard.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tailguard.metrics.Summary;
import org.tailguard.report.Reports;
import org.tailguard.store.Run;
import org.tailguard.store.RunStore;
import org.tailguard.store.SummaryRow;

/** Plain-text tables for the terminal. */
final class Tables {
  private Tables() {}

  /** Prints rows as an aligned table with a header rule. */
  static void print(PrintWriter out, List<String> header, List<List<String>> rows) {
    int[] w = new int[header.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = header.get(i).length();
      for (List<String> r : rows) {
        w[i] = Math.max(w[i], r.get(i).length());
      }
    }
    StringBuilder rule = new StringBuilder();
    out.println(line(header, w));
    for (int i = 0; i < w.length; i++) {
      rule.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
    }
    out.println(rule);
    for (List<String> r : rows) {
      out.println(line(r, w));
    }
  }

  private static String line(List<String> cells, int[] w) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      sb.append(i == 0 ? "" : "  ");
      sb.append(pad(c, w[i]));
    }
    return sb.toString().stripTrailing();
  }

  private static String pad(String s, int n) {
    return s + " ".repeat(Math.max(0, n - s.length()));
  }

  static String num(double x) {
    if (Double.isNaN(x)) {
      return "NaN";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    if (x == 0) {
      return "0";
    }
    double a = Math.abs(x);
    return a >= 1e-3 && a < 1e5 ? String.format(Locale.ROOT, "%.4g", x).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "")
        : String.format(Locale.ROOT, "%.3e", x);
  }

  static String band(Summary s) {
    return num(s.median()) + " [" + num(s.p10()) + ", " + num(s.p90()) + "]";
  }

  /** The median [p10, p90] of every indicator at the first, middle and last stored generation. */
  static void runSummary(PrintWriter out, RunStore store, Run run) {
    List<SummaryRow> rows = store.summaries(run.id());
    Map<String, Map<Integer, Summary>> by = new LinkedHashMap<>();
    TreeSet<Integer> gens = new TreeSet<>();
    for (SummaryRow r : rows) {
      by.computeIfAbsent(r.indicator(), k -> new LinkedHashMap<>()).put(r.generation(), r.summary());
      gens.add(r.generation());
    }
    if (gens.isEmpty()) {
      out.println("(no generations stored)");
      return;
    }
    int first = gens.first();
    int last = gens.last();
    int mid = gens.ceiling((first + last) / 2);
    List<Integer> cols = new TreeSet<>(List.of(first, mid, last)).stream().toList();
    List<String> header = new ArrayList<>(List.of("indicator (median [p10, p90] over " + run.chains() + " chains)"));
    cols.forEach(g -> header.add("gen " + g));
    Map<String, List<String>> hists = Reports.histogramBins(store.indicators(run.id()));
    Set<String> bins = new HashSet<>();
    hists.values().forEach(bins::addAll);
    List<List<String>> table = new ArrayList<>();
    by.forEach((name, m) -> {
      if (bins.contains(name)) {
        return; // a histogram's bins: one line below, drawn in the HTML report
      }
      List<String> r = new ArrayList<>(List.of(name));
      cols.forEach(g -> r.add(m.containsKey(g) ? band(m.get(g)) : "-"));
      table.add(r);
    });
    print(out, header, table);
    hists.forEach((base, names) -> out.println(base + ": a histogram of " + names.size() + " bins ("
        + names.getFirst() + " .. " + names.getLast() + "), drawn per generation in the HTML report"));
  }
}
