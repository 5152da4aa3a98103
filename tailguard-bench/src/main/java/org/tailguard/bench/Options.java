package org.tailguard.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.tailguard.spec.Check;
import org.tailguard.spec.SpecException;

/**
 * What the peer benchmark runs: sizes, repetitions, threads, cases, and where the NumPy peer lives.
 *
 * <p>The defaults are the sizes: 1,000 chains × 1,000 generations of the 1-D Gaussian loop at
 * M = 100, and of the categorical loop at K = 1,000 and M = 1,000 from a Zipf(β = 1.2) start (the
 * reference setup of Dohmatob et al., "A Tale of Tails", ICML 2024, as simulated in collapse-science §2.2).
 * {@link #quick()} is a few-second size for tests. Both sides run generations 0..{@code generations}, i.e.
 * {@code generations + 1} draw-and-fit steps.
 *
 * @param chains independent chains, vectorised as rows on the NumPy side
 * @param generations the last generation; both loops run {@code generations + 1} steps
 * @param gaussianSamples M of the Gaussian case
 * @param categoricalK K, the number of outcomes of the categorical case
 * @param categoricalSamples M of the categorical case
 * @param start the categorical start: {@code zipf} or {@code uniform}
 * @param beta the Zipf exponent β of the categorical start, p_i ∝ i^−β
 * @param seed the seed of both sides (each side uses its own generator, so only distributions agree)
 * @param warmups untimed Tailguard runs of full size before timing, for the JIT
 * @param repetitions timed runs per side, interleaved Tailguard then NumPy; the best and the median count
 * @param threads Tailguard's worker threads (NumPy's loop is single-threaded)
 * @param cases the cases to run, in enum order
 * @param python the interpreter of the NumPy peer; the system {@code /usr/bin/python3} by default
 * @param json where to write the report as JSON, or null
 */
public record Options(
    int chains, int generations, int gaussianSamples, int categoricalK, int categoricalSamples, String start,
    double beta, long seed, int warmups, int repetitions, int threads, Set<BenchCase> cases, Path python,
    Path json) {

  /** The system interpreter with Debian's python3-numpy. */
  public static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");

  public Options {
    Check.atLeast("--chains", chains, 2);
    Check.atLeast("--generations", generations, 0);
    Check.atLeast("--gaussian-m", gaussianSamples, 2);
    Check.atLeast("--categorical-k", categoricalK, 2);
    Check.atLeast("--categorical-m", categoricalSamples, 1);
    Check.required("--start", start);
    if (!start.equals("zipf") && !start.equals("uniform")) {
      throw new SpecException("--start", "must be zipf or uniform, got '" + start + "'");
    }
    Check.positive("--beta", beta);
    Check.atLeast("--warmups", warmups, 0);
    Check.atLeast("--repetitions", repetitions, 1);
    Check.atLeast("--threads", threads, 1);
    Check.required("--cases", cases);
    if (cases.isEmpty()) {
      throw new SpecException("--cases", "must name at least one case");
    }
    cases = Set.copyOf(EnumSet.copyOf(cases));
    Check.required("--python", python);
  }

  /** The full size, on every available core. */
  public static Options defaults() {
    return new Options(1000, 1000, 100, 1000, 1000, "zipf", 1.2, 1, 1, 3,
        Runtime.getRuntime().availableProcessors(), EnumSet.allOf(BenchCase.class), SYSTEM_PYTHON, null);
  }

  /**
   * A size that runs end to end in a few seconds: 200 chains × 200 generations; the categorical case at
   * K = M = 200. Enough chains for the distribution checks to have power, no more.
   */
  public static Options quick() {
    return new Options(200, 200, 100, 200, 200, "zipf", 1.2, 1, 1, 1,
        Runtime.getRuntime().availableProcessors(), EnumSet.allOf(BenchCase.class), SYSTEM_PYTHON, null);
  }

  /** The cases in enum order. */
  public List<BenchCase> caseList() {
    return EnumSet.copyOf(cases).stream().toList();
  }

  public Options withCases(Set<BenchCase> newCases) {
    return new Options(chains, generations, gaussianSamples, categoricalK, categoricalSamples, start, beta, seed,
        warmups, repetitions, threads, newCases, python, json);
  }

  public Options withThreads(int newThreads) {
    return new Options(chains, generations, gaussianSamples, categoricalK, categoricalSamples, start, beta, seed,
        warmups, repetitions, newThreads, cases, python, json);
  }

  public Options withPython(Path newPython) {
    return new Options(chains, generations, gaussianSamples, categoricalK, categoricalSamples, start, beta, seed,
        warmups, repetitions, threads, cases, newPython, json);
  }

  public Options withJson(Path newJson) {
    return new Options(chains, generations, gaussianSamples, categoricalK, categoricalSamples, start, beta, seed,
        warmups, repetitions, threads, cases, python, newJson);
  }

  public Options withRepetitions(int newWarmups, int newRepetitions) {
    return new Options(chains, generations, gaussianSamples, categoricalK, categoricalSamples, start, beta, seed,
        newWarmups, newRepetitions, threads, cases, python, json);
  }

  /**
   * Parses command-line flags over {@link #defaults()} ({@code --quick} switches the base to
   * {@link #quick()}): {@code --chains --generations --gaussian-m --categorical-k --categorical-m --start
   * --beta --seed --warmups --repetitions --threads --cases a,b --python --json}.
   *
   * @throws SpecException naming the flag, for an unknown flag, a missing value or a bad value
   */
  public static Options parse(List<String> args) {
    Options o = args.contains("--quick") ? quick() : defaults();
    int chains = o.chains;
    int generations = o.generations;
    int gm = o.gaussianSamples;
    int k = o.categoricalK;
    int cm = o.categoricalSamples;
    String start = o.start;
    double beta = o.beta;
    long seed = o.seed;
    int warmups = o.warmups;
    int reps = o.repetitions;
    int threads = o.threads;
    Set<BenchCase> cases = o.cases;
    Path python = o.python;
    Path json = o.json;
    for (int i = 0; i < args.size(); i++) {
      String flag = args.get(i);
      if (flag.equals("--quick")) {
        continue;
      }
      if (i + 1 >= args.size()) {
        throw new SpecException(flag, "needs a value");
      }
      String v = args.get(++i);
      switch (flag) {
        case "--chains" -> chains = intValue(flag, v);
        case "--generations" -> generations = intValue(flag, v);
        case "--gaussian-m" -> gm = intValue(flag, v);
        case "--categorical-k" -> k = intValue(flag, v);
        case "--categorical-m" -> cm = intValue(flag, v);
        case "--start" -> start = v;
        case "--beta" -> beta = doubleValue(flag, v);
        case "--seed" -> seed = longValue(flag, v);
        case "--warmups" -> warmups = intValue(flag, v);
        case "--repetitions" -> reps = intValue(flag, v);
        case "--threads" -> threads = intValue(flag, v);
        case "--cases" -> cases = caseSet(v);
        case "--python" -> python = Path.of(v);
        case "--json" -> json = Path.of(v);
        default -> throw new SpecException(flag, "unknown option");
      }
    }
    return new Options(chains, generations, gm, k, cm, start, beta, seed, warmups, reps, threads, cases, python, json);
  }

  private static Set<BenchCase> caseSet(String v) {
    List<BenchCase> list = new ArrayList<>();
    for (String s : v.split(",")) {
      try {
        list.add(BenchCase.parse(s.trim()));
      } catch (IllegalArgumentException e) {
        throw new SpecException("--cases", e.getMessage());
      }
    }
    return list.isEmpty() ? Set.of() : EnumSet.copyOf(list);
  }

  private static int intValue(String flag, String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new SpecException(flag, "must be an integer, got '" + v + "'");
    }
  }

  private static long longValue(String flag, String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new SpecException(flag, "must be an integer, got '" + v + "'");
    }
  }

  private static double doubleValue(String flag, String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new SpecException(flag, "must be a number, got '" + v + "'");
    }
  }
}
