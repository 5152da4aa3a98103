package org.tailguard.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.tailguard.curate.Mixer;
import org.tailguard.curate.MixtureSpec;
import org.tailguard.curate.MixtureSpecs;
import org.tailguard.curate.StageContext;
import org.tailguard.exec.Curation;
import org.tailguard.exec.RunSummary;
import org.tailguard.provenance.KeyAlgorithm;
import org.tailguard.provenance.Ledger;
import org.tailguard.spec.SpecException;

/**
 * The {@code spark-submit} entry point: runs a mixture spec ({@link MixtureSpec}, issue 5 item 6) with every
 * source's filter pipeline on the {@link SparkExecutor}, then mixes to exact quotas on the driver
 * ({@link Curation}). The master comes from {@code spark-submit --master}; run with plain {@code java} it
 * defaults to {@code local[*]}.
 *
 * <pre>
 *   spark-submit --class org.tailguard.spark.SparkCurate --master spark://host:7077 \
 *     tailguard-spark/target/tailguard-spark-app.jar SPEC.yaml --out /shared/runs/mix \
 *     [--ledger ledger.db --ledger-key ledger.key]
 * </pre>
 */
public final class SparkCurate {
  private SparkCurate() {}

  /** Parsed arguments. */
  record Args(Path spec, Path out, Path ledger, Path ledgerKey) {
    static Args parse(String[] args) {
      List<String> positional = new ArrayList<>();
      Path out = null;
      Path ledger = null;
      Path key = null;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--out" -> out = Path.of(value(args, ++i, "--out"));
          case "--ledger" -> ledger = Path.of(value(args, ++i, "--ledger"));
          case "--ledger-key" -> key = Path.of(value(args, ++i, "--ledger-key"));
          default -> {
            if (args[i].startsWith("--")) {
              throw new SpecException("arguments", "unknown option " + args[i] + "; " + USAGE);
            }
            positional.add(args[i]);
          }
        }
      }
      if (positional.size() != 1 || out == null) {
        throw new SpecException("arguments", USAGE);
      }
      if (ledger != null && key == null) {
        key = ledger.resolveSibling(ledger.getFileName() + ".key");
      }
      return new Args(Path.of(positional.getFirst()), out, ledger, key);
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new SpecException("arguments", option + " needs a value; " + USAGE);
      }
      return args[i];
    }
  }

  static final String USAGE = "usage: SparkCurate SPEC.yaml --out DIR [--ledger FILE [--ledger-key FILE]]";

  public static void main(String[] argv) {
    Args args;
    try {
      args = Args.parse(argv);
    } catch (SpecException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    SparkConf conf = new SparkConf().setAppName("tailguard curate").setIfMissing("spark.master", "local[*]")
        .setIfMissing("spark.ui.showConsoleProgress", "false");
    try (JavaSparkContext spark = new JavaSparkContext(conf)) {
      Curation.Result r = run(spark, args);
      for (var e : r.runs().entrySet()) {
        RunSummary s = e.getValue();
        System.out.printf("%-20s %8d in %8d out  (%d shard-phases run, %d reused)%n", e.getKey(), s.documentsIn(),
            s.documentsOut(), s.tasksRun(), s.tasksSkipped());
      }
      for (Mixer.Quota q : r.quotas()) {
        System.out.printf("%-20s %8d / %d selected, shortfall %d -> %s%n", q.source(), q.selected(), q.target(),
            q.shortfall(), q.file());
      }
    } catch (SpecException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }

  /** Runs the spec on Spark; the output folder must be visible at the same path to every executor. */
  static Curation.Result run(JavaSparkContext spark, Args args) {
    MixtureSpec spec = MixtureSpecs.load(args.spec());
    StageContext context = new StageContext();
    Path out = args.out().toAbsolutePath();
    if (args.ledger() == null) {
      return Curation.run(spec, out, dir -> new SparkExecutor(spark, dir, context), null, context);
    }
    try (Ledger ledger = Files.exists(args.ledger()) ? Ledger.openForWriting(args.ledger(), args.ledgerKey())
        : Ledger.init(args.ledger(), args.ledgerKey(), KeyAlgorithm.ED25519)) {
      return Curation.run(spec, out, dir -> new SparkExecutor(spark, dir, context), ledger, context);
    }
  }
}
