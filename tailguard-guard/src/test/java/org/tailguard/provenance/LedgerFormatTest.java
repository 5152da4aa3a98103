package org.tailguard.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format version 1 stays readable and byte-stable: a ledger written by {@link FormatFixtureMain} (committed with
 * its public key, the private key discarded) still opens, verifies against its key and head, and yields the same
 * claims; and the canonical bytes of an entry are pinned character for character.
 */
class LedgerFormatTest {
  /** Printed by FormatFixtureMain when the fixture was written. */
  private static final String HEAD = "2:27fa03239709097c05148e83d95a40542001e43a233c1f6ef4e7dba3cc4578d2";

  @TempDir
  Path dir;

  private Path fixture(String name) throws Exception {
    Path f = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream(name)) {
      Files.write(f, in.readAllBytes());
    }
    return f;
  }

  @Test
  void version1Fixture_stillVerifiesAndReads() throws Exception {
    Path db = fixture("ledger-v1.db");
    LedgerKeys pub = LedgerKeys.loadPublic(fixture("ledger-v1.pub"));
    try (Ledger l = Ledger.openReadOnly(db)) {
      VerificationReport r = l.verify(VerifyOptions.DEFAULT.withTrustedKey(pub).withTrustedHead(Head.parse("head", HEAD)));
      assertTrue(r.ok(), String.join("\n", r.lines()));
      assertEquals(6, r.entries());
      List<Claim> expected = FormatFixtureMain.claims();
      for (Claim c : expected) {
        assertEquals(c, l.latest(c.id()).orElseThrow().claim());
      }
      assertEquals(HEAD, l.head().toString());
      assertEquals(Instant.parse("2026-03-01T12:00:00Z"), l.info().created());
      assertTrue(l.lineage("gen:1", 20).toTree().contains("generatedBy -> model:g0"));
    }
  }

  @Test
  void entryBytes_arePinned() {
    Claim c = FormatFixtureMain.claims().getFirst();
    byte[] b = Envelope.claimEntry(1, 1, Instant.parse("2026-03-01T12:00:00Z"),
        new Sha256("d22fd2d3295309c7de03c0c7630cb6c07edc665fb6e0ea7d28bdc581d9184dd0"), c);
    assertEquals("{\"batch\":1,\"claim\":{\"derivedFrom\":[{\"relation\":\"partOf\",\"target\":\"dataset:wiki\"}],"
        + "\"digitalSourceType\":\"http://cv.iptc.org/newscodes/digitalsourcetype/digitalCreation\",\"id\":\"doc:1\","
        + "\"kind\":\"document\",\"licence\":\"CC-BY-SA-4.0\","
        + "\"sha256\":\"6d67a445d1e5c7d98997d412fd71e5eb9a450b2c5f6e206d8511fe1b9009ec90\",\"source\":\"wikitext-2 train\","
        + "\"synthetic\":false,\"tier\":1,\"training\":{\"permissions\":{\"ai_generative_training\":\"allowed\","
        + "\"ai_inference\":\"allowed\",\"ai_training\":\"allowed\",\"data_mining\":\"allowed\"},"
        + "\"reason\":\"CC-BY-SA-4.0\"}},\"prev\":\"d22fd2d3295309c7de03c0c7630cb6c07edc665fb6e0ea7d28bdc581d9184dd0\","
        + "\"seq\":1,\"time\":\"2026-03-01T12:00:00.000Z\",\"type\":\"claim\",\"v\":1}",
        new String(b, StandardCharsets.UTF_8));
  }
}
