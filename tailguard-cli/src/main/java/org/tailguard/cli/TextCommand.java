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
import java.util.Map;
import org.tailguard.random.RandomStreams;
import org.tailguard.random.RandomStreams.Purpose;
import org.tailguard.text.indicators.Coverage;
import org.tailguard.text.indicators.SelfBleuBenchmark;
import org.tailguard.text.indicators.TimeToLoss;
import org.tailguard.text.lab.NGramFamily;
import org.tailguard.text.lab.NGramFit;
import org.tailguard.text.lab.NGramSpec;
import org.tailguard.text.lab.TextData;
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
    subcommands = {TextCommand.Table.class, TextCommand.Losses.class, TextCommand.Bench.class})
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

  @Command(name = "losses", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Runs one replace chain of the ngram family and prints which words vanish first, and when",
          "(a per-word time-to-loss table), and, for Brown, the coverage of each genre's held-out words."})
  static final class Losses implements Callable<Integer> {
    @Option(names = "--corpus", defaultValue = "brown:train", description = "Training split (default: ${DEFAULT-VALUE}).")
    String corpus;

    @Option(names = "--samples", defaultValue = "10000", description = "Sentences per generation (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--generations", defaultValue = "5", description = "Last generation (default: ${DEFAULT-VALUE}).")
    int generations;

    @Option(names = "--order", defaultValue = "3", description = "n-gram order (default: ${DEFAULT-VALUE}).")
    int order;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = "--top", defaultValue = "25", description = "Rows of the word table (default: ${DEFAULT-VALUE}).")
    int top;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() {
      var out = cmd.commandLine().getOut();
      NGramSpec spec = new NGramSpec(corpus, null, order, null, null, null, null, null, null);
      NGramFamily family = new NGramFamily(spec);
      TextData data = family.real(Math.min(samples, family.training().size()), RandomStreams.derive(seed, 0, 0, Purpose.REAL));
      TimeToLoss losses = TimeToLoss.start(data.sentences());
      Map<String, Sentences> genres = genres(family);
      List<List<Double>> coverage = new ArrayList<>();
      coverage.add(cover(genres, data.sentences()));
      for (int g = 1; g <= generations; g++) {
        NGramFit fit = family.fit(data, RandomStreams.derive(seed, 0, g - 1, Purpose.FIT));
        data = fit.sample(data.size(), 1.0, RandomStreams.derive(seed, 0, g, Purpose.SAMPLE));
        losses.observe(data.sentences());
        coverage.add(cover(genres, data.sentences()));
        cmd.commandLine().getErr().printf(Locale.ROOT, "generation %d: %d words of generation 0 lost so far%n", g,
            java.util.Arrays.stream(losses.lostPerGeneration()).sum());
      }
      int[] lost = losses.lostPerGeneration();
      out.printf(Locale.ROOT, "%s, %d sentences, order %d, replace, seed %d%n", corpus, data.size(), order, seed);
      out.println("words of generation 0 that first vanish at each generation:");
      List<List<String>> perGen = new ArrayList<>();
      for (int g = 1; g < lost.length; g++) {
        perGen.add(List.of(Integer.toString(g), Integer.toString(lost[g])));
      }
      Tables.print(out, List.of("generation", "words lost"), perGen);
      out.println();
      out.println("the first words to vanish (most frequent first among those lost earliest):");
      List<TimeToLoss.Row> rows = losses.table().stream().filter(TimeToLoss.Row::lost)
          .sorted(java.util.Comparator.comparingInt(TimeToLoss.Row::firstAbsent)
              .thenComparing(java.util.Comparator.comparingLong(TimeToLoss.Row::count0).reversed()))
          .limit(top).toList();
      List<List<String>> table = new ArrayList<>();
      for (TimeToLoss.Row r : rows) {
        table.add(List.of(r.word(), Long.toString(r.count0()), Integer.toString(r.firstAbsent()), r.returned() ? "yes" : "no"));
      }
      Tables.print(out, List.of("word", "count in gen 0", "vanished at gen", "came back"), table);
      if (!genres.isEmpty()) {
        out.println();
        out.println("share of each genre's held-out word types still present in the generation's corpus:");
        List<String> header = new ArrayList<>(List.of("genre"));
        for (int g = 0; g <= generations; g++) {
          header.add("gen " + g);
        }
        List<List<String>> cov = new ArrayList<>();
        int k = 0;
        for (String genre : genres.keySet()) {
          List<String> row = new ArrayList<>(List.of(genre));
          for (List<Double> gen : coverage) {
            row.add(String.format(Locale.ROOT, "%.1f%%", 100 * gen.get(k)));
          }
          cov.add(row);
          k++;
        }
        Tables.print(out, header, cov);
      }
      return 0;
    }

    /** Brown's held-out text per genre (empty for other corpora). */
    private Map<String, Sentences> genres(NGramFamily family) {
      Map<String, Sentences> m = new java.util.LinkedHashMap<>();
      if (!corpus.startsWith("brown")) {
        return m;
      }
      for (String genre : Split.BROWN_GENRES) {
        m.put(genre, TokenizedCorpus.of(Split.parse("brown:test:" + genre)).encode(family.training().vocabulary()));
      }
      return m;
    }

    private static List<Double> cover(Map<String, Sentences> genres, Sentences generated) {
      return Coverage.byGroup(genres, generated, 1).stream().map(Coverage.Group::covered).toList();
    }
  }

  @Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Issue 3's text benchmarks in one run: trigram build on SOTU vs IRSTLM's tlm (time, memory),",
          "scoring throughput, Self-BLEU on 5,000 Brown sentences vs NLTK's sentence_bleu loop, and the wall time",
          "of a full 10-generation trigram replace experiment on SOTU."})
  static final class Bench implements Callable<Integer> {
    @Option(names = "--quick", description = "Small sizes and no search for the smallest heap (for smoke tests).")
    boolean quick;

    @Option(names = "--skip-experiment", description = "Leave out the 10-generation experiment.")
    boolean skipExperiment;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() throws Exception {
      PrintStream out = WriterOutputStream.printStream(cmd.commandLine().getOut());
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
        LmBenchmark.run(out, trainFile, testFile, 3, !quick);

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
