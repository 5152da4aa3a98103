package org.tailguard.bench;

import java.util.List;
import java.util.Locale;

/**
 * The timings and consistency checks of one case of the peer benchmark.
 *
 * <p>A repetition is one complete run of the case's loop; the headline is the best repetition of each
 * side (the one least disturbed by other work on the machine), the median is shown beside it. The ratio is
 * NumPy's time over Tailguard's, so above 1 means Tailguard is faster.
 *
 * @param benchCase the case
 * @param size the sizes, such as {@code 1000 chains × 1000 gens, M=100}
 * @param threads Tailguard's worker threads (NumPy's loop uses one)
 * @param tailguardSeconds each timed Tailguard repetition, in order
 * @param numpySeconds each timed NumPy repetition, in order; empty without the peer
 * @param tailguardCpuSeconds the CPU seconds of each timed Tailguard repetition (all JVM threads)
 * @param numpyCpuSeconds the CPU seconds of each timed NumPy repetition
 * @param checks the consistency checks
 * @param skipped why the case did not run, or null if it ran
 */
public record CaseResult(BenchCase benchCase, String size, int threads, List<Double> tailguardSeconds,
    List<Double> numpySeconds, List<Double> tailguardCpuSeconds, List<Double> numpyCpuSeconds,
    List<Agreement> checks, String skipped) {

  public CaseResult {
    tailguardSeconds = List.copyOf(tailguardSeconds);
    numpySeconds = List.copyOf(numpySeconds);
    tailguardCpuSeconds = List.copyOf(tailguardCpuSeconds);
    numpyCpuSeconds = List.copyOf(numpyCpuSeconds);
    checks = List.copyOf(checks);
  }

  static CaseResult skipped(BenchCase c, String size, int threads, String why) {
    return new CaseResult(c, size, threads, List.of(), List.of(), List.of(), List.of(), List.of(), why);
  }

  public boolean ran() {
    return skipped == null;
  }

  public boolean hasPeer() {
    return !numpySeconds.isEmpty();
  }

  public double tailguardBest() {
    return best(tailguardSeconds);
  }

  public double tailguardMedian() {
    return median(tailguardSeconds);
  }

  public double numpyBest() {
    return best(numpySeconds);
  }

  public double numpyMedian() {
    return median(numpySeconds);
  }

  /** NumPy's best time over Tailguard's best time; NaN without the peer. */
  public double ratio() {
    return numpyBest() / tailguardBest();
  }

  /** NumPy's median time over Tailguard's median time; NaN without the peer. */
  public double medianRatio() {
    return numpyMedian() / tailguardMedian();
  }

  /**
   * NumPy's least CPU time over Tailguard's least CPU time: the work each side spends, which other load
   * on a shared machine disturbs much less than wall-clock time. NaN without the peer.
   */
  public double cpuRatio() {
    return best(numpyCpuSeconds) / best(tailguardCpuSeconds);
  }

  public double tailguardCpuBest() {
    return best(tailguardCpuSeconds);
  }

  public double numpyCpuBest() {
    return best(numpyCpuSeconds);
  }

  /** Whether every consistency check passed. */
  public boolean consistent() {
    return checks.stream().allMatch(Agreement::pass);
  }

  private static double best(List<Double> s) {
    return s.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double median(List<Double> s) {
    return s.isEmpty() ? Double.NaN : Consistency.median(s.stream().mapToDouble(Double::doubleValue).toArray());
  }

  static String fmtSeconds(double s) {
    return Double.isNaN(s) ? "—" : String.format(Locale.ROOT, "%.3f", s);
  }
}
