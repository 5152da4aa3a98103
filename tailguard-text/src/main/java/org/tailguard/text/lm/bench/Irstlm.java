package org.tailguard.text.lm.bench;

import java.io.IOException;
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
 * to score text with an ARPA file, both under {@code /usr/bin/time -v} when present ({@link TimedCommand})
 * for wall and CPU time and peak resident memory.
 *
 * <p>IRSTLM reads one sentence per line with explicit {@code <s>} and {@code </s>}; its perplexity counts
 * {@code </s>} and every word, and by default multiplies each OOV's probability by 1/(dub − |V|), dub =
 * 10^7. Passing {@code dub = |V| + 1} turns that penalty off (log 1 = 0).
 */
public final class Irstlm {
  /** Where Debian installs the binaries. */
  public static final Path BIN = Path.of("/usr/lib/irstlm/bin");

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
   * @param stderr the standard error
   * @param seconds wall-clock seconds
   * @param cpuSeconds user plus system CPU seconds, or -1 if unknown
   * @param maxRssKb peak resident set size in kB, or -1 if unknown
   */
  public record Run(String stdout, String stderr, double seconds, double cpuSeconds, long maxRssKb) {
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
    TimedCommand.Result r = TimedCommand.run(command, dir);
    if (r.exitCode() != 0) {
      throw new IOException(command.get(0) + " exited " + r.exitCode() + ": " + r.errorTail());
    }
    return new Run(r.stdout(), r.stderr(), r.seconds(), r.cpuSeconds(), r.maxRssKb());
  }
}
