package org.tailguard.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.tailguard.models.ModelFamilies;
import org.tailguard.models.ModelFamily;
import org.tailguard.report.Reports;
import org.tailguard.sim.Simulator;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.spec.SpecLoader;
import org.tailguard.store.Provenance;
import org.tailguard.store.Run;
import org.tailguard.store.RunStore;

/**
 * Runs one experiment into the store: finds a resumable run of the same spec or creates one, runs the
 * simulator with a checkpoint under the run's folder, marks the outcome and writes the run's report.
 */
final class ExperimentRunner {
  private final ModelFamilies families;
  private final SpecLoader loader;
  private final DataOptions data;
  private final RunStore store;
  private final int threads;
  private final Progress progress;
  private final List<String> commandLine;

  ExperimentRunner(ModelFamilies families, DataOptions data, RunStore store, int threads, Progress progress,
      List<String> commandLine) {
    this.families = families;
    this.loader = families.specLoader();
    this.data = data;
    this.store = store;
    this.threads = threads;
    this.progress = progress;
    this.commandLine = commandLine;
  }

  record Result(Run run, boolean resumed, Duration elapsed, Path reportDir) {}

  Result run(ExperimentSpec spec, boolean restart, boolean report) throws IOException {
    ModelFamily<?, ?> family = families.create(spec.model());
    String sha = loader.sha256(spec);
    Optional<Run> previous = restart ? Optional.empty() : store.findResumable(sha);
    Run run = previous.map(r -> store.markRunning(r.id()))
        .orElseGet(() -> store.createRun(spec, loader, Provenance.capture(threads, commandLine)));
    Path runDir = data.runDir(run.id());
    Path checkpoint = store.checkpointFile(run.id());
    String id = run.id();
    Thread hook = new Thread(() -> {
      try {
        store.markInterrupted(id, "interrupted (signal); resume with the same command");
      } catch (RuntimeException ignored) {
        // best effort: the run stays 'running', which is resumable too
      }
    });
    Runtime.getRuntime().addShutdownHook(hook);
    Simulator.Outcome outcome;
    try {
      outcome = new Simulator(threads).run(spec, family,
          progress.wrap(store.sink(id), spec.name(), spec.generations()), checkpoint);
      run = store.markFinished(id);
    } catch (IOException | RuntimeException e) {
      store.markFailed(id, e.getMessage() == null ? e.toString() : e.getMessage());
      throw e;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running
      }
    }
    Files.deleteIfExists(checkpoint); // a finished run needs no checkpoint
    Path reportDir = report ? Reports.writeRun(store, run.id(), runDir.resolve("report")).getParent() : null;
    return new Result(run, outcome.resumed(), outcome.elapsed(), reportDir);
  }
}
