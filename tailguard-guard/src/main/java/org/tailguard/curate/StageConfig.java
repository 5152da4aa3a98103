package org.tailguard.curate;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.tailguard.spec.SpecException;

/**
 * The serialisable configuration of a stage: what a pipeline spec lists and what an executor ships to its
 * workers, which {@link #build} the stage there (style pattern 9: the executor is not the pipeline).
 *
 * <p>In YAML a stage is a mapping with a {@code type} ({@link #TYPES}) and its parameters in snake_case;
 * absent parameters take the defaults of the tool the stage follows (datatrove, CCNet, text-dedup). Configs
 * are records: equal configs build stages that give equal verdicts.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = GopherQuality.Config.class, name = "gopher_quality"),
    @JsonSubTypes.Type(value = GopherRepetition.Config.class, name = "gopher_repetition"),
    @JsonSubTypes.Type(value = C4Quality.Config.class, name = "c4_quality"),
    @JsonSubTypes.Type(value = FineWebQuality.Config.class, name = "fineweb_quality"),
    @JsonSubTypes.Type(value = PerplexityBuckets.Config.class, name = "perplexity_buckets"),
    @JsonSubTypes.Type(value = SyntheticFilter.Config.class, name = "synthetic_filter"),
    @JsonSubTypes.Type(value = ExactDedupStage.Config.class, name = "exact_dedup"),
    @JsonSubTypes.Type(value = NearDedupStage.Config.class, name = "near_dedup")})
public sealed interface StageConfig extends Serializable permits GopherQuality.Config, GopherRepetition.Config,
    C4Quality.Config, FineWebQuality.Config, PerplexityBuckets.Config, SyntheticFilter.Config,
    ExactDedupStage.Config, NearDedupStage.Config {

  /** The stage types by YAML name. */
  Map<String, Class<? extends StageConfig>> TYPES = Map.of(
      "gopher_quality", GopherQuality.Config.class, "gopher_repetition", GopherRepetition.Config.class,
      "c4_quality", C4Quality.Config.class, "fineweb_quality", FineWebQuality.Config.class,
      "perplexity_buckets", PerplexityBuckets.Config.class, "synthetic_filter", SyntheticFilter.Config.class,
      "exact_dedup", ExactDedupStage.Config.class, "near_dedup", NearDedupStage.Config.class);

  /** The stage's name in the pipeline (defaults to its type). */
  String name();

  /** Builds the stage; heavy resources (reference models) come from the context's cache. */
  Stage build(StageContext context);

  /** The YAML type name of a config. */
  static String typeOf(StageConfig c) {
    return TYPES.entrySet().stream().filter(e -> e.getValue() == c.getClass()).findFirst().orElseThrow().getKey();
  }

  /** Validates a list of reasons against the known ones (for {@code disable} and {@code keep} lists). */
  static List<String> reasons(String field, List<String> given, List<String> known) {
    if (given == null) {
      return List.of();
    }
    for (String r : given) {
      if (!known.contains(r)) {
        throw new SpecException(field, "unknown rule '" + r + "'; known: " + String.join(", ", known));
      }
    }
    return List.copyOf(given);
  }
}
