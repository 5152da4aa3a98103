package org.tailguard.text.lm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the IRSTLM peer (Federico, Bertoldi and Cettolo, Interspeech 2008; Debian package {@code irstlm}
 * 6.00): {@code tlm} to build an improved Kneser–Ney ({@code -lm=msb}) model and {@code compile-lm --eval}
 * to score text with an ARPA file, both under {@code /usr/bin/time -v} when present for wall time and peak
 * resident memory.
 *
 * <p>IRSTLM reads one sentence per line with explicit {@code <s>} and {@code </s>}; its perplexity counts
 * {@code </s>} and every word, and by default multiplies each OOV's probability by 1/(dub − |V|), dub =
 * 10^7. Passing {@code dub = |V| + 1} turns that penalty off (log 1 = 0).
 */
public final class Irstlm {
  /** Where Debian installs the binaries. */
  public static final Path BIN = Path.of("/usr/lib/irstlm/bin");
  private static final Path TIME = Path.of("/usr/bin/time");

  private final Path bin;

  private Irstlm(Path bin) {
    this.bin = bin;
  }

  /** The installed peer, or empty if {@code tlm} and {@code compile-lm} are not executable. */
  public static Optional<Irstlm> find() {
    return Files.isExecutable(BIN.resolve("tlm")) && Files.isExecutable(BIN.resolve("compile-lm"))
        ? Optional.of(new Irstlm(BIN)) : Optional.empty();
  }

  /**
   * One run's output.
   *
   * @param stdout the standard output
   * @param stderr the standard error, with /usr/bin/time's report if it was used
   * @param seconds wall-clock seconds
   * @param maxRssKb peak resident set size in kB, or -1 if unknown
   */
  public record Run(String stdout, String stderr, double seconds, long maxRssKb) {
    /** The first "PP=" figure in the standard output. */
    public double perplexity() {
      Matcher m = Pattern.compile("PP=\\s*([0-9.eE+-]+)").matcher(stdout);
      if (!m.find()) {
        throw new IllegalStateException("no PP= in IRSTLM output: " + stdout + stderr);
      }
      return Double.parseDouble(m.group(1));
    }

    /** The discounts D1 D2 D3+ that tlm -lm=msb prints per order (stderr), order 1 first. */
    public List<double[]> discounts() {
      List<double[]> out = new ArrayList<>();
      Matcher m = Pattern.compile("(?m)^computing statistics\\n(?: n1:.*\\n)?([0-9.eE+-]+) ([0-9.eE+-]+) ([0-9.eE+-]+)$")
          .matcher(stderr);
      while (m.find()) {
        out.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
            Double.parseDouble(m.group(3))});
      }
      return out;
    }
  }

  /**
   * Builds an interpolated improved Kneser–Ney model without singleton pruning ({@code -ps=no}) and writes
   * it as ARPA; if {@code test} is given, also prints its perplexity with OOV penalty bound {@code dub}.
   */
  public Run tlm(Path train, int order, Path arpa, Path test, long dub) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(bin.resolve("tlm").toString(), "-tr=" + train, "-n=" + order,
        "-lm=msb", "-ps=no", "-o=" + arpa));
    if (test != null) {
      cmd.add("-te=" + test);
      cmd.add("-dub=" + dub);
    }
    return run(cmd, arpa.getParent());
  }

  /** {@code compile-lm --eval}: perplexity of the text under an ARPA model, OOV penalty bound {@code dub}. */
  public Run eval(Path arpa, Path text, long dub) throws IOException {
    return run(List.of(bin.resolve("compile-lm").toString(), arpa.toString(), "--eval=" + text, "--dub=" + dub),
        arpa.getParent());
  }

  private static Run run(List<String> command, Path dir) throws IOException {
    List<String> cmd = new ArrayList<>();
    Path timeOut = null;
    if (Files.isExecutable(TIME)) {
      timeOut = Files.createTempFile(dir, "time", ".txt");
      cmd.addAll(List.of(TIME.toString(), "-v", "-o", timeOut.toString()));
    }
    cmd.addAll(command);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
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
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    long rss = -1;
    if (timeOut != null) {
      String t = Files.readString(timeOut, StandardCharsets.UTF_8);
      Matcher m = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)").matcher(t);
      if (m.find()) {
        rss = Long.parseLong(m.group(1));
      }
      Files.deleteIfExists(timeOut);
    }
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    if (rc != 0) {
      String tail = String.join(" | ", stderr.lines().filter(l -> !l.isBlank()).skip(
          Math.max(0, stderr.lines().filter(l -> !l.isBlank()).count() - 3)).toList());
      throw new IOException(command.get(0) + " exited " + rc + ": " + tail);
    }
    return new Run(stdout, stderr, seconds, rss);
  }
}
