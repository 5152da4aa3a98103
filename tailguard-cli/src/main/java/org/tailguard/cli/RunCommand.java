package org.tailguard.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tailguard.models.ModelFamilies;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.spec.SpecException;
import org.tailguard.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tailguard run SPEC}: runs an experiment, stores its metrics, writes its report. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs an experiment spec (YAML) and stores its per-generation metrics.",
        "A killed run resumes from its last finished generation when the same spec is run again."})
final class RunCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SPEC", description = "The experiment spec, a YAML file (see examples/).")
  Path specFile;

  @Mixin
  DataOptions data;

  @Mixin
  RunOptions options;

  @Spec
  CommandSpec cmd;

  @Override
  public Integer call() throws Exception {
    ModelFamilies families = ModelFamilies.discover();
    ExperimentSpec spec = options.apply(families.specLoader().load(specFile));
    data.ensureDir();
    try (RunStore store = RunStore.openForWriting(data.storeFile())) {
      ExperimentRunner runner = new ExperimentRunner(families, data, store, options.threads(),
          new Progress(options.progress, cmd.commandLine().getErr()), List.of(cmd.commandLine().getParseResult()
              .originalArgs().toArray(String[]::new)));
      ExperimentRunner.Result r = runner.run(spec, options.restart, !options.noReport);
      var out = cmd.commandLine().getOut();
      out.printf(Locale.ROOT, "run %s %s: generations 0..%d × %d chains in %.1f s on %d threads%s%n",
          r.run().id(), r.run().status().label(), spec.generations(), spec.chains(),
          r.elapsed().toMillis() / 1000.0, options.threads(), r.resumed() ? " (resumed)" : "");
      Tables.runSummary(out, store, r.run());
      if (r.reportDir() != null) {
        out.println("report: " + r.reportDir().resolve("index.html"));
      }
    }
    return 0;
  }

  /** Options shared by {@code run} and {@code demo}. */
  static final class RunOptions {
    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores). Results do not depend on it.")
    Integer threads;

    @Option(names = "--chains", paramLabel = "N", description = "Override the spec's number of chains.")
    Integer chains;

    @Option(names = "--generations", paramLabel = "G", description = "Override the spec's last generation.")
    Integer generations;

    @Option(names = "--seed", paramLabel = "S", description = "Override the spec's seed.")
    Long seed;

    @Option(names = "--restart", description = "Start a new run even if an unfinished run of the same spec exists.")
    boolean restart;

    @Option(names = "--no-report", description = "Do not write the PNG/HTML report.")
    boolean noReport;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
        description = "auto, bar, lines or none (default: ${DEFAULT-VALUE}).")
    Progress.Mode progress;

    int threads() {
      int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
      if (n < 1) {
        throw new SpecException("--threads", "must be at least 1, got " + n);
      }
      return n;
    }

    ExperimentSpec apply(ExperimentSpec spec) {
      ExperimentSpec s = spec;
      if (chains != null || generations != null) {
        s = s.withSize(chains == null ? s.chains() : chains, generations == null ? s.generations() : generations);
      }
      return seed == null ? s : s.withSeed(seed);
    }
  }
}
