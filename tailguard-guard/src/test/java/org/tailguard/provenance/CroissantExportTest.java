package org.tailguard.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Croissant JSON-LD export of a recorded dataset, with per-file SHA-256, written atomically. */
class CroissantExportTest {
  @TempDir
  Path dir;
  Path root;
  Path a;
  Path b;
  Ledger ledger;

  @BeforeEach
  void record() throws Exception {
    root = dir.resolve("train");
    Files.createDirectories(root);
    a = Files.writeString(root.resolve("human.jsonl"), "{\"text\":\"the cat sat\"}\n");
    b = Files.writeString(root.resolve("synthetic.jsonl.gz"), "not really gzip\n");
    ledger = LedgerFixtures.ledger(dir.resolve("ledger.db"), 0, 1);
    Claim.Builder t = Claim.builder(EntityKind.DATASET, "t").source("tailguard curate mix.yaml").licence("CC-BY-SA-4.0")
        .tier(Tier.VERIFIED_HUMAN).sourceType(SourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA)
        .generator("kn3 generation 2").link(Relation.DERIVED_FROM, "dataset:wikitext-2")
        .attribute("description", "A 70/20/10 training mixture.");
    ledger.recordDataset("dataset:mix", root, List.of(a, b), t, 10);
  }

  @Test
  void export_listsEveryFileWithItsSha256() throws Exception {
    Path out = dir.resolve("out/croissant.json");
    ledger.exportCroissant("dataset:mix", out, root);
    String text = Files.readString(out);
    System.out.println(text);
    JsonNode d = new ObjectMapper().readTree(text);
    assertEquals("sc:Dataset", d.get("@type").asText());
    assertEquals("http://mlcommons.org/croissant/", d.get("@context").get("cr").asText());
    assertEquals("https://schema.org/", d.get("@context").get("@vocab").asText());
    assertEquals("http://mlcommons.org/croissant/1.0", d.get("conformsTo").asText());
    assertEquals("CC-BY-SA-4.0", d.get("license").asText());
    assertEquals("A 70/20/10 training mixture.", d.get("description").asText());
    assertEquals("dataset:wikitext-2", d.get("prov:wasDerivedFrom").get(0).get("@id").asText());
    assertEquals(SourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA.uri(), d.get("digitalSourceType").asText());
    JsonNode files = d.get("distribution");
    assertEquals(2, files.size());
    JsonNode f0 = files.get(0);
    assertEquals("cr:FileObject", f0.get("@type").asText());
    assertEquals("human.jsonl", f0.get("contentUrl").asText());
    assertEquals("application/jsonlines", f0.get("encodingFormat").asText());
    assertEquals(Sha256.ofFile(a).hex(), f0.get("sha256").asText());
    assertEquals(Sha256.ofFile(b).hex(), files.get(1).get("sha256").asText());
    assertEquals("application/gzip", files.get(1).get("encodingFormat").asText());
    assertEquals(ledger.head().toString(), d.get("tg:provenance").get("tg:head").asText());
    assertEquals(ledger.latest("dataset:mix").orElseThrow().claim().sha256().hex(),
        d.get("tg:provenance").get("tg:contentSha256").asText());
    assertEquals("shards/part%200.jsonl", CroissantExport.relativeUrl("shards/part 0.jsonl"));
    try (var s = Files.list(out.getParent())) {
      assertEquals(List.of(out), s.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void changedFile_isRefusedAndTheOldExportKept() throws Exception {
    Path out = dir.resolve("croissant.json");
    ledger.exportCroissant("dataset:mix", out, root);
    String before = Files.readString(out);
    Files.writeString(a, "{\"text\":\"the cat sat on the mat\"}\n");
    LedgerException e = assertThrows(LedgerException.class, () -> ledger.exportCroissant("dataset:mix", out, root));
    assertTrue(e.getMessage().startsWith(a + ": changed since it was recorded (ledger entry 1 has sha256 "),
        e.getMessage());
    assertEquals(before, Files.readString(out));
    ledger.exportCroissant("dataset:mix", out, null); // without re-hashing, the ledger's record is exported
    assertTrue(Files.readString(out).contains(LedgerFixtures.KEYS.fingerprint().hex()));
  }

  @Test
  void badDatasets_getOneLineErrors() {
    Path out = dir.resolve("x.json");
    assertEquals(ledger.file() + ": no entity with id or content hash 'dataset:none'",
        assertThrows(LedgerException.class, () -> ledger.exportCroissant("dataset:none", out, null)).getMessage());
    String file = "dataset:mix/human.jsonl";
    assertEquals(ledger.file() + ": '" + file + "' is a file, not a dataset",
        assertThrows(LedgerException.class, () -> ledger.exportCroissant(file, out, null)).getMessage());
    ledger.append(List.of(Claim.builder(EntityKind.DATASET, "dataset:empty").sha256(Sha256.EMPTY).source("s")
        .licence("l").tier(Tier.UNVERIFIED_WEB).sourceType(SourceType.DIGITAL_CREATION).build()));
    assertTrue(assertThrows(LedgerException.class, () -> ledger.exportCroissant("dataset:empty", out, null))
        .getMessage().contains("has no file members"));
    assertFalse(Files.exists(out));
  }
}
