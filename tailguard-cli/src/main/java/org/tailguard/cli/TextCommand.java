package org.tailguard.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tailguard.models.ModelFamilies;
import org.tailguard.report.SeedTable;
import org.tailguard.sim.GenerationSink;
import org.tailguard.sim.Simulator;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.store.Run;
import org.tailguard.store.RunStore;
import org.tailguard.text.corpus.Split;
import org.tailguard.text.indicators.SelfBleuBenchmark;
import org.tailguard.text.lm.bench.LmBenchmark;
import org.tailguard.text.lm.bench.PlainText;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.TokenizedCorpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tailguard text table|bench}: the measured seed table of text runs, and the text benchmarks. */
@Command(name = "text", mixinStandardHelpOptions = true, description = "Text collapse: the seed table and the text benchmarks.",
    subcommands = {TextCommand.Table.class, TextCommand.Bench.class})
final class TextCommand {

  @Command(name = "table", mixinStandardHelpOptions = true,
      description = {"Prints, per generation and workflow, Vocabulary Diversity, Content Uniqueness and Quality",
          "Score as percentages of generation 0 (definitions in the README), for stored ngram runs."})
  static final class Table implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", arity = "1..*", description = "Run ids or unique prefixes of ngram runs.")
    List<String> ids;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() {
      try (RunStore store = RunStore.openReadOnly(data.storeFile())) {
        List<Run> runs = ids.stream().map(store::find).toList();
        List<SeedTable.Row> rows;
        try {
          rows = SeedTable.rows(store, runs);
        } catch (IllegalArgumentException e) {
          throw new UserException(e.getMessage(), e);
        }
        print(cmd.commandLine().getOut(), rows);
      }
      return 0;
    }

    static void print(java.io.PrintWriter out, List<SeedTable.Row> rows) {
      List<List<String>> table = new ArrayList<>();
      for (SeedTable.Row r : rows) {
        table.add(List.of(Integer.toString(r.generation()), r.workflow(), pct(r.vocabularyDiversity()),
            pct(r.contentUniqueness()), pct(r.qualityScore()), Tables.num(r.unique1()), Tables.num(r.selfBleu()),
            Tables.num(r.perplexity())));
      }
      Tables.print(out, List.of("Generation", "Workflow", "Vocabulary Diversity", "Content Uniqueness",
          "Quality Score", "unique-1", "Self-BLEU", "held-out PPL"), table);
    }

    static String pct(double x) {
      return String.format(Locale.ROOT, "%.1f%%", x);
    }
  }

  @Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Issue 3's text benchmarks in one run: trigram build on SOTU vs IRSTLM's tlm (time, memory),",
          "scoring throughput, Self-BLEU on 5,000 Brown sentences vs NLTK's sentence_bleu loop, and the wall time",
          "of a full 10-generation trigram replace experiment on SOTU."})
  static final class Bench implements Callable<Integer> {
    @Option(names = "--quick", description = "Small sizes (a few seconds; for smoke tests).")
    boolean quick;

    @Option(names = "--skip-experiment", description = "Leave out the 10-generation experiment.")
    boolean skipExperiment;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() throws Exception {
      PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
      Path dir = Files.createTempDirectory("tailguard-text-bench");
      try {
        TokenizedCorpus train = TokenizedCorpus.of(Split.parse("sotu:train"));
        Sentences trainS = train.encode(train.vocabulary(1));
        Sentences testS = TokenizedCorpus.of(Split.parse("sotu:test")).encode(trainS.vocabulary());
        if (quick) {
          trainS = new Sentences(trainS.vocabulary(), java.util.Arrays.copyOf(trainS.sentences(), 5000));
          testS = new Sentences(testS.vocabulary(), java.util.Arrays.copyOf(testS.sentences(), 1000));
        }
        Path trainFile = dir.resolve("sotu-train.txt");
        Path testFile = dir.resolve("sotu-test.txt");
        PlainText.write(trainS, trainFile, false);
        PlainText.write(testS, testFile, false);
        out.println("== 1. Trigram build and scoring (SOTU train before 1990, test from 1990)");
        LmBenchmark.run(out, trainFile, testFile, 3);

        out.println();
        out.println("== 2. Self-BLEU (Texygen settings) vs NLTK sentence_bleu");
        TokenizedCorpus brown = TokenizedCorpus.of(Split.parse("brown"));
        Path brownFile = dir.resolve("brown.txt");
        PlainText.write(brown.encode(brown.vocabulary(1)), brownFile, false);
        SelfBleuBenchmark.Options o = SelfBleuBenchmark.Options.defaults(brownFile);
        if (quick) {
          o = new SelfBleuBenchmark.Options(brownFile, 500, 20, o.seed(), 1, 1, o.python(), o.timeoutSeconds());
        }
        new SelfBleuBenchmark(o).run(out);

        if (!skipExperiment) {
          out.println();
          out.println("== 3. A full 10-generation trigram replace experiment on SOTU (1 chain)");
          ModelFamilies families = ModelFamilies.discover();
          String spec = DemoCommand.resource("ngram-sotu-bench.yaml");
          ExperimentSpec s = families.specLoader().parse(spec, "demo/ngram-sotu-bench.yaml");
          if (quick) {
            s = s.withSize(1, 2).withWorkflow(s.workflow().withSamples(2000));
          }
          long t0 = System.nanoTime();
          new Simulator(Runtime.getRuntime().availableProcessors()).run(s, families.create(s.model()),
              GenerationSink.NONE, null);
          out.printf(Locale.ROOT, "  %d generations × %d sentences, trigram, all indicators: %.1f s wall%n",
              s.generations() + 1, s.workflow().samples(), (System.nanoTime() - t0) / 1e9);
        }
      } finally {
        try (var files = Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      return 0;
    }
  }
}
