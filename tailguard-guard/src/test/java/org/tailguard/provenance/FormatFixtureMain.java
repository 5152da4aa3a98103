package org.tailguard.provenance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * Writes the format-1 ledger fixture that {@link LedgerFormatTest} must keep reading: run once, from the test
 * classpath, with the resource directory as argument; it prints the head to pin in the test. The private key is
 * not kept (only the public key file), so the fixture can never be re-signed.
 *
 * <pre>  java -cp … org.tailguard.provenance.FormatFixtureMain tailguard-guard/src/test/resources/org/tailguard/provenance</pre>
 */
public final class FormatFixtureMain {
  private FormatFixtureMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Path db = dir.resolve("ledger-v1.db");
    Files.deleteIfExists(db);
    LedgerKeys keys = LedgerKeys.generate(KeyAlgorithm.ED25519);
    keys.writePublic(dir.resolve("ledger-v1.pub"));
    try (Ledger l = Ledger.init(db, keys, InstantSource.fixed(Instant.parse("2026-03-01T12:00:00.000Z")))) {
      l.append(claims().subList(0, 3));
      BatchReceipt r = l.append(claims().subList(3, 5));
      System.out.println("head " + r.head());
    }
  }

  static List<Claim> claims() {
    return List.of(
        Claim.builder(EntityKind.DOCUMENT, "doc:1").sha256(Sha256.ofText("The cat sat on the mat."))
            .source("wikitext-2 train").licence("CC-BY-SA-4.0").tier(Tier.VERIFIED_HUMAN)
            .sourceType(SourceType.DIGITAL_CREATION).link(Relation.PART_OF, "dataset:wiki")
            .training(TrainingPermissions.all(TrainingPermissions.Permission.ALLOWED, "CC-BY-SA-4.0")).build(),
        Claim.builder(EntityKind.DATASET, "dataset:wiki").sha256(Sha256.ofText("dataset:wiki")).source("wikitext-2")
            .licence("CC-BY-SA-4.0").tier(Tier.VERIFIED_HUMAN).sourceType(SourceType.DIGITAL_CREATION).build(),
        Claim.builder(EntityKind.MODEL, "model:g0").sha256(Sha256.ofText("model:g0")).source("tailguard lab")
            .licence("n/a").link(Relation.TRAINED_ON, "dataset:wiki").build(),
        Claim.builder(EntityKind.DOCUMENT, "gen:1").sha256(Sha256.ofText("The cat sat on the cat."))
            .source("tailguard lab").licence("CC0-1.0").tier(Tier.UNVERIFIED_WEB).generatedBy("model:g0")
            .link(Relation.GENERATED_BY, "model:g0").attribute("temperature", "1.0")
            .training(new TrainingPermissions(java.util.Map.of(TrainingPermissions.Use.AI_GENERATIVE_TRAINING,
                TrainingPermissions.Permission.NOT_ALLOWED), "synthetic: keep out of the next generation"))
            .build(),
        Claim.builder(EntityKind.RUN, "run:r1").source("tailguard curate").licence("n/a")
            .link(Relation.TRAINED_ON, "dataset:wiki").location("runs/r1").build());
  }
}
