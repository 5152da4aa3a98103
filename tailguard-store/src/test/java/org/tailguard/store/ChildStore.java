package org.tailguard.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link StoreWriterMain} running in a second JVM. */
final class ChildStore implements AutoCloseable {
  final Process process;
  private final BufferedReader out;

  /**
   * Starts the child; {@code log} receives its stderr, and sqlite-jdbc unpacks its native library next to it
   * (a killed JVM cannot delete its copy, so it must not land in the shared /tmp).
   */
  ChildStore(Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
        "-Dorg.sqlite.tmpdir=" + log.toAbsolutePath().getParent(),
        "-cp", System.getProperty("java.class.path"), StoreWriterMain.class.getName()));
    cmd.addAll(List.of(args));
    process = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Reads lines until one starts with the prefix; returns it, or fails if the child ends first. */
  String await(String prefix) throws IOException {
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith(prefix)) {
        return line;
      }
      if (line.startsWith("ERROR")) {
        throw new IllegalStateException("child failed: " + line);
      }
    }
    throw new IllegalStateException("child exited before printing '" + prefix + "'");
  }

  long pid() {
    return process.pid();
  }

  /** Closes the child's stdin so that it closes the store and exits; returns its exit code. */
  int finish() throws IOException, InterruptedException {
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("child did not exit");
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
