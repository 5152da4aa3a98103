package org.tailguard.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lineage of a two-generation collapse loop: human data trains model g0, whose outputs form dataset g1, which
 * trains model g1. Walked both ways, drawn as a tree and as DOT, with cycles found.
 */
class LineageTest {
  @TempDir
  Path dir;
  Ledger ledger;

  private static Claim.Builder data(EntityKind kind, String id) {
    return Claim.builder(kind, id).sha256(Sha256.ofText(id)).source("test").licence("CC0-1.0")
        .tier(Tier.VERIFIED_HUMAN).sourceType(SourceType.DIGITAL_CREATION);
  }

  private static Claim model(String id, String trainedOn) {
    return Claim.builder(EntityKind.MODEL, id).sha256(Sha256.ofText(id)).source("tailguard lab").licence("n/a")
        .link(Relation.TRAINED_ON, trainedOn).build();
  }

  private static Claim generated(String id, String model, String dataset) {
    Claim.Builder b = data(EntityKind.DOCUMENT, id).tier(Tier.UNVERIFIED_WEB).generatedBy(model)
        .link(Relation.GENERATED_BY, model);
    if (dataset != null) {
      b.link(Relation.PART_OF, dataset);
    }
    return b.build();
  }

  @BeforeEach
  void build() {
    ledger = LedgerFixtures.ledger(dir.resolve("ledger.db"), 0, 1);
    ledger.append(List.of(
        data(EntityKind.DATASET, "dataset:wiki").build(),
        model("model:g0", "dataset:wiki"),
        generated("gen:1", "model:g0", "dataset:g1"),
        generated("gen:2", "model:g0", "dataset:g1"),
        data(EntityKind.DATASET, "dataset:g1").tier(Tier.UNVERIFIED_WEB).generatedBy("model:g0")
            .link(Relation.GENERATED_BY, "model:g0").build(),
        model("model:g1", "dataset:g1")));
  }

  @Test
  void tree_showsBothDirections() {
    LineageGraph g = ledger.lineage("model:g0", 100);
    String s = g.toTree();
    System.out.println(s);
    String g1 = "[dataset, tier 3, synthetic: trainedAlgorithmicMedia by model:g0, sha256 "
        + Sha256.ofText("dataset:g1").shortHex() + "]";
    String expected = """
        model:g0 [model, sha256 %s]
        upstream (what it was derived from):
        `-- trainedOn -> dataset:wiki [dataset, tier 1, digitalCreation, sha256 %s]
        downstream (what was derived from it):
        |-- <- generatedBy -- gen:1 [document, tier 3, synthetic: trainedAlgorithmicMedia by model:g0, sha256 %s]
        |-- <- generatedBy -- gen:2 [document, tier 3, synthetic: trainedAlgorithmicMedia by model:g0, sha256 %s]
        `-- <- generatedBy -- dataset:g1 %s
            |-- <- partOf -- gen:1 [document, tier 3, synthetic: trainedAlgorithmicMedia by model:g0, sha256 %s]  (see above)
            |-- <- partOf -- gen:2 [document, tier 3, synthetic: trainedAlgorithmicMedia by model:g0, sha256 %s]  (see above)
            `-- <- trainedOn -- model:g1 [model, sha256 %s]
        cycles: none
        """.formatted(Sha256.ofText("model:g0").shortHex(), Sha256.ofText("dataset:wiki").shortHex(),
        Sha256.ofText("gen:1").shortHex(), Sha256.ofText("gen:2").shortHex(), g1, Sha256.ofText("gen:1").shortHex(),
        Sha256.ofText("gen:2").shortHex(), Sha256.ofText("model:g1").shortHex());
    assertEquals(expected, s);
    assertFalse(g.hasCycle());
    assertEquals(6, g.nodes().size());
  }

  @Test
  void upstream_reachesTheHumanSource() {
    LineageGraph g = ledger.lineage("model:g1", 100);
    assertEquals(List.of("model:g1", "dataset:g1", "model:g0", "dataset:wiki"), List.copyOf(g.nodes().keySet()));
    assertTrue(g.toTree().contains("`-- trainedOn -> dataset:g1"));
  }

  @Test
  void dot_isAGraphvizDigraph() {
    String dot = ledger.lineage("dataset:g1", 100).toDot();
    System.out.println(dot);
    assertTrue(dot.startsWith("digraph lineage {\n"));
    assertTrue(dot.endsWith("}\n"));
    assertTrue(dot.contains("\"model:g1\" -> \"dataset:g1\" [label=\"trainedOn\"];"));
    assertTrue(dot.contains("\"gen:1\" -> \"dataset:g1\" [label=\"partOf\"];"));
    assertTrue(dot.contains("\"dataset:g1\" [label=\"dataset:g1\\n[dataset, tier 3, synthetic"));
    assertEquals(dot.chars().filter(c -> c == '{').count(), dot.chars().filter(c -> c == '}').count());
    assertFalse(dot.contains("color=red"));
  }

  @Test
  void cycles_areDetectedAndReported() {
    ledger.append(List.of(
        data(EntityKind.DATASET, "x").link(Relation.DERIVED_FROM, "y").build(),
        data(EntityKind.DATASET, "y").link(Relation.DERIVED_FROM, "z").build(),
        data(EntityKind.DATASET, "z").link(Relation.DERIVED_FROM, "x").link(Relation.DERIVED_FROM, "dataset:wiki").build()));
    LineageGraph g = ledger.lineage("x", 100);
    assertTrue(g.hasCycle());
    assertEquals(1, g.cycles().size());
    assertEquals(List.of("x", "y", "z"), g.cycles().getFirst().stream().sorted().toList());
    String tree = g.toTree();
    System.out.println(tree);
    assertTrue(tree.contains("derivedFrom -> x  (CYCLE: back to x)"), tree);
    assertTrue(tree.contains("CYCLE: "), tree);
    assertTrue(g.toDot().contains("\"z\" -> \"x\" [label=\"derivedFrom\", color=red, penwidth=2];"));
  }

  @Test
  void unrecordedTargets_andLimits() {
    ledger.append(List.of(generated("gen:3", "model:elsewhere", null)));
    LineageGraph g = ledger.lineage("gen:3", 100);
    assertFalse(g.nodes().get("model:elsewhere").recorded());
    assertTrue(g.toTree().contains("generatedBy -> model:elsewhere [not in ledger]"));
    assertTrue(g.toDot().contains("style=\"filled,dashed\""));
    LineageGraph small = ledger.lineage("model:g0", 3);
    assertTrue(small.truncated());
    assertEquals(3, small.nodes().size());
    assertTrue(small.toTree().contains("(truncated"));
  }

  @Test
  void deepLineage_doesNotOverflow() {
    List<Claim> chain = new ArrayList<>();
    for (int i = 1; i <= 3000; i++) {
      chain.add(data(EntityKind.DATASET, "d" + i).link(Relation.DERIVED_FROM, "d" + (i - 1)).build());
    }
    ledger.appendAll(chain, 1000);
    LineageGraph g = ledger.lineage("d3000", 5000);
    assertEquals(3001, g.nodes().size());
    assertTrue(g.toTree().contains("derivedFrom -> d0 [not in ledger]"));
  }
}
