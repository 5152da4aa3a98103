package org.tailguard.text.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tailguard.models.ModelFamilies;
import org.tailguard.random.RandomStreams;
import org.tailguard.sim.MemorySink;
import org.tailguard.sim.Simulator;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.spec.SpecException;

/**
 * The n-gram family in the lab, on 3,000 real Brown sentences: replace loses vocabulary and raises held-out
 * perplexity at every generation; accumulate never loses a word and its perplexity grows by ever smaller
 * steps (bounded, Gerstgrasser et al.); runs are deterministic whatever the thread count.
 */
class NGramLabTest {
  static final ModelFamilies FAMILIES = ModelFamilies.discover();

  static ExperimentSpec spec(String workflow, int chains, int generations) {
    return FAMILIES.specLoader().parse("""
        name: ngram-test
        seed: 7
        chains: %d
        generations: %d
        model: {family: ngram, corpus: brown:train, order: 3, probe_sentences: 400}
        workflow: {type: %s, samples: 3000}
        metrics: [types, heldout_type_coverage, heldout_ppl, unique_1, self_bleu]
        """.formatted(chains, generations, workflow), "test.yaml");
  }

  static MemorySink run(ExperimentSpec spec, int threads) throws IOException {
    MemorySink sink = new MemorySink();
    new Simulator(threads).run(spec, FAMILIES.create(spec.model()), sink, null);
    return sink;
  }

  @Test
  void replace_losesVocabularyAndFidelityAtEveryGeneration_accumulateDoesNot() throws IOException {
    MemorySink replace = run(spec("replace", 2, 5), 2);
    MemorySink accumulate = run(spec("accumulate", 2, 5), 2);
    for (int c = 0; c < 2; c++) {
      for (int g = 1; g <= 5; g++) {
        assertTrue(replace.values("types", g)[c] < replace.values("types", g - 1)[c], "replace types, chain " + c + " gen " + g);
        assertTrue(replace.values("heldout_ppl", g)[c] > replace.values("heldout_ppl", g - 1)[c], "replace ppl, gen " + g);
        assertTrue(accumulate.values("types", g)[c] >= accumulate.values("types", g - 1)[c], "accumulate keeps words");
      }
      double[] steps = new double[5];
      for (int g = 1; g <= 5; g++) {
        steps[g - 1] = accumulate.values("heldout_ppl", g)[c] - accumulate.values("heldout_ppl", g - 1)[c];
      }
      assertTrue(steps[4] < steps[0], "accumulate's perplexity grows by shrinking steps: " + java.util.Arrays.toString(steps));
      assertTrue(accumulate.values("heldout_ppl", 5)[c] < replace.values("heldout_ppl", 5)[c]);
      assertTrue(replace.values("unique_1", 5)[c] < replace.values("unique_1", 0)[c], "diversity falls under replace");
      assertTrue(replace.values("self_bleu", 5)[c] > replace.values("self_bleu", 0)[c], "homogeneity rises under replace");
    }
  }

  @Test
  void sameSeed_sameText_whateverTheThreadCount() throws IOException {
    ExperimentSpec spec = spec("keep-original, keep: 0.1", 2, 2);
    MemorySink a = run(spec, 1);
    MemorySink b = run(spec, 2);
    for (String ind : new String[] {"types", "heldout_ppl", "unique_1", "self_bleu"}) {
      for (int g = 0; g <= 2; g++) {
        assertArrayEquals(a.values(ind, g), b.values(ind, g), ind + " at " + g);
      }
    }
  }

  @Test
  void aModelWritesOnlyTheWordsOfItsTrainingCorpus() {
    NGramFamily family = (NGramFamily) FAMILIES.create(spec("replace", 1, 1).model());
    TextData small = family.real(200, RandomStreams.of(3));
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < small.size(); i++) {
      for (int w : small.sentence(i)) {
        seen.add(w);
      }
    }
    TextData written = family.fit(small, RandomStreams.of(4)).sample(2000, 1.0, RandomStreams.of(5));
    for (int i = 0; i < written.size(); i++) {
      for (int w : written.sentence(i)) {
        assertTrue(seen.contains(w), "wrote " + small.vocabulary().word(w) + ", unseen in training");
      }
    }
  }

  @Test
  void textData_poolsSubsamplesAndRoundTrips() throws IOException {
    NGramFamily family = (NGramFamily) FAMILIES.create(spec("replace", 1, 1).model());
    TextData a = family.real(10, RandomStreams.of(1));
    TextData b = family.real(5, RandomStreams.of(2));
    TextData ab = a.concat(b);
    assertEquals(15, ab.size());
    assertArrayEquals(b.sentence(4), ab.sentence(14));
    assertEquals(7, ab.subsample(7, RandomStreams.of(3)).size());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ab.write(new DataOutputStream(bytes));
    TextData back = family.readData(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals(ab.sentences(), back.sentences());
  }

  @Test
  void badSpecs_nameTheField() {
    assertEquals("t.yaml:4: model.order: must be in 1..5, got 6", assertThrows(SpecException.class,
        () -> FAMILIES.specLoader().parse("name: t\ngenerations: 1\nmodel:\n  order: 6\n  family: ngram\n"
            + "workflow: {type: replace, samples: 10}\n", "t.yaml")).getMessage());
    ExperimentSpec tooMany = FAMILIES.specLoader().parse("name: t\ngenerations: 1\nmodel: {family: ngram, corpus: "
        + "brown:test:humor}\nworkflow: {type: replace, samples: 100000}\n", "t.yaml");
    SpecException e = assertThrows(SpecException.class, () -> run(tooMany, 1));
    assertTrue(e.getMessage().startsWith("workflow.samples: brown:test:humor has "), e.getMessage());
    SpecException same = assertThrows(SpecException.class, () -> FAMILIES.create(FAMILIES.specLoader().parse(
        "name: t\ngenerations: 1\nmodel: {family: ngram, corpus: sotu:train, observer: sotu:test}\n"
            + "workflow: {type: replace, samples: 10}\n", "t.yaml").model()));
    assertTrue(same.getMessage().startsWith("model.observer: must be another corpus"), same.getMessage());
  }

  /**
   * The histogram of probe perplexities under generation 0 ({@code ppl_gen0_bin_*}): shares sum to 1,
   * and it agrees with the median recorded from the same probe: the bin where the cumulative share crosses
   * one half is the bin of {@code ppl_gen0_median} (or borders it, when the crossing lands on an edge).
   */
  @Test
  void perplexityHistogram_sumsToOneAndHoldsTheMedian() throws IOException {
    ExperimentSpec spec = FAMILIES.specLoader().parse("""
        name: ngram-histogram
        seed: 5
        chains: 2
        generations: 2
        model: {family: ngram, corpus: brown:train, order: 3, probe_sentences: 400}
        workflow: {type: replace, samples: 2000}
        metrics: [ppl_gen0_median, ppl_gen0_bin_*]
        """, "test.yaml");
    MemorySink sink = run(spec, 2);
    int bins = NGramFamily.PPL0_HISTOGRAM.bins();
    for (int g = 0; g <= 2; g++) {
      for (int c = 0; c < 2; c++) {
        double sum = 0;
        int crossing = -1;
        for (int b = 0; b < bins; b++) {
          sum += sink.values(NGramFamily.binName(b), g)[c];
          if (crossing < 0 && sum >= 0.5) {
            crossing = b;
          }
        }
        assertEquals(1, sum, 1e-12, "shares sum to 1 at generation " + g);
        int medianBin = NGramFamily.PPL0_HISTOGRAM.bin(sink.values("ppl_gen0_median", g)[c]);
        assertTrue(Math.abs(crossing - medianBin) <= 1, "median bin " + medianBin + ", crossing " + crossing);
      }
    }
  }
}
