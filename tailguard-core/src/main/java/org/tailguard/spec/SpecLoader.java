package org.tailguard.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads experiment specs from YAML and writes them back in canonical form.
 *
 * <p>Unknown keys, duplicate keys, a missing field, a value of the wrong type and a value that breaks a
 * rule are all errors; each becomes a one-line {@link SpecException} naming the file, the line and the
 * dotted field path, such as {@code spec.yaml:7: workflow.keep: must be in [0.0, 1.0], got 1.5}.
 * Keys are snake_case. The canonical JSON form of a spec (sorted keys, defaults filled in) is what the run
 * store records and hashes, so that a run can be rebuilt from its record alone.
 */
public final class SpecLoader {
  private final ObjectMapper yaml;
  private final ObjectMapper canonical;
  private final List<String> families;

  /** A loader that knows the given model families. */
  public SpecLoader(List<? extends ModelSpecType> types) {
    this.families = types.stream().map(ModelSpecType::family).sorted().toList();
    NamedType[] named = types.stream().map(t -> new NamedType(t.specClass(), t.family())).toArray(NamedType[]::new);
    this.yaml = YAMLMapper.builder(YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build())
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        .build();
    this.yaml.registerSubtypes(named);
    this.canonical = JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        .build();
    this.canonical.registerSubtypes(named);
  }

  /** The model families this loader accepts, sorted. */
  public List<String> families() {
    return families;
  }

  /** Reads and validates a spec file. */
  public ExperimentSpec load(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new SpecException(file + ": no such file", e);
    } catch (IOException e) {
      throw new SpecException(file + ": cannot read: " + e.getMessage(), e);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new SpecException(file + ": not valid UTF-8", e);
    }
    return parse(text, file.toString());
  }

  /** Parses and validates spec text; {@code source} names it in error messages. */
  public ExperimentSpec parse(String text, String source) {
    if (text.isBlank()) {
      throw new SpecException(source + ": the spec is empty");
    }
    try {
      return yaml.readValue(text, ExperimentSpec.class);
    } catch (JsonMappingException e) {
      throw translate(e, source);
    } catch (JsonProcessingException e) {
      throw new SpecException(source + where(e.getLocation()) + ": malformed YAML: " + firstLine(e.getOriginalMessage()), e);
    } catch (SpecException e) {
      throw new SpecException(source + ": " + e.getMessage(), e);
    }
  }

  /** The spec as YAML, with defaults filled in. */
  public String toYaml(ExperimentSpec spec) {
    try {
      return yaml.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write spec " + spec.name(), e);
    }
  }

  /** The spec as canonical JSON: sorted keys, defaults filled in. */
  public String toCanonicalJson(ExperimentSpec spec) {
    try {
      return canonical.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write spec " + spec.name(), e);
    }
  }

  /** Reads a spec from its canonical JSON form, as stored in the run registry. */
  public ExperimentSpec fromCanonicalJson(String json) {
    try {
      return canonical.readValue(json, ExperimentSpec.class);
    } catch (JsonProcessingException e) {
      throw new SpecException("stored spec: " + firstLine(e.getOriginalMessage()), e);
    }
  }

  /** SHA-256 of the canonical JSON form, in hex. */
  public String sha256(ExperimentSpec spec) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(toCanonicalJson(spec).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private SpecException translate(JsonMappingException e, String source) {
    String path = e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
    String at = source + where(e.getLocation());
    Throwable cause = e.getCause();
    while (cause != null && !(cause instanceof SpecException) && cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    if (cause instanceof SpecException se) {
      return new SpecException(at + ": " + se.getMessage(), e);
    }
    if (e instanceof UnrecognizedPropertyException u) {
      String field = path.isEmpty() ? u.getPropertyName() : path;
      return new SpecException(at + ": " + field + ": unknown field; known fields: "
          + u.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")), e);
    }
    if (e instanceof InvalidTypeIdException t) {
      return new SpecException(at + ": " + (path.isEmpty() ? "model" : path) + ".family: "
          + (t.getTypeId() == null ? "is required" : "unknown family '" + t.getTypeId() + "'")
          + "; expected one of " + String.join(", ", families), e);
    }
    return new SpecException(at + ": " + (path.isEmpty() ? "" : path + ": ") + firstLine(e.getOriginalMessage()), e);
  }

  private static String where(JsonLocation loc) {
    return loc == null || loc.getLineNr() < 1 ? "" : ":" + loc.getLineNr();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid value";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }
}
