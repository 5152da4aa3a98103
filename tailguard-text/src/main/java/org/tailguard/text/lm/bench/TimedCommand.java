package org.tailguard.text.lm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs an external command under GNU {@code /usr/bin/time -v} when present, so that every process of a
 * benchmark (IRSTLM's {@code tlm}, a child JVM building our model) reports the same two figures from the
 * same kernel accounting: wall-clock seconds, CPU seconds (user + system) and maximum resident set size
 * (getrusage's {@code ru_maxrss}). CPU time is the fairer speed figure on a shared machine, where wall time
 * also counts waiting for a core.
 */
public final class TimedCommand {
  private static final Path TIME = Path.of("/usr/bin/time");

  private TimedCommand() {}

  /**
   * One finished run.
   *
   * @param stdout the standard output
   * @param stderr the standard error (without /usr/bin/time's report)
   * @param seconds wall-clock seconds
   * @param cpuSeconds user plus system CPU seconds, or -1 if /usr/bin/time is absent
   * @param maxRssKb peak resident set size in kB, or -1 if /usr/bin/time is absent
   * @param exitCode the command's exit code
   */
  public record Result(String stdout, String stderr, double seconds, double cpuSeconds, long maxRssKb,
      int exitCode) {
    /** The last three non-blank lines of the standard error, for a one-line failure message. */
    public String errorTail() {
      List<String> lines = stderr.lines().filter(l -> !l.isBlank()).toList();
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
  }

  /** Whether peak memory can be measured ({@code /usr/bin/time} is installed). */
  public static boolean measuresMemory() {
    return Files.isExecutable(TIME);
  }

  /** Runs {@code command} in {@code dir} (which also receives the temporary output files) and waits. */
  public static Result run(List<String> command, Path dir) throws IOException {
    List<String> cmd = new ArrayList<>();
    Path timeOut = null;
    if (measuresMemory()) {
      timeOut = Files.createTempFile(dir, "time", ".txt");
      cmd.addAll(List.of(TIME.toString(), "-v", "-o", timeOut.toString()));
    }
    cmd.addAll(command);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    try {
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile())
          .redirectError(err.toFile()).start();
      int rc;
      try {
        rc = p.waitFor();
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted running " + command.get(0), e);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      long rss = -1;
      double cpu = -1;
      if (timeOut != null) {
        String report = Files.readString(timeOut, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)").matcher(report);
        if (m.find()) {
          rss = Long.parseLong(m.group(1));
        }
        Matcher u = Pattern.compile("User time \\(seconds\\): ([0-9.]+)").matcher(report);
        Matcher s = Pattern.compile("System time \\(seconds\\): ([0-9.]+)").matcher(report);
        if (u.find() && s.find()) {
          cpu = Double.parseDouble(u.group(1)) + Double.parseDouble(s.group(1));
        }
      }
      return new Result(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
          seconds, cpu, rss, rc);
    } finally {
      if (timeOut != null) {
        Files.deleteIfExists(timeOut);
      }
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
