package org.tailguard.exec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tailguard.curate.DocFormat;
import org.tailguard.curate.StageConfig;
import org.tailguard.provenance.Sha256;
import org.tailguard.spec.Check;
import org.tailguard.spec.SpecException;

/**
 * A curation pipeline: a name, the stage configs in order, and the format of the kept documents. Only
 * configuration: executors ({@link Executor}) decide where and how it runs (style pattern 9).
 *
 * @param name the pipeline's name
 * @param stages the stages, with unique names
 * @param output the format of the kept documents (default {@link DocFormat#JSONL_ZST})
 */
public record Pipeline(String name, List<StageConfig> stages, DocFormat output) implements Serializable {
  static final ObjectMapper CANONICAL = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
      .build();

  public Pipeline {
    Check.name("pipeline.name", name);
    stages = List.copyOf(Check.required("pipeline.stages", stages));
    Set<String> names = new HashSet<>();
    for (int i = 0; i < stages.size(); i++) {
      if (!names.add(stages.get(i).name())) {
        throw new SpecException("pipeline.stages[" + i + "].name", "'" + stages.get(i).name()
            + "' is used twice; give the stages distinct names");
      }
    }
    output = output == null ? DocFormat.JSONL_ZST : output;
  }

  /** A pipeline writing zstd JSONL. */
  public static Pipeline of(String name, StageConfig... stages) {
    return new Pipeline(name, List.of(stages), null);
  }

  /** The canonical JSON (sorted keys, defaults filled in) that a run directory records and hashes. */
  public String canonicalJson() {
    try {
      return CANONICAL.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write pipeline " + name, e);
    }
  }

  /** SHA-256 of the canonical JSON. */
  public Sha256 sha256() {
    return Sha256.of(canonicalJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
