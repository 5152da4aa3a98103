package org.tailguard.curate;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * The records of a stage's exclusion sink and attribute file (datatrove's {@code exclusion_writer}; Dolma's
 * attribute files): an excluded document is written whole with {@code "exclusion": {stage, reason, score}},
 * so that it can be inspected or re-admitted; an attribute record is {@code {id, source, attributes}}.
 */
public final class Exclusions {
  private Exclusions() {}

  /** Writes an excluded document's fields and its exclusion into an open JSON object. */
  public static void write(JsonGenerator g, Doc doc, String stage, String reason, double score) throws IOException {
    DocJson.writeFields(g, doc);
    g.writeObjectFieldStart("exclusion");
    g.writeStringField("stage", stage);
    g.writeStringField("reason", reason);
    g.writeFieldName("score");
    DocJson.number(g, score);
    g.writeEndObject();
  }

  /** Writes a Dolma attribute record's fields into an open JSON object. */
  public static void attributes(JsonGenerator g, Doc doc, List<Attribute> attributes) throws IOException {
    g.writeStringField("id", doc.id());
    g.writeStringField("source", doc.source());
    DocJson.writeAttributes(g, attributes);
  }
}
