package org.tailguard.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
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
  private final Map<String, Class<? extends ModelSpec>> specClasses = new HashMap<>();

  /** A loader that knows the given model families. */
  public SpecLoader(List<? extends ModelSpecType> types) {
    this.families = types.stream().map(ModelSpecType::family).sorted().toList();
    types.forEach(t -> specClasses.put(t.family(), t.specClass()));
    NamedType[] named = types.stream().map(t -> new NamedType(t.specClass(), t.family())).toArray(NamedType[]::new);
    this.yaml = YAMLMapper.builder(YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build())
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature())
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
      JsonNode tree = yaml.readTree(text);
      if (tree == null || !tree.isObject()) {
        throw new SpecException(source + ": a spec must be a YAML mapping of keys such as name, model, workflow");
      }
      checkKeys(tree, ExperimentSpec.class, "", source, text);
      return yaml.treeToValue(tree, ExperimentSpec.class);
    } catch (JsonMappingException e) {
      throw translate(e, source, text);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      String key = fieldLines(text).entrySet().stream().filter(en -> en.getValue() == line)
          .map(Map.Entry::getKey).findFirst().map(k -> k + ": ").orElse("");
      throw new SpecException(source + where(e.getLocation()) + ": " + key + "malformed YAML: "
          + firstLine(e.getOriginalMessage()), e);
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

  private SpecException translate(JsonMappingException e, String source, String text) {
    String path = e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
    Map<String, Integer> lines = fieldLines(text);
    Throwable cause = e.getCause();
    while (cause != null && !(cause instanceof SpecException) && cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    if (cause instanceof SpecException se) {
      // A rule broken in a record constructor: point at the offending key, not at the end of its object.
      return new SpecException(at(source, lines, se.field(), path) + ": " + se.getMessage(), e);
    }
    if (e instanceof InvalidTypeIdException t) {
      String field = (path.isEmpty() ? "model" : path) + ".family";
      return new SpecException(at(source, lines, field, path) + ": " + field + ": "
          + (t.getTypeId() == null ? "is required" : "unknown family '" + t.getTypeId() + "'")
          + "; expected one of " + String.join(", ", families), e);
    }
    String what = e instanceof MismatchedInputException m && m.getTargetType() != null
        ? "expected " + describe(m.getTargetType()) + ", got " + firstLine(e.getOriginalMessage())
            .replaceAll("^Cannot (coerce|deserialize value of type `[^`]*` from) [^(]*\\(([^)]*)\\).*$", "$2")
        : firstLine(e.getOriginalMessage());
    return new SpecException(at(source, lines, path, path) + ": " + (path.isEmpty() ? "" : path + ": ") + what, e);
  }

  private static String at(String source, Map<String, Integer> lines, String field, String path) {
    Integer line = field == null ? null : lines.get(field);
    if (line == null) {
      line = lines.get(path);
    }
    return source + (line == null ? "" : ":" + line);
  }

  private static String describe(Class<?> t) {
    if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
      return "a whole number";
    }
    if (t == Double.class || t == double.class) {
      return "a number";
    }
    if (t == String.class) {
      return "text";
    }
    if (List.class.isAssignableFrom(t)) {
      return "a list";
    }
    return "a " + t.getSimpleName();
  }

  /**
   * Rejects keys that no record component takes, before binding, so that a typo is reported as such
   * rather than as the missing field it was meant to be.
   */
  private void checkKeys(JsonNode node, Class<?> type, String path, String source, String text) {
    if (!type.isRecord() || !node.isObject()) {
      return;
    }
    Map<String, java.lang.reflect.RecordComponent> known = new java.util.TreeMap<>();
    for (var rc : type.getRecordComponents()) {
      known.put(SNAKE.translate(rc.getName()), rc);
    }
    for (var it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      String full = path.isEmpty() ? key : path + "." + key;
      if (ModelSpec.class.isAssignableFrom(type) && key.equals("family")) {
        continue;
      }
      var rc = known.get(key);
      if (rc == null) {
        Integer line = fieldLines(text).get(full);
        throw new SpecException(source + (line == null ? "" : ":" + line) + ": " + full
            + ": unknown field; known fields: " + String.join(", ", known.keySet()));
      }
      JsonNode child = node.get(key);
      Class<?> childType = rc.getType();
      if (childType == ModelSpec.class && child.isObject() && child.hasNonNull("family")) {
        childType = specClasses.get(child.get("family").asText());
        if (childType == null) {
          continue; // binding reports the unknown family with its list
        }
      }
      checkKeys(child, childType, full, source, text);
    }
  }

  private static final PropertyNamingStrategies.NamingBase SNAKE =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

  /** The line of every key in the YAML text, by dotted path ({@code workflow.keep}, {@code metrics[1]}). */
  private Map<String, Integer> fieldLines(String text) {
    final class Frame {
      final String path;
      final boolean array;
      int next;

      Frame(String path, boolean array) {
        this.path = path;
        this.array = array;
      }
    }
    Map<String, Integer> lines = new HashMap<>();
    Deque<Frame> stack = new ArrayDeque<>();
    String field = null;
    try (JsonParser p = yaml.getFactory().createParser(text)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        Frame top = stack.peek();
        if (t == JsonToken.FIELD_NAME) {
          field = p.currentName();
          lines.putIfAbsent(top == null || top.path.isEmpty() ? field : top.path + "." + field,
              p.currentTokenLocation().getLineNr());
          continue;
        }
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          stack.pop();
          continue;
        }
        String here = top == null ? ""
            : top.array ? top.path + "[" + top.next++ + "]"
            : top.path.isEmpty() ? field : top.path + "." + field;
        if (top != null && top.array) {
          lines.putIfAbsent(here, p.currentTokenLocation().getLineNr());
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          stack.push(new Frame(here, t == JsonToken.START_ARRAY));
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // the text already failed to bind; a partial index is still useful
    }
    return lines;
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
