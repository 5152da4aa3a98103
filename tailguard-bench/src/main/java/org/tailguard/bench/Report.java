package org.tailguard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * What the peer benchmark measured: per case, Tailguard's and NumPy's times, their ratio and the checks
 * that both loops did the same work; plus the machine, so that a figure can be read with its context
 * (the provenance pattern of Tribuo's {@code ModelProvenance}).
 *
 * @param options what was run
 * @param machine cores, CPU model and operating system
 * @param jdk the Java runtime
 * @param peer NumPy and Python versions and the interpreter, or null without the peer
 * @param peerUnavailable why there is no peer, or null
 * @param goal the speed-up the issue asks for (NumPy time / Tailguard time)
 * @param cases one result per requested case
 */
public record Report(Options options, String machine, String jdk, String peer, String peerUnavailable, double goal,
    List<CaseResult> cases) {

  public Report {
    cases = List.copyOf(cases);
  }

  public boolean peerAvailable() {
    return peer != null;
  }

  /** Whether every case that ran against the peer reached the goal; false without the peer. */
  public boolean goalMet() {
    List<CaseResult> raced = cases.stream().filter(c -> c.ran() && c.hasPeer()).toList();
    return !raced.isEmpty() && raced.stream().allMatch(c -> c.ratio() >= goal);
  }

  /** Whether every consistency check of every case passed. */
  public boolean consistent() {
    return cases.stream().allMatch(CaseResult::consistent);
  }

  /** The table header, as printed. */
  static final String HEADER = "| case | size | Tailguard (s) | NumPy (s) | ratio (NumPy/Tailguard) "
      + "| threads (Tailguard/NumPy) | CPU s (Tailguard / NumPy) | CPU ratio |";

  /** Prints the table, the consistency checks and the verdict. */
  void print(PrintStream out) {
    out.println();
    out.println("machine: " + machine + "; JDK " + jdk);
    out.println("peer: " + (peer != null ? peer : "none (" + peerUnavailable + ")"));
    out.println("times: wall clock, best of " + options.repetitions() + " timed run(s) per side (median in brackets),"
        + " after " + options.warmups() + " untimed Tailguard warm-up run(s); CPU: least process CPU time per side");
    out.println();
    out.println(HEADER);
    out.println("|---|---|---|---|---|---|---|---|");
    for (CaseResult c : cases) {
      if (!c.ran()) {
        out.println("| " + c.benchCase().id() + " | " + c.size() + " | skipped: " + c.skipped() + " | | | | | |");
        continue;
      }
      out.println("| " + c.benchCase().id() + " | " + c.size()
          + " | " + seconds(c.tailguardBest(), c.tailguardMedian())
          + " | " + (c.hasPeer() ? seconds(c.numpyBest(), c.numpyMedian()) : "—")
          + " | " + (c.hasPeer() ? ratio(c.ratio()) + " (" + ratio(c.medianRatio()) + ")" : "—")
          + " | " + c.threads() + " / " + (c.hasPeer() ? "1" : "—")
          + " | " + CaseResult.fmtSeconds(c.tailguardCpuBest()) + " / " + CaseResult.fmtSeconds(c.numpyCpuBest())
          + " | " + ratio(c.cpuRatio()) + " |");
    }
    out.println();
    out.println("consistency (final generation, " + options.chains() + " chains per side):");
    for (CaseResult c : cases) {
      for (Agreement a : c.checks()) {
        out.println("  " + c.benchCase().id() + "  " + a.statistic() + ": Tailguard " + Consistency.fmt(a.tailguard())
            + ", NumPy " + Consistency.fmt(a.numpy()) + ", theory " + Consistency.fmt(a.theory()) + "; "
            + a.test() + (a.pass() ? "  ok" : "  DISAGREE"));
      }
    }
    out.println();
    out.println(verdict());
    Options full = Options.defaults();
    if ((long) options.chains() * options.generations() < (long) full.chains() * full.generations()) {
      out.println("note: below the issue's size of " + full.chains() + " chains × " + full.generations()
          + " generations; at this size JIT warm-up and start-up weigh in, so these ratios are not the benchmark's figures");
    }
  }

  /** One line: whether Tailguard is at least {@code goal} times faster than NumPy, case by case. */
  String verdict() {
    String head = "goal: Tailguard at least " + ratio(goal) + " faster than NumPy: ";
    if (peer == null) {
      return head + "not judged, no NumPy peer";
    }
    StringBuilder sb = new StringBuilder(head);
    String sep = "";
    for (CaseResult c : cases) {
      if (!c.ran()) {
        continue;
      }
      sb.append(sep).append(c.ratio() >= goal ? "MET" : "NOT MET").append(" for ").append(c.benchCase().id())
          .append(" (").append(ratio(c.ratio())).append(")");
      sep = "; ";
    }
    if (!consistent()) {
      sb.append("; WARNING: a consistency check failed, so the loops may not do the same work");
    }
    return sb.toString();
  }

  /** The report as JSON, with every repetition's time. */
  public String toJson() {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("machine", machine);
    root.put("jdk", jdk);
    root.put("peer", peer);
    root.put("peer_unavailable", peerUnavailable);
    root.put("goal", goal);
    root.put("goal_met", goalMet());
    root.put("consistent", consistent());
    ObjectNode opts = root.putObject("options");
    opts.put("chains", options.chains());
    opts.put("generations", options.generations());
    opts.put("seed", options.seed());
    opts.put("warmups", options.warmups());
    opts.put("repetitions", options.repetitions());
    opts.put("threads", options.threads());
    ArrayNode arr = root.putArray("cases");
    for (CaseResult c : cases) {
      ObjectNode n = arr.addObject();
      n.put("case", c.benchCase().id());
      n.put("size", c.size());
      n.put("threads", c.threads());
      n.put("skipped", c.skipped());
      c.tailguardSeconds().forEach(n.putArray("tailguard_seconds")::add);
      c.numpySeconds().forEach(n.putArray("numpy_seconds")::add);
      c.tailguardCpuSeconds().forEach(n.putArray("tailguard_cpu_seconds")::add);
      c.numpyCpuSeconds().forEach(n.putArray("numpy_cpu_seconds")::add);
      putNumber(n, "tailguard_best", c.tailguardBest());
      putNumber(n, "tailguard_median", c.tailguardMedian());
      putNumber(n, "numpy_best", c.numpyBest());
      putNumber(n, "numpy_median", c.numpyMedian());
      putNumber(n, "ratio", c.ratio());
      putNumber(n, "median_ratio", c.medianRatio());
      putNumber(n, "cpu_ratio", c.cpuRatio());
      ArrayNode checks = n.putArray("checks");
      for (Agreement a : c.checks()) {
        ObjectNode k = checks.addObject();
        k.put("statistic", a.statistic());
        putNumber(k, "tailguard", a.tailguard());
        putNumber(k, "numpy", a.numpy());
        putNumber(k, "theory", a.theory());
        k.put("test", a.test());
        k.put("pass", a.pass());
      }
    }
    try {
      return json.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report as JSON", e);
    }
  }

  private static void putNumber(ObjectNode n, String field, double v) {
    if (Double.isFinite(v)) {
      n.put(field, v);
    } else {
      n.putNull(field);
    }
  }

  private static String seconds(double best, double median) {
    return CaseResult.fmtSeconds(best) + " (" + CaseResult.fmtSeconds(median) + ")";
  }

  private static String ratio(double r) {
    return Double.isNaN(r) ? "—" : String.format(Locale.ROOT, "%.2f×", r);
  }
}
