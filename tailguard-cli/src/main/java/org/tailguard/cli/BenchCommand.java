package org.tailguard.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.tailguard.bench.BenchCase;
import org.tailguard.bench.Options;
import org.tailguard.bench.PeerBenchmark;
import org.tailguard.bench.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tailguard bench}: races the lab's hot loops against vectorised NumPy in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Times 1,000 chains × 1,000 generations of the 1-D Gaussian loop (M=100) and of the categorical",
        "loop (K=M=1,000) through the engine, and the equivalent vectorised NumPy loops (/usr/bin/python3),",
        "checks that both computed the same distributions, and prints the time ratio. See BENCHMARKS.md."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:the benchmark ran and both sides agree", "1:the two sides' statistics disagree"})
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--quick", description = "A few-second size (200 × 200; K = M = 200).")
  boolean quick;

  @Option(names = "--threads", paramLabel = "N", description = "Tailguard's worker threads (default: all cores).")
  Integer threads;

  @Option(names = "--repetitions", paramLabel = "N", description = "Timed runs per side (default: 3; quick: 1).")
  Integer repetitions;

  @Option(names = "--cases", split = ",", paramLabel = "CASE", description = "gaussian, categorical (default: both).")
  List<String> cases;

  @Option(names = "--python", paramLabel = "PATH", description = "The NumPy peer's interpreter (default: /usr/bin/python3).")
  Path python;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
  Path json;

  @Spec
  CommandSpec cmd;

  @Override
  public Integer call() {
    Options o = quick ? Options.quick() : Options.defaults();
    if (threads != null) {
      o = o.withThreads(threads);
    }
    if (repetitions != null) {
      o = o.withRepetitions(o.warmups(), repetitions);
    }
    if (cases != null) {
      EnumSet<BenchCase> set = EnumSet.noneOf(BenchCase.class);
      for (String c : cases) {
        try {
          set.add(BenchCase.parse(c.trim()));
        } catch (IllegalArgumentException e) {
          throw new UserException("--cases: " + e.getMessage());
        }
      }
      o = o.withCases(set);
    }
    if (python != null) {
      o = o.withPython(python);
    }
    if (json != null) {
      o = o.withJson(json);
    }
    PrintStream out = WriterOutputStream.printStream(cmd.commandLine().getOut());
    Report report = PeerBenchmark.run(o, out);
    out.flush();
    return report.consistent() ? 0 : 1;
  }
}
