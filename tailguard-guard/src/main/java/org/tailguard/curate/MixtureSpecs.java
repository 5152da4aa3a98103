package org.tailguard.curate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.tailguard.spec.SpecException;

/**
 * Loads {@link MixtureSpec}s from YAML: snake_case keys, unknown keys and duplicate keys are errors, and every
 * error is one line naming the file, the line and the dotted field, such as
 * {@code mix.yaml:14: sources[1].filters[0].target_fpr: must be in (0, 1), got 1.5}.
 */
public final class MixtureSpecs {
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .enable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .build();

  private MixtureSpecs() {}

  /** Reads and validates a spec file; relative input paths are resolved against its folder. */
  public static MixtureSpec load(Path file) {
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
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new SpecException(file + ": not valid UTF-8", e);
    }
    MixtureSpec spec = parse(text, file.toString());
    Path dir = file.toAbsolutePath().getParent();
    return new MixtureSpec(spec.name(), spec.seed(), spec.budget(), spec.shardDocuments(), spec.sources().stream()
        .map(s -> new MixtureSpec.Source(s.name(), s.tier(), s.weight(), s.licence(), s.inputs().stream()
            .map(in -> in.path() == null ? in : new MixtureSpec.Input(null, dir.resolve(in.path()).toString(), null))
            .toList(), s.filters()))
        .toList());
  }

  /** Parses spec text; {@code source} names it in messages. */
  public static MixtureSpec parse(String text, String source) {
    if (text.isBlank()) {
      throw new SpecException(source + ": the spec is empty");
    }
    try {
      return YAML.readValue(text, MixtureSpec.class);
    } catch (JsonMappingException e) {
      String path = e.getPath().stream()
          .map(r -> r.getFieldName() != null ? SNAKE.translate(r.getFieldName()) : "[" + r.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      Map<String, Integer> lines = fieldLines(text);
      String where = source + line(e.getLocation());
      Throwable c = e;
      while (c != null && !(c instanceof SpecException)) {
        c = c.getCause();
      }
      if (c instanceof SpecException se) {
        String field = se.field() == null ? path : path.isEmpty() ? se.field() : path + "." + se.field();
        Integer at = lines.getOrDefault(field, lines.get(path));
        where = at == null ? where : source + ":" + at;
        String msg = se.field() == null ? se.getMessage() : se.getMessage().substring(se.field().length() + 2);
        return fail(where + ": " + field + ": " + msg, e);
      }
      Integer at = lines.get(path);
      where = at == null ? where : source + ":" + at;
      if (e instanceof UnrecognizedPropertyException u) {
        return fail(where + ": " + path + ": unknown field; known fields: " + u.getKnownPropertyIds().stream()
            .map(Object::toString).map(SNAKE::translate).collect(Collectors.toCollection(TreeSet::new)), e);
      }
      if (e instanceof InvalidTypeIdException t) {
        return fail(where + ": " + path + ".type: " + (t.getTypeId() == null ? "is required" : "unknown stage type '"
            + t.getTypeId() + "'") + "; known: " + new TreeSet<>(StageConfig.TYPES.keySet()), e);
      }
      return fail(where + ": " + path + ": " + firstLine(e.getOriginalMessage()), e);
    } catch (JsonProcessingException e) {
      return fail(source + line(e.getLocation()) + ": malformed YAML: " + firstLine(e.getOriginalMessage()), e);
    }
  }

  private static final PropertyNamingStrategies.NamingBase SNAKE =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

  private static MixtureSpec fail(String message, Exception cause) {
    throw new SpecException(message, cause);
  }

  /** The line of every key and list item in YAML text, by dotted path such as {@code sources[1].filters[0].type}. */
  private static Map<String, Integer> fieldLines(String text) {
    Map<String, Integer> lines = new HashMap<>();
    Deque<String[]> stack = new ArrayDeque<>(); // {path, "a" for arrays, next index}
    String field = null;
    try (JsonParser p = YAML.getFactory().createParser(text)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        String[] top = stack.peek();
        if (t == JsonToken.FIELD_NAME) {
          field = p.currentName();
          lines.putIfAbsent(top == null || top[0].isEmpty() ? field : top[0] + "." + field,
              p.currentTokenLocation().getLineNr());
          continue;
        }
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          stack.pop();
          continue;
        }
        String here = top == null ? "" : top[1] != null ? top[0] + "[" + (Integer.parseInt(top[2])) + "]"
            : top[0].isEmpty() ? field : top[0] + "." + field;
        if (top != null && top[1] != null) {
          top[2] = Integer.toString(Integer.parseInt(top[2]) + 1);
          lines.putIfAbsent(here, p.currentTokenLocation().getLineNr());
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          stack.push(new String[] {here, t == JsonToken.START_ARRAY ? "a" : null, "0"});
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // a partial index still locates what it can
    }
    return lines;
  }

  private static String line(JsonLocation loc) {
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
