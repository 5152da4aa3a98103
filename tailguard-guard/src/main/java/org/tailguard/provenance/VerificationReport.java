package org.tailguard.provenance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of {@link Ledger#verify}: whether every check passed, what was checked (entries, batches, the
 * key used and whether the user supplied it), and the problems found, each one line naming entries or
 * batches. {@code totalProblems} may exceed the listed ones when the list was cut at
 * {@link VerifyOptions#maxProblems()}.
 */
public record VerificationReport(Path file, long entries, long batches, Sha256 keyFingerprint, boolean keyTrusted,
    Head head, List<Problem> problems, int totalProblems, Duration elapsed) {
  public VerificationReport {
    problems = List.copyOf(problems);
  }

  /** Whether the ledger verified: no problem at all. */
  public boolean ok() {
    return totalProblems == 0;
  }

  /** A one-line summary, such as {@code ledger.db: OK: 1001 entries in 2 batches; …}. */
  public String summary() {
    String key = keyFingerprint == null ? "no usable key"
        : "key " + keyFingerprint.shortHex() + (keyTrusted ? " (trusted)" : " (the ledger's own; pass a trusted key "
            + "to rule out a re-signed copy)");
    if (ok()) {
      return file + ": OK: " + entries + " entries in " + batches + " signed batches; " + key + "; head " + head;
    }
    return file + ": FAILED: " + totalProblems + " problem" + (totalProblems == 1 ? "" : "s") + " in " + entries
        + " entries and " + batches + " batches; " + key;
  }

  /** The summary followed by one line per listed problem (and a line for any not listed). */
  public List<String> lines() {
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    out.add(summary());
    for (Problem p : problems) {
      out.add(p.message());
    }
    if (totalProblems > problems.size()) {
      out.add("... and " + (totalProblems - problems.size()) + " more problems");
    }
    return out;
  }
}
