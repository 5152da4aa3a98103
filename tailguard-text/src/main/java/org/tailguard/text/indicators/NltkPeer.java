package org.tailguard.text.indicators;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python reference: the system interpreter running {@code peer_nltk.py} with NLTK, on sequences
 * written to a temporary file as space-separated word ids.
 *
 * <p>The script ships as a class-path resource. Its timing covers its scoring loop only, not the
 * interpreter's start, the import of NLTK or the reading of the file.
 */
final class NltkPeer implements AutoCloseable {
  static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");
  private static final String SCRIPT = "peer_nltk.py";

  private final Path python;
  private final Path script;
  private final String nltkVersion;
  private final String pythonVersion;

  private NltkPeer(Path python, Path script, String nltkVersion, String pythonVersion) {
    this.python = python;
    this.script = script;
    this.nltkVersion = nltkVersion;
    this.pythonVersion = pythonVersion;
  }

  /** What the script returned: the seconds of its timed loop and its numbers. */
  record Result(double seconds, double[] values) {}

  /** Either a ready peer or a one-line reason why there is none. */
  record Located(NltkPeer peer, String unavailable) {}

  /** Finds the interpreter and NLTK; never throws for a missing or broken installation. */
  static Located locate(Path python) {
    if (!Files.isExecutable(python)) {
      return new Located(null, python + " not found");
    }
    Path script = null;
    try {
      Exec probe = exec(List.of(python.toString(), "-c",
          "import sys, nltk; print(nltk.__version__, sys.version.split()[0])"), 120);
      if (probe.status != 0) {
        return new Located(null, python + " cannot import nltk (install python3-nltk): " + lastLine(probe.err));
      }
      String[] v = probe.out.strip().split(" ");
      script = Files.createTempFile("tailguard-nltk-", ".py");
      try (InputStream in = NltkPeer.class.getResourceAsStream(SCRIPT)) {
        if (in == null) {
          throw new IllegalStateException("resource " + SCRIPT + " is missing from the class path");
        }
        Files.write(script, in.readAllBytes());
      }
      return new Located(new NltkPeer(python, script, v[0], v.length > 1 ? v[1] : "?"), null);
    } catch (IOException e) {
      deleteQuietly(script);
      return new Located(null, python + " could not be run: " + e.getMessage());
    }
  }

  String nltkVersion() {
    return nltkVersion;
  }

  String pythonVersion() {
    return pythonVersion;
  }

  /** NLTK's {@code sentence_bleu} of each listed hypothesis against all other sequences, Texygen's way. */
  Result selfBleu(int[][] sequences, int gram, int[] hypotheses, long timeoutSeconds) {
    Path indices = null;
    try {
      StringBuilder sb = new StringBuilder();
      for (int h : hypotheses) {
        sb.append(h).append('\n');
      }
      indices = Files.createTempFile("tailguard-nltk-", ".idx");
      Files.writeString(indices, sb);
      return run(sequences, timeoutSeconds, "selfbleu", Integer.toString(gram), indices.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(indices);
    }
  }

  /** ROUGE-L F of every pair i &lt; j, row by row. */
  Result rougeL(int[][] sequences, long timeoutSeconds) {
    return run(sequences, timeoutSeconds, "rougel");
  }

  /** The {@code diversity} package's self-repetition score of the sequences as documents, one per order. */
  Result selfRepetition(int[][] sequences, int[] orders, long timeoutSeconds) {
    return run(sequences, timeoutSeconds, "selfrep", join(orders));
  }

  /** The {@code diversity} package's n-gram diversity score of the sequences, one per highest order. */
  Result ngramDiversity(int[][] sequences, int[] orders, long timeoutSeconds) {
    return run(sequences, timeoutSeconds, "ngd", join(orders));
  }

  private static String join(int[] values) {
    StringBuilder sb = new StringBuilder();
    for (int v : values) {
      sb.append(sb.isEmpty() ? "" : ",").append(v);
    }
    return sb.toString();
  }

  private Result run(int[][] sequences, long timeoutSeconds, String... args) {
    Path data = null;
    try {
      data = Files.createTempFile("tailguard-nltk-", ".txt");
      StringBuilder sb = new StringBuilder();
      for (int[] s : sequences) {
        for (int i = 0; i < s.length; i++) {
          if (i > 0) {
            sb.append(' ');
          }
          sb.append(s[i]);
        }
        sb.append('\n');
      }
      Files.writeString(data, sb, StandardCharsets.UTF_8);
      List<String> command = new ArrayList<>(List.of(python.toString(), script.toString(), args[0], data.toString()));
      command.addAll(List.of(args).subList(1, args.length));
      Exec r = exec(command, timeoutSeconds);
      if (r.status != 0) {
        throw new IllegalStateException("NLTK peer failed (exit " + r.status + "): " + lastLine(r.err));
      }
      String[] lines = r.out.strip().split("\n");
      if (!lines[0].startsWith("seconds ")) {
        throw new IllegalStateException("NLTK peer: unexpected output " + lines[0]);
      }
      double[] values = new double[lines.length - 1];
      for (int i = 1; i < lines.length; i++) {
        values[i - 1] = Double.parseDouble(lines[i]);
      }
      return new Result(Double.parseDouble(lines[0].substring(8)), values);
    } catch (IOException e) {
      throw new UncheckedIOException("NLTK peer: " + e.getMessage(), e);
    } finally {
      deleteQuietly(data);
    }
  }

  @Override
  public void close() {
    deleteQuietly(script);
  }

  private record Exec(int status, String out, String err) {}

  private static Exec exec(List<String> command, long timeoutSeconds) throws IOException {
    Path out = Files.createTempFile("tailguard-nltk-", ".out");
    Path err = Files.createTempFile("tailguard-nltk-", ".err");
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
