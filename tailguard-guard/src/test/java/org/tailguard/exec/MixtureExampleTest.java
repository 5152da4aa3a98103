package org.tailguard.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.curate.Doc;
import org.tailguard.curate.DocReader;
import org.tailguard.curate.Mixer;
import org.tailguard.curate.MixtureSpec;
import org.tailguard.curate.MixtureSpecs;
import org.tailguard.provenance.KeyAlgorithm;
import org.tailguard.provenance.Ledger;
import org.tailguard.provenance.LineageGraph;
import org.tailguard.provenance.RecordedClaim;
import org.tailguard.provenance.VerifyOptions;

/** The README's 70/20/10 mixture builds from the bundled corpora with exact quotas and full ledger lineage. */
class MixtureExampleTest {
  static final Path EXAMPLE = Path.of(System.getProperty("user.dir")).resolve("../examples/mixture-70-20-10.yaml")
      .normalize();

  @TempDir
  Path tmp;

  @Test
  void example_meetsQuotasExactlyAndTracesToSources() throws Exception {
    MixtureSpec spec = MixtureSpecs.load(EXAMPLE);
    Curation.Result r;
    try (Ledger ledger = Ledger.init(tmp.resolve("ledger.db"), tmp.resolve("ledger.key"), KeyAlgorithm.ED25519)) {
      r = Curation.run(spec, tmp.resolve("run"), 2, ledger, null);
      long[] targets = Mixer.targets(spec.budget().total(), new double[] {0.7, 0.2, 0.1});
      assertEquals(List.of(70_000L, 20_000L, 10_000L), List.of(targets[0], targets[1], targets[2]));
      long total = 0;
      for (int i = 0; i < 3; i++) {
        Mixer.Quota q = r.quotas().get(i);
        assertEquals(0, q.shortfall(), q.source() + " has enough text");
        assertEquals(targets[i], q.selected(), q.source() + " meets its quota exactly");
        long words = 0;
        try (DocReader in = DocReader.open(q.file(), q.source())) {
          while (in.hasNext()) {
            words += in.next().words();
          }
        }
        assertEquals(targets[i], words, q.source() + ": the file holds exactly the quota");
        total += words;
      }
      assertEquals(spec.budget().total(), total);

      // The synthetic filter removed generated text from the web source, and kept most human text.
      RunSummary web = r.runs().get("web");
      long flagged = web.stage("synthetic_filter").get("dropped_synthetic");
      assertTrue(flagged > 0, "the synthetic filter flags generated web text");
      Set<String> webKept = ids(web.outputs(), "web");
      long generatedKept = webKept.stream().filter(id -> id.contains("generated")).count();
      System.out.printf("web: %d flagged, %d generated kept of 60, %d kept%n", flagged, generatedKept, webKept.size());
      assertTrue(generatedKept < 30, "most generated web documents are removed");

      // Lineage: training set <- curated sources <- inputs; the synthetic input is marked synthetic.
      assertTrue(ledger.verify(VerifyOptions.DEFAULT).ok());
      LineageGraph g = ledger.lineage(r.datasetId(), 1000);
      for (String s : List.of("verified-human", "web", "synthetic")) {
        assertTrue(g.nodes().containsKey(spec.name() + "/" + s + "/curated"), s + " curated is upstream");
        assertTrue(g.nodes().containsKey(spec.name() + "/" + s + "/input-0"), s + " input is upstream");
      }
      RecordedClaim synth = ledger.latest(spec.name() + "/synthetic/input-0").orElseThrow();
      assertTrue(synth.claim().synthetic());
      assertTrue(synth.claim().generator().contains("sotu:train"));
      RecordedClaim human = ledger.latest(spec.name() + "/verified-human/input-0").orElseThrow();
      assertTrue(!human.claim().synthetic());
      assertEquals(1, human.claim().tier().number());
      assertTrue(ledger.latest(r.datasetId()).orElseThrow().claim().synthetic(), "the mixture contains synthetic text");
      assertTrue(Files.readString(tmp.resolve("run/summary.html")).contains("synthetic_filter"));
    }
  }

  static Set<String> ids(List<Path> files, String source) {
    return files.stream().flatMap(f -> {
      List<String> out = new java.util.ArrayList<>();
      try (DocReader in = DocReader.open(f, source)) {
        in.forEachRemaining((Doc d) -> out.add(d.id()));
      }
      return out.stream();
    }).collect(Collectors.toSet());
  }
}
