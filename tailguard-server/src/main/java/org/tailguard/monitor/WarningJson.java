package org.tailguard.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of a {@link Warning}, used by the webhook, the store and the REST API: snake_case keys,
 * NaN written as {@code null}, the time as an ISO-8601 instant.
 */
public final class WarningJson {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private WarningJson() {}

  /** A warning as a JSON object. */
  public static ObjectNode toJson(Warning w) {
    ObjectNode o = JSON.createObjectNode();
    o.put("model", w.model());
    o.put("version", w.version());
    o.put("rule", w.rule());
    o.put("indicator", w.indicator());
    o.put("baseline_version", w.baselineVersion());
    number(o, "baseline_value", w.baselineValue());
    number(o, "value", w.value());
    number(o, "change", w.change());
    number(o, "threshold", w.threshold());
    o.put("message", w.message());
    o.put("detail", w.detail());
    o.put("active", w.active());
    o.put("raised_at", w.raisedAt() == null ? null : w.raisedAt().toString());
    ObjectNode ex = o.putObject("examples");
    ArrayNode phrases = ex.putArray("over_represented");
    for (Examples.PhraseShift p : w.examples().overRepresented()) {
      ObjectNode n = phrases.addObject();
      n.put("phrase", p.phrase());
      number(n, "baseline_share", p.baselineShare());
      number(n, "share", p.share());
    }
    ArrayNode vanished = ex.putArray("vanished");
    for (Examples.VanishedWord v : w.examples().vanished()) {
      ObjectNode n = vanished.addObject();
      n.put("word", v.word());
      number(n, "baseline_rate", v.baselineRate());
      number(n, "expected", v.expected());
    }
    ArrayNode repeated = ex.putArray("repeated");
    for (Examples.RepeatedResponse r : w.examples().repeated()) {
      ObjectNode n = repeated.addObject();
      n.put("response", r.response());
      n.put("count", r.count());
      number(n, "share", r.share());
    }
    ArrayNode outputs = ex.putArray("outputs");
    w.examples().outputs().forEach(outputs::add);
    return o;
  }

  /** A warning read back from {@link #toJson}, with the given active flag. */
  public static Warning fromJson(JsonNode o, boolean active) {
    JsonNode ex = o.path("examples");
    List<Examples.PhraseShift> phrases = new ArrayList<>();
    ex.path("over_represented").forEach(n -> phrases.add(new Examples.PhraseShift(n.path("phrase").asText(),
        num(n, "baseline_share"), num(n, "share"))));
    List<Examples.VanishedWord> vanished = new ArrayList<>();
    ex.path("vanished").forEach(n -> vanished.add(new Examples.VanishedWord(n.path("word").asText(),
        num(n, "baseline_rate"), num(n, "expected"))));
    List<Examples.RepeatedResponse> repeated = new ArrayList<>();
    ex.path("repeated").forEach(n -> repeated.add(new Examples.RepeatedResponse(n.path("response").asText(),
        n.path("count").asLong(), num(n, "share"))));
    List<String> outputs = new ArrayList<>();
    ex.path("outputs").forEach(n -> outputs.add(n.asText()));
    return new Warning(o.path("model").asText(), o.path("version").asText(), o.path("rule").asText(),
        o.path("indicator").asText(), o.path("baseline_version").isNull() ? null : o.path("baseline_version").asText(),
        num(o, "baseline_value"), num(o, "value"), num(o, "change"), num(o, "threshold"), o.path("message").asText(),
        o.path("detail").asText(), new Examples(phrases, vanished, repeated, outputs), active,
        o.path("raised_at").isTextual() ? Instant.parse(o.path("raised_at").asText()) : null);
  }

  /** Parses stored JSON. */
  static Warning parse(String json, boolean active) {
    try {
      return fromJson(JSON.readTree(json), active);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("damaged stored warning: " + e.getOriginalMessage(), e);
    }
  }

  private static void number(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }

  private static double num(JsonNode o, String key) {
    JsonNode n = o.path(key);
    return n.isNumber() ? n.asDouble() : Double.NaN;
  }
}
