package org.tailguard.text.lm.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@link BuildArpa} in a JVM of its own (this JVM's {@code java} binary and class path, the given
 * flags) under {@link TimedCommand}, so that its memory is a process's maximum resident set, measured as
 * IRSTLM's is; and finds the smallest {@code -Xmx} with which the build succeeds.
 */
final class ChildJvm {
  private static final Pattern LINE = Pattern.compile(
      "read=([0-9.]+) build=([0-9.]+) write=([0-9.]+) heap_peak_mb=([0-9.]+) ngrams=(\\d+)");

  private final Path dir;

  ChildJvm(Path dir) {
    this.dir = dir;
  }

  /**
   * One child run.
   *
   * @param flags the JVM flags it ran with
   * @param timed its process figures (wall, CPU, max RSS, exit code)
   * @param readSeconds wall seconds reading the text (NaN if it failed or did nothing)
   * @param buildSeconds wall seconds building the model
   * @param writeSeconds wall seconds writing ARPA
   * @param heapPeakMb the sum of the heap pools' peak use (garbage included)
   * @param ngrams the model's n-grams
   */
  record Run(List<String> flags, TimedCommand.Result timed, double readSeconds, double buildSeconds,
      double writeSeconds, double heapPeakMb, long ngrams) {
    boolean ok() {
      return timed.exitCode() == 0;
    }

    double rssMb() {
      return timed.maxRssKb() / 1e3;
    }
  }

  /** Builds the model of {@code train} at {@code order} into {@code arpa}. */
  Run build(List<String> flags, Path train, int order, Path arpa) throws IOException {
    return run(flags, List.of(train.toString(), Integer.toString(order), arpa.toString()));
  }

  /** Starts a JVM that does nothing and exits: the JVM's fixed cost. */
  Run nothing(List<String> flags) throws IOException {
    return run(flags, List.of("--nothing"));
  }

  /**
   * The smallest {@code -Xmx} in MB, to {@code stepMb}, with which the build succeeds, by bisection between
   * {@code lowMb} (assumed to fail) and {@code highMb} (doubled until it succeeds); with every run made,
   * the last successful one at the minimum first. Empty if no heap up to 64 GB succeeds.
   */
  Optional<Bisection> smallestHeap(List<String> flags, Path train, int order, Path arpa, int lowMb, int highMb,
      int stepMb) throws IOException {
    List<Run> runs = new ArrayList<>();
    Run best = null;
    int lo = lowMb;
    int hi = highMb;
    while (best == null) {
      Run r = checked(build(withHeap(flags, hi), train, order, arpa));
      runs.add(r);
      if (r.ok()) {
        best = r;
      } else if (hi >= 65_536) {
        return Optional.empty();
      } else {
        lo = hi;
        hi *= 2;
      }
    }
    while (hi - lo > stepMb) {
      int mid = (lo + hi) >>> 1;
      Run r = checked(build(withHeap(flags, mid), train, order, arpa));
      runs.add(r);
      if (r.ok()) {
        hi = mid;
        best = r;
      } else {
        lo = mid;
      }
    }
    return Optional.of(new Bisection(hi, best, runs));
  }

  /**
   * A finished bisection.
   *
   * @param minimumMb the smallest -Xmx (MB) that succeeded; minimumMb − step failed
   * @param atMinimum the successful run at that heap
   * @param runs every run made, in order
   */
  record Bisection(int minimumMb, Run atMinimum, List<Run> runs) {}

  /** A run that succeeded or ran out of heap; any other failure is an error, not a data point. */
  private static Run checked(Run r) throws IOException {
    if (!r.ok() && !r.timed().stderr().contains("OutOfMemoryError")) {
      throw new IOException("child JVM " + r.flags() + " exited " + r.timed().exitCode() + ": " + r.timed().errorTail());
    }
    return r;
  }

  static List<String> withHeap(List<String> flags, int mb) {
    List<String> f = new ArrayList<>(flags);
    f.add("-Xmx" + mb + "m");
    return f;
  }

  private Run run(List<String> flags, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(flags);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BuildArpa.class.getName()));
    cmd.addAll(args);
    TimedCommand.Result r = TimedCommand.run(cmd, dir);
    Matcher m = LINE.matcher(r.stdout());
    if (r.exitCode() == 0 && m.find()) {
      return new Run(flags, r, Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
          Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), Long.parseLong(m.group(5)));
    }
    return new Run(flags, r, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
  }
}
