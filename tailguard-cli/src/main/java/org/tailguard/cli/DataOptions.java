package org.tailguard.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the run store, checkpoints and reports live; shared by every command that touches them. */
final class DataOptions {
  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Data folder: run store, checkpoints, reports (default: $TAILGUARD_DATA or ./tailguard-data).")
  Path dataDir;

  @Option(names = {"-v", "--verbose"}, description = "Print stack traces on errors.")
  boolean verbose;

  Path dir() {
    if (dataDir != null) {
      return dataDir;
    }
    String env = System.getenv("TAILGUARD_DATA");
    return Path.of(env == null || env.isBlank() ? "tailguard-data" : env);
  }

  Path storeFile() {
    return dir().resolve("tailguard.db");
  }

  Path runDir(String runId) {
    return dir().resolve("runs").resolve(runId);
  }

  /** Creates the data folder, with a clear error if a file is in the way. */
  Path ensureDir() {
    Path d = dir();
    if (Files.exists(d) && !Files.isDirectory(d)) {
      throw new UserException(d + ": is a file, not a data folder (--data-dir)");
    }
    try {
      Files.createDirectories(d);
    } catch (java.io.IOException e) {
      throw new UserException(d + ": cannot create the data folder: " + e.getMessage(), e);
    }
    return d;
  }
}
