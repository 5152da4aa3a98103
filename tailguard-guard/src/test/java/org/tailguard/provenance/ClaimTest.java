package org.tailguard.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.spec.SpecException;

/** Claims are validated records whose errors name the field; their JSON form round-trips. */
class ClaimTest {
  @TempDir
  Path dir;

  private static void assertRejected(String field, String json) {
    SpecException e = assertThrows(SpecException.class, () -> Claim.parseJson(json), json);
    assertTrue(e.getMessage().startsWith(field + ":"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  private static final String SHA = Sha256.ofText("x").hex();

  private static String doc(String extra) {
    return "{\"id\":\"doc:1\",\"kind\":\"document\",\"sha256\":\"" + SHA + "\",\"source\":\"web crawl\","
        + "\"licence\":\"unknown\",\"tier\":3,\"digitalSourceType\":\"digitalCreation\"" + extra + "}";
  }

  @Test
  void json_roundTrips() {
    for (Claim c : List.of(LedgerFixtures.doc(1), LedgerFixtures.synthetic(2, "model:m"),
        Claim.builder(EntityKind.RUN, "run:20260301-01").source("tailguard curate").licence("n/a")
            .link(Relation.TRAINED_ON, "dataset:mix").attribute("spec", "mix.yaml").build())) {
      assertEquals(c, Claim.parseJson(c.toCanonicalJson()));
    }
    Claim c = Claim.parseJson(doc(",\"synthetic\":false"));
    assertEquals(SourceType.DIGITAL_CREATION, c.sourceType());
    assertTrue(c.toCanonicalJson().contains("\"digitalSourceType\":\"" + SourceType.NAMESPACE + "digitalCreation\""));
  }

  @Test
  void synthetic_followsTheDigitalSourceType() {
    Claim g = LedgerFixtures.synthetic(1, "model:kn3");
    assertTrue(g.synthetic());
    assertEquals("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia", g.sourceType().uri());
    assertTrue(g.toCanonicalJson().contains("\"synthetic\":true"));
    assertFalse(LedgerFixtures.doc(1).synthetic());
  }

  @Test
  void badFields_areNamed() {
    assertRejected("claim.tier", doc("").replace("\"tier\":3", "\"tier\":4"));
    assertRejected("claim.tier", doc("").replace("\"tier\":3", "\"tier\":\"3\""));
    assertRejected("claim.tier", doc("").replace(",\"tier\":3", ""));
    assertRejected("claim.kind", doc("").replace("document", "novel"));
    assertRejected("claim.sha256", doc("").replace(SHA, "abc"));
    assertRejected("claim.sha256", doc("").replace(",\"sha256\":\"" + SHA + "\"", ""));
    assertRejected("claim.id", doc("").replace("doc:1", "doc 1"));
    assertRejected("claim.source", doc("").replace("web crawl", " "));
    assertRejected("claim.digitalSourceType", doc("").replace("digitalCreation", "handwritten"));
    assertRejected("claim.generator", doc("").replace("digitalCreation", "trainedAlgorithmicMedia"));
    assertRejected("claim.generator", doc(",\"generator\":\"gpt\""));
    assertRejected("claim.synthetic", doc(",\"synthetic\":true"));
    assertRejected("claim.colour", doc(",\"colour\":\"red\""));
    assertRejected("claim.derivedFrom[0].relation", doc(",\"derivedFrom\":[{\"relation\":\"copiedFrom\",\"target\":\"x\"}]"));
    assertRejected("claim.derivedFrom[0].target", doc(",\"derivedFrom\":[{\"relation\":\"partOf\",\"target\":\"doc:1\"}]"));
    assertRejected("claim.derivedFrom[1]", doc(",\"derivedFrom\":[{\"relation\":\"partOf\",\"target\":\"d\"},"
        + "{\"relation\":\"partOf\",\"target\":\"d\"}]"));
    assertRejected("claim.derivedFrom[0].relation", doc(",\"derivedFrom\":[{\"relation\":\"trainedOn\",\"target\":\"d\"}]"));
    assertRejected("claim.training.reason", doc(",\"training\":{\"permissions\":{\"ai_training\":\"notAllowed\"}}"));
    assertRejected("claim.training.permissions.ai_cooking", doc(",\"training\":{\"permissions\":{\"ai_cooking\":\"allowed\"}}"));
    assertRejected("claim.training.permissions.ai_training", doc(",\"training\":{\"permissions\":{\"ai_training\":\"maybe\"}}"));
    assertRejected("claim", "{\"id\":\"x\",");
    assertRejected("claim", "{\"id\":\"x\",\"tier\":1.5}");
  }

  @Test
  void trainingPermissions_keepTheReason() {
    Claim c = Claim.parseJson(doc(",\"training\":{\"permissions\":{\"ai_training\":\"notAllowed\","
        + "\"data_mining\":\"allowed\"},\"reason\":\"robots.txt disallows AI crawlers\"}"));
    assertEquals(TrainingPermissions.Permission.NOT_ALLOWED, c.training().get(TrainingPermissions.Use.AI_TRAINING));
    assertEquals(TrainingPermissions.Permission.UNKNOWN, c.training().get(TrainingPermissions.Use.AI_INFERENCE));
    assertEquals("robots.txt disallows AI crawlers", c.training().reason());
  }

  @Test
  void jsonl_errorsNameTheLine() throws Exception {
    Path f = dir.resolve("claims.jsonl");
    Files.writeString(f, LedgerFixtures.doc(1).toCanonicalJson() + "\n\n" + doc("").replace("\"tier\":3", "\"tier\":0")
        + "\n");
    SpecException e = assertThrows(SpecException.class, () -> Claim.readJsonl(f));
    assertEquals(f + ":3: claim.tier: must be 1 (verified human / pre-2022 archive), 2 (authenticated human) or 3 "
        + "(unverified web), got 0", e.getMessage());
    Files.writeString(f, LedgerFixtures.doc(1).toCanonicalJson() + "\n" + LedgerFixtures.doc(2).toCanonicalJson());
    assertEquals(List.of(LedgerFixtures.doc(1), LedgerFixtures.doc(2)), Claim.readJsonl(f));
    LedgerException missing = assertThrows(LedgerException.class, () -> Claim.readJsonl(dir.resolve("none.jsonl")));
    assertEquals(dir.resolve("none.jsonl") + ": no such claims file", missing.getMessage());
  }
}
