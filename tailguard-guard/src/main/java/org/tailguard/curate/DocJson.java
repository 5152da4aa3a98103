package org.tailguard.curate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tailguard.spec.SpecException;

/**
 * Dolma's JSON form of a document, one object per line: {@code id} (string or number), {@code text}
 * (string), {@code source}, {@code added}, {@code created} (strings, optional) and {@code metadata} (an
 * object of scalars). Other scalar top-level fields become metadata; nested ones are ignored. Written with a
 * fixed key order, so that equal documents give equal bytes.
 */
final class DocJson {
  static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private DocJson() {}

  /**
   * Parses one line.
   *
   * @param where {@code FILE:LINE} for messages
   * @param defaultSource the source of a document without one
   * @throws SpecException {@code FILE:LINE: ...} for malformed JSON, a missing or mistyped key
   */
  static Doc parse(String line, String where, String defaultSource) {
    String id = null;
    String text = null;
    String source = null;
    String added = null;
    String created = null;
    TreeMap<String, String> meta = new TreeMap<>();
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new SpecException(where + ": malformed JSON: not a JSON object");
      }
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        String key = p.currentName();
        JsonToken v = p.nextToken();
        switch (key) {
          case "id" -> id = scalar(p, v, where, "id");
          case "text" -> {
            if (v != JsonToken.VALUE_STRING) {
              throw new SpecException(where + ": key \"text\" must be a string, got " + describe(v));
            }
            text = p.getText();
          }
          case "source" -> source = string(p, v, where, "source");
          case "added" -> added = string(p, v, where, "added");
          case "created" -> created = string(p, v, where, "created");
          case "metadata" -> {
            if (v == JsonToken.START_OBJECT) {
              for (JsonToken m = p.nextToken(); m != JsonToken.END_OBJECT; m = p.nextToken()) {
                String mk = p.currentName();
                JsonToken mv = p.nextToken();
                if (mv.isScalarValue() && mv != JsonToken.VALUE_NULL) {
                  meta.put(mk, p.getText());
                } else {
                  p.skipChildren();
                }
              }
            } else if (v != JsonToken.VALUE_NULL) {
              throw new SpecException(where + ": key \"metadata\" must be an object, got " + describe(v));
            }
          }
          default -> {
            if (v.isScalarValue() && v != JsonToken.VALUE_NULL) {
              meta.putIfAbsent(key, p.getText());
            } else {
              p.skipChildren();
            }
          }
        }
      }
      if (p.nextToken() != null) {
        throw new SpecException(where + ": malformed JSON: content after the object");
      }
    } catch (JsonProcessingException e) {
      throw new SpecException(where + ": malformed JSON: " + e.getOriginalMessage().replace('\n', ' '), e);
    } catch (IOException e) {
      throw new SpecException(where + ": " + e.getMessage(), e);
    }
    if (id == null) {
      throw new SpecException(where + ": missing key \"id\" (every document needs a stable id)");
    }
    if (text == null) {
      throw new SpecException(where + ": missing key \"text\"");
    }
    try {
      return new Doc(id, text, source == null ? defaultSource : source, added, created, meta);
    } catch (SpecException e) {
      throw new SpecException(where + ": " + e.getMessage(), e);
    }
  }

  private static String scalar(JsonParser p, JsonToken v, String where, String key) throws IOException {
    if (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_INT) {
      return p.getText();
    }
    throw new SpecException(where + ": key \"" + key + "\" must be a string or an integer, got " + describe(v));
  }

  private static String string(JsonParser p, JsonToken v, String where, String key) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    if (v != JsonToken.VALUE_STRING) {
      throw new SpecException(where + ": key \"" + key + "\" must be a string, got " + describe(v));
    }
    return p.getText();
  }

  private static String describe(JsonToken v) {
    return switch (v) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_NULL -> "null";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_STRING -> "a string";
      default -> "a number";
    };
  }

  /** Writes the document's fields into an open object. */
  static void writeFields(JsonGenerator g, Doc d) throws IOException {
    g.writeStringField("id", d.id());
    g.writeStringField("text", d.text());
    g.writeStringField("source", d.source());
    if (d.added() != null) {
      g.writeStringField("added", d.added());
    }
    if (d.created() != null) {
      g.writeStringField("created", d.created());
    }
    if (!d.metadata().isEmpty()) {
      g.writeObjectFieldStart("metadata");
      for (Map.Entry<String, String> e : d.metadata().entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
    }
  }

  /** Writes Dolma attribute record fields: {@code "attributes": {name: [[start, end, score], ...]}}. */
  static void writeAttributes(JsonGenerator g, List<Attribute> attrs) throws IOException {
    g.writeObjectFieldStart("attributes");
    for (Attribute a : attrs) {
      g.writeArrayFieldStart(a.name());
      for (Attribute.Span s : a.spans()) {
        g.writeStartArray();
        g.writeNumber(s.start());
        g.writeNumber(s.end());
        number(g, s.score());
        g.writeEndArray();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /** A double as JSON; non-finite values as strings ("NaN", "Infinity"). */
  static void number(JsonGenerator g, double x) throws IOException {
    if (Double.isFinite(x)) {
      g.writeNumber(x);
    } else {
      g.writeString(Double.toString(x));
    }
  }
}
