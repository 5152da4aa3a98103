package org.tailguard.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.tailguard.monitor.Comparison;
import org.tailguard.monitor.IngestResult;
import org.tailguard.monitor.Monitor;
import org.tailguard.monitor.MonitorIndicator;
import org.tailguard.monitor.SampledResponse;
import org.tailguard.monitor.VersionIndicators;
import org.tailguard.monitor.VersionInfo;
import org.tailguard.monitor.Warning;
import org.tailguard.monitor.WarningJson;
import org.tailguard.spec.SpecException;

/**
 * The monitor as the API shows it: models, versions, the collapse indicators per version, stored early
 * warnings with their evidence, version comparisons, and ingestion (one request = one committed transaction).
 */
final class MonitorViews {
  private final Monitor monitor;

  MonitorViews(Monitor monitor) {
    this.monitor = monitor;
  }

  Monitor monitor() {
    return monitor;
  }

  /**
   * Stores a request body, JSONL or a JSON array of records, as one batch: every record or none. Returns after
   * the batch is committed (durable per the store's {@code durability}).
   */
  ObjectNode ingest(byte[] body, String source, int maxRecords) {
    byte[] jsonl = isArray(body) ? arrayToJsonl(body, maxRecords) : body;
    IngestResult r;
    try {
      r = monitor.ingestAtomically(new ByteArrayInputStream(jsonl), source, maxRecords);
    } catch (SpecException e) {
      if (e.getMessage() != null && e.getMessage().contains("more than " + maxRecords + " records")) {
        throw new ApiException(413, "too_many_records", "more than " + maxRecords + " records in one request");
      }
      throw ApiException.badRequest(e.getMessage());
    }
    ObjectNode o = Json.object();
    o.put("accepted", r.accepted());
    ArrayNode v = o.putArray("versions");
    r.versions().forEach(v::add);
    return o;
  }

  private static boolean isArray(byte[] body) {
    for (byte b : body) {
      if (b == '[') {
        return true;
      }
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t' && (b & 0xFF) != 0xEF && (b & 0xFF) != 0xBB && (b & 0xFF) != 0xBF) {
        return false;
      }
    }
    return false;
  }

  /** A JSON array of record objects as JSONL, so both forms go through the same validation. */
  private static byte[] arrayToJsonl(byte[] body, int maxRecords) {
    JsonNode arr;
    try {
      arr = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw ApiException.badRequest("body: not valid JSON: " + Views.clip(e.getMessage()));
    }
    if (arr.size() > maxRecords) {
      throw new ApiException(413, "too_many_records", "more than " + maxRecords + " records in one request");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + arr.size());
    int i = 0;
    for (JsonNode n : arr) {
      if (!n.isObject()) {
        throw ApiException.badRequest("body[" + i + "]: must be a record object, got " + n.getNodeType().name().toLowerCase());
      }
      out.writeBytes(Json.write(n).getBytes(StandardCharsets.UTF_8));
      out.write('\n');
      i++;
    }
    return out.toByteArray();
  }

  ArrayNode models() {
    ArrayNode out = Json.array();
    for (String m : monitor.models()) {
      ObjectNode o = out.addObject();
      List<VersionInfo> vs = monitor.versions(m);
      o.put("model", m);
      o.put("versions", vs.size());
      o.put("records", vs.stream().mapToLong(VersionInfo::acknowledged).sum());
      o.put("latest_version", vs.isEmpty() ? null : vs.getLast().version());
      o.put("active_warnings", monitor.warnings(m).size());
    }
    return out;
  }

  ArrayNode versions(String model) {
    requireModel(model);
    ArrayNode out = Json.array();
    monitor.versions(model).forEach(v -> out.add(version(v)));
    return out;
  }

  /** Every version's indicators, oldest first, with the catalogue of indicators and the active warnings. */
  ObjectNode indicators(String model) {
    requireModel(model);
    ObjectNode o = Json.object();
    o.put("model", model);
    o.set("catalogue", catalogue());
    ArrayNode vs = o.putArray("versions");
    for (VersionIndicators vi : monitor.indicators(model)) {
      vs.add(indicators(vi));
    }
    ArrayNode ws = o.putArray("warnings");
    monitor.warnings(model).forEach(w -> ws.add(WarningJson.toJson(w)));
    return o;
  }

  ObjectNode indicators(String model, String version) {
    requireVersion(model, version);
    return indicators(monitor.indicators(model, version));
  }

  ArrayNode samples(String model, String version, int limit) {
    requireVersion(model, version);
    ArrayNode out = Json.array();
    for (SampledResponse s : monitor.samples(model, version, limit)) {
      out.add(Json.tree(s));
    }
    return out;
  }

  ArrayNode warnings(String model, boolean includeCleared) {
    requireModel(model);
    ArrayNode out = Json.array();
    monitor.warnings(model, includeCleared).forEach(w -> out.add(WarningJson.toJson(w)));
    return out;
  }

  ArrayNode evaluate(String model) {
    requireModel(model);
    ArrayNode out = Json.array();
    for (Warning w : monitor.evaluate(model)) {
      out.add(WarningJson.toJson(w));
    }
    return out;
  }

  ObjectNode compare(String model, String reference, String current) {
    requireVersion(model, reference);
    requireVersion(model, current);
    Comparison c = monitor.compare(model, reference, current);
    return (ObjectNode) Json.tree(c);
  }

  static ArrayNode catalogue() {
    ArrayNode out = Json.array();
    for (MonitorIndicator i : MonitorIndicator.values()) {
      ObjectNode n = out.addObject();
      n.put("id", i.id());
      n.put("source", i.source().name().toLowerCase());
      n.put("collapse", i.collapse().name().toLowerCase());
      n.put("description", i.description());
    }
    return out;
  }

  private static ObjectNode version(VersionInfo v) {
    ObjectNode o = Json.object();
    o.put("version", v.version());
    o.put("ordinal", v.ordinal());
    o.put("records", v.records());
    o.put("pending", v.pending());
    o.put("tokens", v.tokens());
    o.put("first_seen", v.firstSeen() == null ? null : v.firstSeen().toString());
    o.put("last_seen", v.lastSeen() == null ? null : v.lastSeen().toString());
    return o;
  }

  private static ObjectNode indicators(VersionIndicators vi) {
    ObjectNode o = version(vi.info());
    ObjectNode values = o.putObject("values");
    vi.values().forEach((k, x) -> Json.number(values, k, x));
    ArrayNode notes = o.putArray("notes");
    vi.notes().forEach(notes::add);
    return o;
  }

  private void requireModel(String model) {
    if (!monitor.models().contains(model)) {
      throw ApiException.notFound("no model '" + Views.clip(model) + "'");
    }
  }

  private void requireVersion(String model, String version) {
    requireModel(model);
    if (version == null || version.isEmpty()) {
      throw ApiException.badRequest("version: missing");
    }
    if (monitor.versions(model).stream().noneMatch(v -> v.version().equals(version))) {
      throw ApiException.notFound("model '" + Views.clip(model) + "' has no version '" + Views.clip(version) + "'");
    }
  }
}
