package org.tailguard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.tailguard.monitor.Comparison;
import org.tailguard.monitor.DriftTest;
import org.tailguard.monitor.Examples;
import org.tailguard.monitor.IngestOptions;
import org.tailguard.monitor.IngestResult;
import org.tailguard.monitor.Monitor;
import org.tailguard.monitor.MonitorIndicator;
import org.tailguard.monitor.NGramDistances;
import org.tailguard.monitor.VersionIndicators;
import org.tailguard.monitor.Warning;
import org.tailguard.monitor.WebhookSink;
import org.tailguard.text.corpus.OnBadInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tailguard monitor …}: collapse early warnings across a model's versions, over the monitor store
 * {@code <data-dir>/monitor.db} ({@link Monitor}).
 */
@Command(name = "monitor", mixinStandardHelpOptions = true,
    description = "Collapse early warnings across model versions: ingest outputs, show indicators, warnings, compare.",
    subcommands = {MonitorCommand.Ingest.class, MonitorCommand.Show.class, MonitorCommand.Warnings.class,
        MonitorCommand.Compare.class})
final class MonitorCommand {
  private MonitorCommand() {}

  /** The indicators {@code show} prints, in order. */
  static final List<MonitorIndicator> SHOWN = List.of(MonitorIndicator.DISTINCT_N, MonitorIndicator.SELF_BLEU,
      MonitorIndicator.NEAR_DUPLICATE_RATE, MonitorIndicator.DUPLICATE_RATE, MonitorIndicator.REF_PERPLEXITY,
      MonitorIndicator.REF_COVERAGE, MonitorIndicator.TAIL_MASS, MonitorIndicator.ENTROPY_1,
      MonitorIndicator.MEAN_LENGTH);

  static Path storeFile(DataOptions data) {
    return data.dir().resolve("monitor.db");
  }

  /** Monitors opened read-only because another process writes the store (such as {@code tailguard serve}). */
  private static final java.util.Set<Monitor> READ_ONLY = java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());

  /**
   * Opens an existing store for writing (evaluation stores warnings), or read-only if another process holds
   * the writer's lock; with a clear error if there is no store.
   */
  static Monitor openExisting(DataOptions data) {
    Path f = storeFile(data);
    if (!Files.exists(f)) {
      throw new UserException(f + ": no monitor store yet; run 'tailguard monitor ingest FILE' (or 'tailguard demo') first");
    }
    try {
      return Monitor.open(f);
    } catch (org.tailguard.spec.SpecException locked) {
      Monitor m;
      try {
        m = Monitor.openReadOnly(f);
      } catch (RuntimeException e) {
        throw locked;
      }
      synchronized (READ_ONLY) {
        READ_ONLY.add(m);
      }
      return m;
    }
  }

  /** The warnings that hold now: evaluated and stored, or as last stored when the store is read-only. */
  static List<Warning> warnings(Monitor m, String model) {
    synchronized (READ_ONLY) {
      if (READ_ONLY.contains(m)) {
        return m.warnings(model);
      }
    }
    return m.evaluate(model);
  }

  static List<String> modelsOrAll(Monitor m, String model) {
    if (model != null) {
      m.versions(model); // refuses an unknown model, naming it
      return List.of(model);
    }
    return m.models();
  }

  @Command(name = "ingest", mixinStandardHelpOptions = true,
      description = {"Stores JSONL outputs {model, version, prompt_id?, prompt?, response, timestamp?, meta?}",
          "(one per line; '-' reads standard input), then evaluates the warning rules of each model it touched.",
          "Every batch is committed before the next is read: a crash loses nothing already reported as stored."})
  static final class Ingest implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE|-", description = "The JSONL file, or - for standard input.")
    String file;

    @Option(names = "--model", paramLabel = "M", description = "The model of records that do not name one.")
    String model;

    @Option(names = "--version", paramLabel = "V", description = "The version of records that do not name one.")
    String version;

    @Option(names = "--skip-bad", description = "Skip bad lines (reported) instead of stopping at the first.")
    boolean skipBad;

    @Option(names = "--no-evaluate", negatable = false, description = "Only store; do not evaluate the warning rules.")
    boolean noEvaluate;

    @Option(names = "--webhook", paramLabel = "URL", description = "Also POST each new warning as JSON to this URL.")
    String webhook;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = cmd.commandLine().getOut();
      data.ensureDir();
      boolean stdin = file.equals("-");
      String source = stdin ? "stdin" : file;
      if (!stdin && !Files.isRegularFile(Path.of(file))) {
        throw new UserException(file + ": no such file");
      }
      IngestOptions options = IngestOptions.of(source).withOnBadInput(skipBad ? OnBadInput.SKIP : OnBadInput.FAIL);
      try (Monitor m = Monitor.open(storeFile(data));
          InputStream in = stdin ? System.in : Files.newInputStream(Path.of(file))) {
        if (webhook != null) {
          m.addSink(new WebhookSink(webhook));
        }
        IngestResult r = m.ingest(in, options, model, version);
        out.printf(Locale.ROOT, "stored %d records in %d batches (%s)%n", r.accepted(), r.batches(),
            r.versions().isEmpty() ? "none" : String.join(", ", r.versions()));
        if (r.skipped() > 0) {
          out.printf(Locale.ROOT, "skipped %d bad lines:%n", r.skipped());
          r.errors().forEach(e -> out.println("  " + e));
        }
        if (!noEvaluate) {
          Set<String> models = new LinkedHashSet<>();
          r.versions().forEach(v -> models.add(v.substring(0, v.lastIndexOf('/'))));
          for (String mod : models) {
            List<Warning> ws = m.evaluate(mod);
            out.printf(Locale.ROOT, "%s: %d warning%s%s%n", mod, ws.size(), ws.size() == 1 ? "" : "s",
                ws.isEmpty() ? "" : " (tailguard monitor warnings " + mod + ")");
          }
        }
      }
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Prints the collapse indicators of every version of a model (or of every model).")
  static final class Show implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL")
    String model;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() {
      PrintWriter out = cmd.commandLine().getOut();
      try (Monitor m = openExisting(data)) {
        List<String> models = modelsOrAll(m, model);
        if (models.isEmpty()) {
          out.println("no models yet");
        }
        for (String mod : models) {
          List<Warning> ws = warnings(m, mod);
          out.println(mod + ":");
          List<String> header = new ArrayList<>(List.of("version", "records"));
          SHOWN.forEach(i -> header.add(i.id()));
          header.add("warnings");
          List<List<String>> rows = new ArrayList<>();
          for (VersionIndicators vi : m.indicators(mod)) {
            List<String> row = new ArrayList<>(List.of(vi.info().version(), Long.toString(vi.info().records())));
            SHOWN.forEach(i -> row.add(Tables.num(vi.value(i))));
            List<String> fired = ws.stream().filter(w -> w.version().equals(vi.info().version()))
                .map(Warning::rule).distinct().toList();
            row.add(fired.isEmpty() ? "" : "! " + String.join(", ", fired));
            rows.add(row);
          }
          Tables.print(out, header, rows);
          out.println();
        }
      }
      return 0;
    }
  }

  @Command(name = "warnings", mixinStandardHelpOptions = true,
      description = "Evaluates the warning rules and prints the warnings that hold, with their evidence.")
  static final class Warnings implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL")
    String model;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() {
      PrintWriter out = cmd.commandLine().getOut();
      try (Monitor m = openExisting(data)) {
        for (String mod : modelsOrAll(m, model)) {
          List<Warning> ws = warnings(m, mod);
          out.printf(Locale.ROOT, "%s: %d warning%s%n", mod, ws.size(), ws.size() == 1 ? "" : "s");
          for (Warning w : ws) {
            out.printf(Locale.ROOT, "  [%s] %s %s: %s %s → %s (%+.1f%%) from %s%n", w.rule(), mod, w.version(),
                w.indicator(), Tables.num(w.baselineValue()), Tables.num(w.value()), 100 * w.change(),
                w.baselineVersion());
            out.println("    " + w.message());
          }
        }
      }
      return 0;
    }
  }

  @Command(name = "compare", mixinStandardHelpOptions = true,
      description = "How version V2 of a model differs from V1: indicators, drift test, n-gram distances, prompts, examples.")
  static final class Compare implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL")
    String model;

    @Parameters(index = "1", paramLabel = "V1")
    String v1;

    @Parameters(index = "2", paramLabel = "V2")
    String v2;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() {
      PrintWriter out = cmd.commandLine().getOut();
      try (Monitor m = openExisting(data)) {
        m.flush();
        Comparison c = m.compare(model, v1, v2);
        out.printf(Locale.ROOT, "%s: %s (%d records) → %s (%d records)%n", model, v1, c.reference().records(), v2,
            c.current().records());
        List<List<String>> rows = new ArrayList<>();
        for (Comparison.IndicatorChange ch : c.changes()) {
          rows.add(List.of(ch.indicator(), Tables.num(ch.reference()), Tables.num(ch.current()),
              Double.isNaN(ch.change()) ? "" : String.format(Locale.ROOT, "%+.1f%%", 100 * ch.change())));
        }
        Tables.print(out, List.of("indicator", v1, v2, "change"), rows);
        DriftTest.Result d = c.drift();
        if (d == null) {
          out.println("drift: not tested (fewer than 4 sampled responses on a side)");
        } else {
          out.printf(Locale.ROOT, "drift: %s (AUC %.3f, null 95%% quantile %.3f, p = %.4f; %d + %d responses)%n",
              d.flagged() ? "FLAGGED" : "not flagged", d.auc(), d.threshold(), d.pValue(), d.referenceDocuments(),
              d.currentDocuments());
          out.println("  typical of " + v1 + ": " + String.join(", ", d.referenceWords()));
          out.println("  typical of " + v2 + ": " + String.join(", ", d.currentWords()));
        }
        distances(out, "unigrams", c.unigrams());
        distances(out, "bigrams", c.bigrams());
        out.printf(Locale.ROOT, "word types of %s kept in %s: %s%n", v1, v2, Tables.num(c.baselineTypeCoverage()));
        Comparison.PromptComparison p = c.prompts();
        out.printf(Locale.ROOT, "shared prompts: %d; distinct answers per prompt %s → %s; modal answer changed %s; "
            + "new answers %s%n", p.sharedPrompts(), Tables.num(p.referenceDistinct()), Tables.num(p.currentDistinct()),
            Tables.num(p.modalChangeRate()), Tables.num(p.newAnswerRate()));
        Examples ex = c.examples();
        for (Examples.PhraseShift s : ex.overRepresented()) {
          out.printf(Locale.ROOT, "over-represented: \"%s\" %.3f%% → %.3f%%%n", s.phrase(), 100 * s.baselineShare(),
              100 * s.share());
        }
        for (Examples.VanishedWord w : ex.vanished()) {
          out.printf(Locale.ROOT, "vanished: \"%s\" (%.0f uses expected at %s's rate)%n", w.word(), w.expected(), v1);
        }
        for (Examples.RepeatedResponse r : ex.repeated()) {
          out.printf(Locale.ROOT, "repeated: %s %d times (%.2f%%)%n",
              r.response().isEmpty() ? "(empty response)" : "\"" + r.response() + "\"", r.count(), 100 * r.share());
        }
        ex.outputs().forEach(o -> out.println("example output: " + o));
      }
      return 0;
    }

    private static void distances(PrintWriter out, String what, NGramDistances.Distances d) {
      out.printf(Locale.ROOT, "%s: Hellinger %s, Jensen-Shannon %s, PSI %s (%d bins)%n", what, Tables.num(d.hellinger()),
          Tables.num(d.jensenShannon()), Tables.num(d.psi()), d.bins());
    }
  }
}
