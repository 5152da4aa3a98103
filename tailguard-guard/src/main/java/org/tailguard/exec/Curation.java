package org.tailguard.exec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tailguard.curate.Doc;
import org.tailguard.curate.DocFormat;
import org.tailguard.curate.DocWriter;
import org.tailguard.curate.MixtureSpec;
import org.tailguard.curate.Mixer;
import org.tailguard.curate.StageContext;
import org.tailguard.curate.SyntheticCorpus;
import org.tailguard.provenance.Claim;
import org.tailguard.provenance.EntityKind;
import org.tailguard.provenance.Ledger;
import org.tailguard.provenance.Relation;
import org.tailguard.provenance.SourceType;
import org.tailguard.provenance.Tier;
import org.tailguard.text.corpus.Document;
import org.tailguard.text.corpus.Split;

/**
 * Runs a mixture spec end to end: materialises each source's inputs as shards, runs the source's filter
 * pipeline on an {@link Executor}, mixes the kept documents to exact quotas ({@link Mixer}), writes the run
 * summary (JSON and self-contained HTML), and records every output in the provenance ledger with its
 * lineage: training set ← curated sources ← inputs (generated inputs marked synthetic with their generator).
 *
 * <p>Layout under the output folder: {@code inputs/SOURCE/*.jsonl.zst} (materialised shards),
 * {@code sources/SOURCE/} (each pipeline's run, see {@link Layout}), {@code training-set/SOURCE.jsonl.zst}
 * and {@code training-set/mixture.json}, {@code summary.json}, {@code summary.html}. Rerunning in the same
 * folder resumes: inputs and finished shards are reused.
 */
public final class Curation {
  private Curation() {}

  /**
   * The outcome.
   *
   * @param spec the mixture
   * @param runs each source's pipeline summary, in spec order
   * @param quotas the mixture's quotas, in spec order
   * @param trainingSet the training set's folder
   * @param datasetId the training set's ledger id, {@code NAME/training-set}
   */
  public record Result(MixtureSpec spec, Map<String, RunSummary> runs, List<Mixer.Quota> quotas, Path trainingSet,
      String datasetId) {}

  /** Makes the executor for one source's run directory (the embedded one by default). */
  @FunctionalInterface
  public interface ExecutorFactory {
    Executor forRun(Path runDirectory);
  }

  /** Runs the spec on the embedded executor with {@code threads} threads; {@code ledger} may be null. */
  public static Result run(MixtureSpec spec, Path outDir, int threads, Ledger ledger, LocalExecutor.Progress progress) {
    StageContext context = new StageContext();
    return run(spec, outDir, dir -> new LocalExecutor(dir, threads, context, progress), ledger, context);
  }

  /** Runs the spec on the executors the factory makes; {@code ledger} may be null. */
  public static Result run(MixtureSpec spec, Path outDir, ExecutorFactory executors, Ledger ledger,
      StageContext context) {
    Map<String, List<List<Shard>>> inputs = new LinkedHashMap<>();
    Map<String, RunSummary> runs = new LinkedHashMap<>();
    Map<String, List<Path>> kept = new LinkedHashMap<>();
    for (MixtureSpec.Source src : spec.sources()) {
      List<List<Shard>> perInput = materialise(spec, src, outDir.resolve("inputs").resolve(src.name()), context);
      inputs.put(src.name(), perInput);
      Pipeline p = new Pipeline(src.name(), src.filters(), DocFormat.JSONL_ZST);
      RunSummary s = executors.forRun(outDir.resolve("sources").resolve(src.name()))
          .run(p, perInput.stream().flatMap(List::stream).toList());
      runs.put(src.name(), s);
      kept.put(src.name(), s.outputs());
    }
    Path train = outDir.resolve("training-set");
    List<Mixer.Quota> quotas = Mixer.mix(spec, kept, train);
    ObjectNode mix = mixtureJson(spec, quotas);
    StatsFiles.atomic(train.resolve("mixture.json"), mix.toPrettyString() + "\n");
    ObjectNode summary = StatsFiles.JSON.createObjectNode();
    summary.put("mixture", spec.name());
    ObjectNode sources = summary.putObject("sources");
    runs.forEach((k, v) -> sources.set(k, Summaries.toJson(v)));
    summary.set("mixture_result", mix);
    StatsFiles.atomic(outDir.resolve("summary.json"), summary.toPrettyString() + "\n");
    Summaries.writeHtml(outDir.resolve("summary.html"), "Curation run: " + spec.name(), html(spec, runs, quotas));
    String datasetId = spec.name() + "/training-set";
    if (ledger != null) {
      record(ledger, spec, outDir, inputs, runs, quotas, datasetId);
    }
    return new Result(spec, runs, quotas, train, datasetId);
  }

  /** Writes (or reuses) each input's shards; returns them per input, in spec order. */
  static List<List<Shard>> materialise(MixtureSpec spec, MixtureSpec.Source src, Path dir, StageContext context) {
    List<List<Shard>> out = new ArrayList<>();
    for (int k = 0; k < src.inputs().size(); k++) {
      MixtureSpec.Input in = src.inputs().get(k);
      String label = k + "-" + in.label().replaceAll("[^A-Za-z0-9._-]", "_");
      if (in.path() != null) {
        out.add(List.of(new Shard(label, in.path(), src.name())));
        continue;
      }
      Path marker = dir.resolve(label + ".done");
      if (Files.exists(marker)) {
        out.add(existing(dir, label, src.name()));
        continue;
      }
      List<Doc> docs;
      if (in.generate() != null) {
        docs = SyntheticCorpus.generate(in.generate(), src.name(), src.name() + "-" + label, context);
      } else {
        docs = new ArrayList<>();
        Split split = Split.parse(in.split());
        try (Stream<Document> s = split.documents()) {
          for (Document d : (Iterable<Document>) s::iterator) {
            docs.add(new Doc(split.corpus().id() + "/" + d.id(), d.text(), src.name(), null, null, d.metadata()));
          }
        }
      }
      List<Shard> shards = new ArrayList<>();
      for (int from = 0, n = 0; from < docs.size(); from += spec.shardDocuments(), n++) {
        Path f = dir.resolve(String.format("%s-%04d.jsonl.zst", label, n));
        if (!Files.exists(f)) {
          try (DocWriter w = DocWriter.create(f)) {
            docs.subList(from, Math.min(docs.size(), from + spec.shardDocuments())).forEach(w::write);
            w.commit();
          }
        }
        shards.add(new Shard(String.format("%s-%04d", label, n), f.toString(), src.name()));
      }
      StatsFiles.touch(marker);
      out.add(shards);
    }
    return out;
  }

  /** The shards an earlier run materialised (its marker is written after the last shard). */
  private static List<Shard> existing(Path dir, String label, String source) {
    List<Shard> out = new ArrayList<>();
    for (int n = 0; Files.exists(dir.resolve(String.format("%s-%04d.jsonl.zst", label, n))); n++) {
      out.add(new Shard(String.format("%s-%04d", label, n), dir.resolve(String.format("%s-%04d.jsonl.zst", label, n))
          .toString(), source));
    }
    return out;
  }

  private static ObjectNode mixtureJson(MixtureSpec spec, List<Mixer.Quota> quotas) {
    ObjectNode m = StatsFiles.JSON.createObjectNode();
    m.put("name", spec.name());
    m.put("seed", spec.seed());
    m.put("unit", spec.budget().unit());
    m.put("budget", spec.budget().total());
    m.put("overflow", spec.budget().overflow());
    ArrayNode qs = m.putArray("sources");
    long total = 0;
    for (int i = 0; i < quotas.size(); i++) {
      Mixer.Quota q = quotas.get(i);
      MixtureSpec.Source s = spec.sources().get(i);
      ObjectNode n = qs.addObject();
      n.put("source", q.source());
      n.put("tier", s.tier());
      n.put("weight", s.weight());
      n.put("target", q.target());
      n.put("available", q.available());
      n.put("selected", q.selected());
      n.put("documents", q.documents());
      n.put("shortfall", q.shortfall());
      n.put("truncated", q.truncated());
      n.put("file", q.file().getFileName().toString());
      total += q.selected();
    }
    m.put("selected", total);
    return m;
  }

  private static String html(MixtureSpec spec, Map<String, RunSummary> runs, List<Mixer.Quota> quotas) {
    StringBuilder b = new StringBuilder();
    b.append("<h2>Mixture</h2>\n<p>Budget ").append(spec.budget().total()).append(' ').append(spec.budget().unit())
        .append(", overflow <code>").append(spec.budget().overflow()).append("</code>, seed ").append(spec.seed())
        .append(".</p>\n<table><tr><th>source</th><th>tier</th><th>weight</th><th>target</th><th>selected</th>"
            + "<th>documents</th><th>available</th><th>shortfall</th></tr>\n");
    for (int i = 0; i < quotas.size(); i++) {
      Mixer.Quota q = quotas.get(i);
      MixtureSpec.Source s = spec.sources().get(i);
      b.append("<tr><td>").append(Summaries.esc(q.source())).append("</td><td>").append(s.tier()).append("</td><td>")
          .append(s.weight()).append("</td><td>").append(q.target()).append("</td><td>").append(q.selected())
          .append("</td><td>").append(q.documents()).append("</td><td>").append(q.available()).append("</td><td>")
          .append(q.shortfall()).append("</td></tr>\n");
    }
    b.append("</table>\n");
    runs.forEach((name, r) -> b.append(Summaries.section("Source " + name, r)));
    return b.toString();
  }

  private static void record(Ledger ledger, MixtureSpec spec, Path outDir, Map<String, List<List<Shard>>> inputs,
      Map<String, RunSummary> runs, List<Mixer.Quota> quotas, String datasetId) {
    List<String> curated = new ArrayList<>();
    List<String> generators = new ArrayList<>();
    for (MixtureSpec.Source src : spec.sources()) {
      String base = spec.name() + "/" + src.name();
      List<String> inputIds = new ArrayList<>();
      List<String> srcGenerators = new ArrayList<>();
      for (int k = 0; k < src.inputs().size(); k++) {
        MixtureSpec.Input in = src.inputs().get(k);
        String id = base + "/input-" + k;
        Claim.Builder t = Claim.builder(EntityKind.DATASET, id).source(in.label()).licence(src.licence())
            .tier(Tier.of("tier", src.tier())).attribute("mixture", spec.name());
        if (in.generate() != null) {
          t.sourceType(SourceType.TRAINED_ALGORITHMIC_MEDIA).generator(in.generate().generator());
          srcGenerators.add(in.generate().generator());
        } else {
          t.sourceType(SourceType.DIGITAL_CREATION);
        }
        // a file input is recorded where it lies (relative to its folder), materialised ones under outDir
        Path root = in.path() != null ? Path.of(in.path()).toAbsolutePath().getParent() : outDir;
        ledger.recordDataset(id, root, inputs.get(src.name()).get(k).stream().map(Shard::file).toList(), t, 1000);
        inputIds.add(id);
      }
      RunSummary run = runs.get(src.name());
      Claim.Builder c = Claim.builder(EntityKind.DATASET, base + "/curated").source("tailguard curate " + spec.name())
          .licence(src.licence()).tier(Tier.of("tier", src.tier()))
          .attribute("pipeline_sha256", run.pipelineSha256())
          .attribute("documents_in", Long.toString(run.documentsIn()))
          .attribute("documents_out", Long.toString(run.documentsOut()));
      sourceType(c, srcGenerators, src.synthetic());
      inputIds.forEach(i -> c.link(Relation.DERIVED_FROM, i));
      Path runDir = outDir.resolve("sources").resolve(src.name());
      ledger.recordDataset(base + "/curated", outDir, run.outputs(), c, 1000);
      List<Path> audit = files(runDir, "excluded", "attributes");
      audit.add(runDir.resolve("summary.json"));
      Claim.Builder a = Claim.builder(EntityKind.DATASET, base + "/audit").source("tailguard curate " + spec.name())
          .licence(src.licence()).tier(Tier.of("tier", src.tier())).link(Relation.DERIVED_FROM, base + "/curated");
      sourceType(a, srcGenerators, src.synthetic());
      inputIds.forEach(i -> a.link(Relation.DERIVED_FROM, i));
      ledger.recordDataset(base + "/audit", outDir, audit, a, 1000);
      curated.add(base + "/curated");
      generators.addAll(srcGenerators);
    }
    List<Path> trainFiles = new ArrayList<>(quotas.stream().map(Mixer.Quota::file).toList());
    trainFiles.add(outDir.resolve("training-set").resolve("mixture.json"));
    int worst = spec.sources().stream().mapToInt(MixtureSpec.Source::tier).max().orElse(3);
    Claim.Builder ts = Claim.builder(EntityKind.DATASET, datasetId).source("tailguard curate " + spec.name())
        .licence(spec.sources().stream().map(MixtureSpec.Source::licence).distinct().reduce((x, y) -> x + " AND " + y)
            .orElseThrow())
        .tier(Tier.of("tier", worst)).attribute("budget", spec.budget().total() + " " + spec.budget().unit())
        .attribute("seed", Long.toString(spec.seed()));
    for (Mixer.Quota q : quotas) {
      ts.attribute("quota." + q.source(), q.selected() + "/" + q.target());
    }
    sourceType(ts, generators, false);
    curated.forEach(cid -> ts.link(Relation.DERIVED_FROM, cid));
    ledger.recordDataset(datasetId, outDir, trainFiles, ts, 1000);
    Claim.Builder rep = Claim.builder(EntityKind.DATASET, spec.name() + "/report").source("tailguard curate " + spec.name())
        .licence("CC0-1.0").tier(Tier.of("tier", worst)).sourceType(SourceType.DATA_DRIVEN_MEDIA)
        .link(Relation.DERIVED_FROM, datasetId);
    ledger.recordDataset(spec.name() + "/report", outDir,
        List.of(outDir.resolve("summary.json"), outDir.resolve("summary.html")), rep, 1000);
  }

  private static void sourceType(Claim.Builder b, List<String> generators, boolean allSynthetic) {
    if (generators.isEmpty()) {
      b.sourceType(SourceType.DIGITAL_CREATION);
    } else {
      b.sourceType(allSynthetic ? SourceType.TRAINED_ALGORITHMIC_MEDIA
          : SourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA)
          .generator(String.join("; ", generators.stream().distinct().toList()));
    }
  }

  private static List<Path> files(Path root, String... folders) {
    List<Path> out = new ArrayList<>();
    for (String f : folders) {
      Path d = root.resolve(f);
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (Stream<Path> s = Files.walk(d)) {
        s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".tmp")).sorted()
            .forEach(out::add);
      } catch (IOException e) {
        throw new UncheckedIOException(d + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
