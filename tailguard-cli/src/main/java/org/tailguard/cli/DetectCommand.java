package org.tailguard.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tailguard.detect.DetectBenchmark;
import org.tailguard.detect.DetectorModel;
import org.tailguard.detect.StreamScorer;
import org.tailguard.detect.eval.EvalConfig;
import org.tailguard.detect.eval.EvalReport;
import org.tailguard.detect.eval.EvalResult;
import org.tailguard.detect.eval.Evaluation;
import org.tailguard.detect.eval.SchemeArm;
import org.tailguard.spec.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tailguard detect FILE|-} and {@code tailguard detect eval}: scores documents with a calibrated
 * detector model ({@link StreamScorer}, one JSON line per document), and runs the RAID-style evaluation
 * ({@link Evaluation}, Dugan et al. 2024) that trains and calibrates that model on bundled corpora.
 */
@Command(name = "detect", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Scores documents for machine-written text: one JSON line per document with every detector's",
        "score and the chosen detector's calibrated decision. Input: JSONL ({\"text\": ...}, optional \"domain\")",
        "or plain text, one document per line. The model comes from 'tailguard detect eval' (saved in the data",
        "folder) or --model."},
    subcommands = {DetectCommand.Eval.class, DetectCommand.Bench.class})
final class DetectCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE|-", arity = "0..1", description = "Input file, or - for standard input.")
  String input;

  @Option(names = "--detector", paramLabel = "NAME",
      description = "Detector whose decision is printed (default: the model's primary, 'combined').")
  String detector;

  @Option(names = "--fpr", defaultValue = "0.01", description = "Target false-positive rate; must be calibrated (default: ${DEFAULT-VALUE}).")
  double fpr;

  @Option(names = "--model", paramLabel = "DIR",
      description = "A saved calibrated detector (default: DATA/detect/model, written by 'detect eval').")
  Path model;

  @Option(names = "--format", defaultValue = "auto",
      description = "auto (JSONL if the input starts with '{', else lines), jsonl, lines, or text (the whole input is one document).")
  String format;

  @Mixin
  DataOptions data;

  @Spec
  CommandSpec cmd;

  /** Where {@code detect eval} saves the model that {@code detect} uses by default. */
  static Path defaultModel(DataOptions data) {
    return data.dir().resolve("detect").resolve("model");
  }

  @Override
  public Integer call() throws IOException {
    if (input == null) {
      throw new UserException("missing FILE|- (or a subcommand: eval); see 'tailguard detect --help'");
    }
    StreamScorer.Format f = switch (format.toLowerCase(Locale.ROOT)) {
      case "auto" -> StreamScorer.Format.AUTO_LINES;
      case "jsonl" -> StreamScorer.Format.JSONL;
      case "lines" -> StreamScorer.Format.LINES;
      case "text" -> StreamScorer.Format.PLAIN;
      default -> throw new SpecException("--format", "must be auto, jsonl, lines or text, got '" + format + "'");
    };
    Path dir = model != null ? model : defaultModel(data);
    if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
      throw new UserException(dir + ": no calibrated detector model there; run 'tailguard detect eval' first or pass --model DIR");
    }
    DetectorModel m = SchemeArm.loadModel(dir);
    String name = detector != null ? detector : m.primary();
    StreamScorer scorer = new StreamScorer(m, name, fpr);
    PrintWriter out = cmd.commandLine().getOut();
    PrintWriter err = cmd.commandLine().getErr();
    List<String> errors = new ArrayList<>();
    StreamScorer.Summary s;
    try (Reader in = Inputs.open(input)) {
      s = scorer.score(in, f, out, Inputs.name(input), msg -> {
        errors.add(msg);
        err.println("tailguard: " + msg);
      });
    }
    err.printf(Locale.ROOT, "%d documents, %d flagged as machine-written by %s at FPR %s%s%n", s.documents(), s.flagged(),
        name, fpr, s.errors() > 0 ? ", " + s.errors() + " bad lines" : "");
    return errors.isEmpty() ? 0 : 2;
  }

  @Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"The RAID-style evaluation on bundled corpora (SOTU and Brown in-domain, Moby-Dick held out):",
          "trains n-gram generators (orders, decodings, a KGW-watermarked arm), the detectors, calibrates each per",
          "domain to the target FPR on human text, and prints the seed-style table next to the popular figures.",
          "Writes report.html (ROC curves), metrics.csv and the calibrated model to DATA/detect/eval-SEED[-quick]",
          "and the model to DATA/detect/model for 'tailguard detect'. Deterministic given --seed."})
  static final class Eval implements Callable<Integer> {
    @Option(names = "--seed", defaultValue = "42", description = "Seed of every stream (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quick", description = "A small size (under a minute), for smoke tests; its rates are coarse.")
    boolean quick;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--details", description = "Also print the tables by length, domain, generator and attack.")
    boolean details;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() throws IOException {
      int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
      if (t < 1) {
        throw new SpecException("--threads", "must be at least 1, got " + t);
      }
      EvalConfig c = quick ? EvalConfig.quick(seed, t) : EvalConfig.full(seed, t);
      Path root = data.ensureDir().resolve("detect");
      Path reportDir = root.resolve("eval-" + seed + (quick ? "-quick" : ""));
      PrintStream out = WriterOutputStream.printStream(cmd.commandLine().getOut());
      PrintStream log = WriterOutputStream.printStream(cmd.commandLine().getErr());
      EvalResult r = Evaluation.run(c, log);
      EvalReport.printSeedTable(r, out);
      if (details) {
        out.println();
        EvalReport.printDetails(r, out);
      }
      EvalReport.write(r, reportDir);
      Path model = defaultModel(data);
      r.model().save(model);
      SchemeArm.save(r.watermarks().stream().filter(SchemeArm.class::isInstance).map(SchemeArm.class::cast).toList(), model);
      out.printf(Locale.ROOT, "%nReport: %s%nModel for 'tailguard detect': %s%n(%.0f s)%n",
          reportDir.resolve("report.html"), model, r.seconds());
      out.flush();
      return 0;
    }
  }

  @Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Detection throughput (tokens/s per detector, one thread and all cores) with 4-gram models on",
          "Brown, and IRSTLM's compile-lm scoring on the same model and texts as the peer when it is installed."})
  static final class Bench implements Callable<Integer> {
    @Option(names = "--texts", defaultValue = "300", description = "200-word texts (default: ${DEFAULT-VALUE}).")
    int texts;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed runs per figure, best kept (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--quick", description = "Small sizes (40 Brown files, 20 texts, 1 repeat), for smoke tests.")
    boolean quick;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() throws Exception {
      if (texts < 1 || repeats < 1) {
        throw new SpecException("--texts", "--texts and --repeats must be at least 1");
      }
      PrintStream out = WriterOutputStream.printStream(cmd.commandLine().getOut());
      DetectBenchmark b = quick ? new DetectBenchmark(40, 20, 1) : new DetectBenchmark(0, texts, repeats);
      b.run(out);
      out.flush();
      return 0;
    }
  }
}
