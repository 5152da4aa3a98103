package org.tailguard.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger format read by tools that share no code with Tailguard: OpenSSL verifies every manifest signature
 * with the exported PEM public key (Ed25519 and ECDSA P-256), and a 60-line Python script re-derives the hash
 * chain, the canonical form and the RFC 6962 roots. Each check skips, saying why, when its tool is absent.
 */
class LedgerInteropTest {
  @TempDir
  Path dir;

  private Path ledger(KeyAlgorithm alg) {
    Path f = dir.resolve(alg + ".db");
    LedgerKeys keys = LedgerKeys.generate(alg);
    keys.writePublic(dir.resolve(alg + ".pub"));
    try (Ledger l = Ledger.init(f, keys, LedgerFixtures.CLOCK)) {
      l.appendAll(LedgerFixtures.docs(1, 11), 4);
    }
    return f;
  }

  private static boolean has(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static String run(Path cwd, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
    return out;
  }

  @Test
  void openssl_verifiesEveryManifestSignature() throws Exception {
    assumeTrue(has("openssl", "version"), "openssl is not installed");
    for (KeyAlgorithm alg : KeyAlgorithm.values()) {
      Path f = ledger(alg);
      int n = 0;
      try (Connection c = LedgerFixtures.raw(f); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT batch, manifest, signature FROM batches")) {
        while (rs.next()) {
          Path m = Files.write(dir.resolve("m" + rs.getLong(1)), rs.getBytes(2));
          Path sig = Files.write(dir.resolve("s" + rs.getLong(1)), rs.getBytes(3));
          List<String> cmd = alg == KeyAlgorithm.ED25519
              ? List.of("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", alg + ".pub", "-rawin", "-in",
                  m.toString(), "-sigfile", sig.toString())
              : List.of("openssl", "dgst", "-sha256", "-verify", alg + ".pub", "-signature", sig.toString(),
                  m.toString());
          assertTrue(run(dir, cmd.toArray(String[]::new)).contains("Verified"), "batch " + rs.getLong(1));
          n++;
        }
      }
      assertEquals(4, n, alg + ": genesis batch plus three claim batches");
    }
  }

  @Test
  void python_rederivesChainAndRoots() throws Exception {
    assumeTrue(has("python3", "-c", "import sqlite3, hashlib, json"), "python3 with sqlite3 is not installed");
    Path f = ledger(KeyAlgorithm.ED25519);
    Path script = dir.resolve("independent_verify.py");
    try (InputStream in = getClass().getResourceAsStream("independent_verify.py")) {
      Files.write(script, in.readAllBytes());
    }
    String out = run(dir, "python3", script.toString(), f.toString());
    Head head;
    try (Ledger l = Ledger.openReadOnly(f)) {
      head = l.head();
    }
    assertTrue(out.contains("OK 12 entries, head " + head), out);
  }
}
