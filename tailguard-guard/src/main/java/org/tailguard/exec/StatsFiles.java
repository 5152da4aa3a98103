package org.tailguard.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tailguard.curate.GlobalStage;
import org.tailguard.curate.Histogram;
import org.tailguard.curate.StageStats;

/** JSON files of a run: shard statistics, global removals, markers; every write is atomic. */
final class StatsFiles {
  static final ObjectMapper JSON = Pipeline.CANONICAL;

  private StatsFiles() {}

  static void write(Path file, Shard shard, int phase, Collection<StageStats> stats) {
    ObjectNode root = JSON.createObjectNode();
    root.put("shard", shard.id());
    root.put("phase", phase);
    ArrayNode stages = root.putArray("stages");
    for (StageStats s : stats) {
      stages.add(toJson(s));
    }
    atomic(file, root.toPrettyString());
  }

  static ObjectNode toJson(StageStats s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("stage", s.stage());
    ObjectNode c = n.putObject("counters");
    s.counters().forEach(c::put);
    Histogram h = s.histogram();
    if (h != null) {
      ObjectNode hn = n.putObject("histogram");
      hn.put("name", h.spec().name());
      hn.put("lo", h.spec().lo());
      hn.put("hi", h.spec().hi());
      hn.put("bins", h.spec().bins());
      ArrayNode counts = hn.putArray("counts");
      for (long x : h.counts()) {
        counts.add(x);
      }
    }
    return n;
  }

  /** The stats of one shard file, by stage. */
  static Map<String, StageStats> read(Path file) {
    try {
      JsonNode root = JSON.readTree(file.toFile());
      Map<String, StageStats> out = new LinkedHashMap<>();
      for (JsonNode n : root.required("stages")) {
        Map<String, Long> counters = new TreeMap<>();
        n.required("counters").fields().forEachRemaining(e -> counters.put(e.getKey(), e.getValue().asLong()));
        JsonNode h = n.get("histogram");
        Histogram.Spec spec = null;
        long[] counts = null;
        if (h != null) {
          spec = new Histogram.Spec(h.required("name").asText(), h.required("lo").asDouble(), h.required("hi").asDouble(),
              h.required("bins").asInt());
          counts = new long[h.required("counts").size()];
          for (int i = 0; i < counts.length; i++) {
            counts[i] = h.required("counts").get(i).asLong();
          }
        }
        String stage = n.required("stage").asText();
        out.put(stage, StageStats.of(stage, counters, spec, counts));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": unreadable statistics: " + e.getMessage(), e);
    }
  }

  static void writeRemovals(Path file, List<GlobalStage.Removal> removals) {
    StringBuilder sb = new StringBuilder();
    for (GlobalStage.Removal r : removals) {
      ObjectNode n = JSON.createObjectNode();
      n.put("shard", r.shard());
      n.put("position", r.position());
      n.put("reason", r.reason());
      n.put("score", Double.isFinite(r.score()) ? r.score() : -1);
      n.put("kept_shard", r.keptShard());
      n.put("kept_position", r.keptPosition());
      sb.append(n).append('\n');
    }
    atomic(file, sb.toString());
  }

  /** Removals by shard index, each list sorted by position. */
  static Map<Integer, List<GlobalStage.Removal>> readRemovals(Path file) {
    Map<Integer, List<GlobalStage.Removal>> out = new TreeMap<>();
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = JSON.readTree(line);
        double score = n.required("score").asDouble();
        GlobalStage.Removal r = new GlobalStage.Removal(n.required("shard").asInt(), n.required("position").asInt(),
            n.required("reason").asText(), score < 0 ? Double.NaN : score, n.required("kept_shard").asInt(),
            n.required("kept_position").asInt());
        out.computeIfAbsent(r.shard(), k -> new ArrayList<>()).add(r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": unreadable removals: " + e.getMessage(), e);
    }
    out.values().forEach(l -> l.sort(null));
    return out;
  }

  static void touch(Path file) {
    atomic(file, "");
  }

  static void atomic(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, content);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }
}
