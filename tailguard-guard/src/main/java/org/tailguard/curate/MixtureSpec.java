package org.tailguard.curate;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tailguard.spec.Check;
import org.tailguard.spec.SpecException;
import org.tailguard.text.corpus.Split;

/**
 * A declarative training-mixture spec (Dolma's {@code mix} configs, datatrove's {@code smol_data} 50-30-20
 * mixtures): sources with their inputs, provenance tier, target weight and per-source filter pipeline, and a
 * budget that the mixer meets exactly (see {@link Mixer}). Loaded from YAML by {@link MixtureSpecs#load},
 * which names the field and line of any error.
 *
 * @param name the mixture's name (letters, digits, '.', '_', '-')
 * @param seed the seed of the selection order and of generated inputs' defaults (default 42)
 * @param budget how much to select
 * @param shardDocuments documents per input shard when a bundled split or generated text is materialised (100)
 * @param sources the sources, whose weights sum to 1
 */
public record MixtureSpec(String name, Long seed, Budget budget, Integer shardDocuments, List<Source> sources) {

  public MixtureSpec {
    Check.name("name", name);
    seed = seed == null ? 42L : seed;
    Check.required("budget", budget);
    shardDocuments = shardDocuments == null ? 100 : Check.atLeast("shard_documents", shardDocuments, 1);
    if (sources == null || sources.isEmpty()) {
      throw new SpecException("sources", "at least one source is required");
    }
    sources = List.copyOf(sources);
    Set<String> names = new HashSet<>();
    double sum = 0;
    for (int i = 0; i < sources.size(); i++) {
      if (!names.add(sources.get(i).name())) {
        throw new SpecException("sources[" + i + "].name", "'" + sources.get(i).name() + "' is used twice");
      }
      sum += sources.get(i).weight();
    }
    if (Math.abs(sum - 1) > 1e-9) {
      throw new SpecException("sources", "weights must sum to 1, got " + sum);
    }
  }

  /**
   * The size of the training set.
   *
   * @param unit {@code tokens} (whitespace words, as {@code wc -w}) or {@code documents}
   * @param total the budget, at least 1
   * @param overflow with tokens, what to do with the document that would cross a quota: {@code truncate} it
   *     at a word boundary so the quota is met exactly (default), or {@code skip} it and keep filling with
   *     later documents that fit (first fit), never exceeding the quota
   */
  public record Budget(String unit, Long total, String overflow) {
    public Budget {
      unit = unit == null ? "tokens" : unit;
      if (!unit.equals("tokens") && !unit.equals("documents")) {
        throw new SpecException("unit", "must be tokens or documents, got '" + unit + "'");
      }
      Check.required("total", total);
      Check.atLeast("total", total, 1L);
      overflow = overflow == null ? "truncate" : overflow;
      if (!overflow.equals("truncate") && !overflow.equals("skip")) {
        throw new SpecException("overflow", "must be truncate or skip, got '" + overflow + "'");
      }
    }

    /** Whether quotas count tokens (else documents). */
    public boolean tokens() {
      return unit.equals("tokens");
    }
  }

  /**
   * One source of the mixture.
   *
   * @param name its name (also the documents' {@code source})
   * @param tier 1 (verified human / pre-2022), 2 (authenticated human) or 3 (unverified web)
   * @param weight its share of the budget, in (0, 1]
   * @param licence the licence recorded in the ledger (default {@code unknown})
   * @param inputs where its documents come from
   * @param filters its pipeline of stages (may be empty)
   */
  public record Source(String name, Integer tier, Double weight, String licence, List<Input> inputs,
      List<StageConfig> filters) {
    public Source {
      Check.name("name", name);
      Check.required("tier", tier);
      if (tier < 1 || tier > 3) {
        throw new SpecException("tier", "must be 1 (verified human / pre-2022), 2 (authenticated human) or 3 "
            + "(unverified web), got " + tier);
      }
      Check.required("weight", weight);
      Check.inHalfOpen("weight", weight, 0, 1);
      licence = licence == null ? "unknown" : licence;
      if (inputs == null || inputs.isEmpty()) {
        throw new SpecException("inputs", "at least one input is required");
      }
      inputs = List.copyOf(inputs);
      filters = filters == null ? List.of() : List.copyOf(filters);
    }

    /** Whether every input is generated (the source is wholly synthetic). */
    public boolean synthetic() {
      return inputs.stream().allMatch(i -> i.generate() != null);
    }
  }

  /**
   * One input: exactly one of a bundled split, a document file, or generated text.
   *
   * @param split a bundled split such as {@code sotu:train}
   * @param path a JSONL or Parquet file (relative to the spec's folder)
   * @param generate text sampled from our own n-gram model
   */
  public record Input(String split, String path, Generate generate) {
    public Input {
      int given = (split == null ? 0 : 1) + (path == null ? 0 : 1) + (generate == null ? 0 : 1);
      if (given != 1) {
        throw new SpecException("split", "give exactly one of split, path and generate");
      }
      if (split != null) {
        Split.parse("split", split);
      }
    }

    /** A short name for ids and reports. */
    public String label() {
      return split != null ? split : path != null ? java.nio.file.Path.of(path).getFileName().toString()
          : "generated-" + generate.train() + "-o" + generate.order() + "-s" + generate.seed();
    }
  }

  /**
   * Synthetic text: {@code documents} documents of {@code sentences} sentences, each sampled ancestrally
   * ({@link org.tailguard.text.lm.Sampler}) from a Kneser–Ney model trained on a bundled split.
   *
   * @param train the split the generator is trained on
   * @param order its order (3)
   * @param documents how many documents (required)
   * @param sentences sentences per document (20)
   * @param maxWords longest sentence in words (60)
   * @param temperature sampling temperature (1.0)
   * @param seed the sampling seed (the spec's seed when absent is not used: default 7)
   */
  public record Generate(String train, Integer order, Integer documents, Integer sentences, Integer maxWords,
      Double temperature, Long seed) {
    public Generate {
      Split.parse("train", train);
      order = order == null ? 3 : order;
      if (order < 1 || order > 5) {
        throw new SpecException("order", "must be in [1, 5], got " + order);
      }
      Check.required("documents", documents);
      Check.atLeast("documents", documents, 1);
      sentences = sentences == null ? 20 : Check.atLeast("sentences", sentences, 1);
      maxWords = maxWords == null ? 60 : Check.atLeast("max_words", maxWords, 1);
      temperature = temperature == null ? 1.0 : Check.positive("temperature", temperature);
      seed = seed == null ? 7L : seed;
    }

    /** The generator's name as recorded in the ledger. */
    public String generator() {
      return "tailguard Kneser-Ney order " + order + " trained on " + train + ", sampled at temperature "
          + temperature + ", seed " + seed;
    }
  }
}
