package org.tailguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The NumPy peer: the system interpreter running {@code peer_numpy.py}, a vectorised loop that times itself.
 *
 * <p>The script ships as a class-path resource and is written to a temporary file for the run. Its timing
 * covers the loop only, not the interpreter's start or the import of NumPy; Tailguard's timing likewise
 * covers the simulator's run only, not the JVM's start.
 */
final class NumpyPeer implements AutoCloseable {
  private static final String SCRIPT = "peer_numpy.py";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path python;
  private final Path script;
  private final String numpyVersion;
  private final String pythonVersion;

  private NumpyPeer(Path python, Path script, String numpyVersion, String pythonVersion) {
    this.python = python;
    this.script = script;
    this.numpyVersion = numpyVersion;
    this.pythonVersion = pythonVersion;
  }

  /** What one timed loop returned: wall-clock and CPU seconds of the loop, each chain's final statistics. */
  record Result(double seconds, double cpuSeconds, Map<String, double[]> statistics) {}

  /** Either a ready peer or a one-line reason why there is none. */
  record Located(NumpyPeer peer, String unavailable) {}

  /** Finds the interpreter and NumPy; never throws for a missing or broken installation. */
  static Located locate(Path python) {
    if (!Files.isExecutable(python)) {
      return new Located(null, python + " not found");
    }
    Path script = null;
    try {
      Exec probe = exec(List.of(python.toString(), "-c",
          "import sys, numpy; print(numpy.__version__, sys.version.split()[0])"), 60);
      if (probe.status != 0) {
        return new Located(null, python + " cannot import numpy (install python3-numpy): " + lastLine(probe.err));
      }
      String[] v = probe.out.strip().split(" ");
      script = Files.createTempFile("tailguard-peer-", ".py");
      try (InputStream in = NumpyPeer.class.getResourceAsStream(SCRIPT)) {
        if (in == null) {
          throw new IllegalStateException("resource " + SCRIPT + " is missing from the class path");
        }
        Files.write(script, in.readAllBytes());
      }
      return new Located(new NumpyPeer(python, script, v[0], v.length > 1 ? v[1] : "?"), null);
    } catch (IOException e) {
      deleteQuietly(script);
      return new Located(null, python + " could not be run: " + e.getMessage());
    }
  }

  String numpyVersion() {
    return numpyVersion;
  }

  String pythonVersion() {
    return pythonVersion;
  }

  Path python() {
    return python;
  }

  /** Runs one timed loop of {@code c} with the same sizes, start and seed as Tailguard's spec. */
  Result run(BenchCase c, Options o) {
    Map<String, Object> cfg = new LinkedHashMap<>();
    cfg.put("case", c.id());
    cfg.put("chains", o.chains());
    cfg.put("generations", o.generations());
    cfg.put("seed", o.seed());
    cfg.put("warmup_generations", 10);
    if (c == BenchCase.GAUSSIAN) {
      cfg.put("m", o.gaussianSamples());
    } else {
      cfg.put("m", o.categoricalSamples());
      cfg.put("k", o.categoricalK());
      cfg.put("start", o.start());
      cfg.put("beta", o.beta());
    }
    try {
      Exec r = exec(List.of(python.toString(), script.toString(), JSON.writeValueAsString(cfg)), 3600);
      if (r.status != 0) {
        throw new IllegalStateException("NumPy peer failed (exit " + r.status + "): " + lastLine(r.err));
      }
      JsonNode root = JSON.readTree(r.out);
      Map<String, double[]> stats = new LinkedHashMap<>();
      root.get("stats").properties().forEach(e -> {
        double[] v = new double[e.getValue().size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = e.getValue().get(i).asDouble();
        }
        stats.put(e.getKey(), v);
      });
      return new Result(root.get("seconds").asDouble(), root.get("cpu_seconds").asDouble(), stats);
    } catch (IOException e) {
      throw new UncheckedIOException("NumPy peer: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    deleteQuietly(script);
  }

  private record Exec(int status, String out, String err) {}

  private static Exec exec(List<String> command, long timeoutSeconds) throws IOException {
    Path out = Files.createTempFile("tailguard-peer-", ".out");
    Path err = Files.createTempFile("tailguard-peer-", ".err");
    Process p = null;
    try {
      p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        throw new IOException(command.getFirst() + " did not finish within " + timeoutSeconds + " s");
      }
      return new Exec(p.exitValue(), Files.readString(out), Files.readString(err));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + command.getFirst(), e);
    } finally {
      if (p != null && p.isAlive()) {
        p.destroyForcibly(); // only the child we started
      }
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static String lastLine(String s) {
    String t = s.strip();
    int nl = t.lastIndexOf('\n');
    return t.isEmpty() ? "(no message)" : nl < 0 ? t : t.substring(nl + 1);
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // a leftover temporary file is harmless
      }
    }
  }
}
