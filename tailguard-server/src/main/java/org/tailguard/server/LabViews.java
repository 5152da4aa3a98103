package org.tailguard.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tailguard.report.SeedTable;
import org.tailguard.store.Run;
import org.tailguard.store.RunStore;
import org.tailguard.store.StoreException;
import org.tailguard.store.StoredIndicator;
import org.tailguard.store.SummaryRow;

/**
 * The lab's runs as the API shows them, read from the run store ({@code tailguard.db}) opened read-only, so the
 * lab may keep writing it: run list, one run's per-generation summaries (median and 10–90 % band over chains,
 * Hyndman–Fan type 7) and the seed table of text runs ({@link SeedTable}).
 */
final class LabViews implements AutoCloseable {
  private final Path file;
  private RunStore store; // opened once the file exists

  LabViews(Path file) {
    this.file = file;
  }

  private synchronized RunStore store() {
    if (store == null && Files.exists(file)) {
      store = RunStore.openReadOnly(file);
    }
    return store;
  }

  ArrayNode runs() {
    ArrayNode out = Json.array();
    RunStore s = store();
    if (s != null) {
      for (Run r : s.listRuns()) {
        out.add(brief(r));
      }
    }
    return out;
  }

  ObjectNode run(String id) {
    checkId(id);
    RunStore s = storeOrFail();
    Run r = find(s, id);
    ObjectNode o = brief(r);
    o.put("description", r.description());
    o.put("reproduces", r.reproduces());
    o.put("spec_yaml", r.specYaml());
    ArrayNode ind = o.putArray("indicators");
    for (StoredIndicator i : s.indicators(r.id())) {
      ObjectNode n = ind.addObject();
      n.put("name", i.name());
      n.put("description", i.description());
      n.put("log_scale", i.logScale());
    }
    return o;
  }

  /** {@code {run, generations: [...], indicators: {name: {median, p10, p90, mean, sd, count, nan}}}}, arrays by generation. */
  ObjectNode summaries(String id) {
    checkId(id);
    RunStore s = storeOrFail();
    Run r = find(s, id);
    List<SummaryRow> rows = s.summaries(r.id());
    TreeSet<Integer> gens = new TreeSet<>();
    Map<String, Map<Integer, SummaryRow>> by = new LinkedHashMap<>();
    for (SummaryRow row : rows) {
      gens.add(row.generation());
      by.computeIfAbsent(row.indicator(), k -> new LinkedHashMap<>()).put(row.generation(), row);
    }
    ObjectNode o = Json.object();
    o.put("run", r.id());
    ArrayNode g = o.putArray("generations");
    gens.forEach(g::add);
    ObjectNode ind = o.putObject("indicators");
    for (Map.Entry<String, Map<Integer, SummaryRow>> e : by.entrySet()) {
      ObjectNode n = ind.putObject(e.getKey());
      ArrayNode med = n.putArray("median");
      ArrayNode p10 = n.putArray("p10");
      ArrayNode p90 = n.putArray("p90");
      ArrayNode mean = n.putArray("mean");
      ArrayNode sd = n.putArray("sd");
      for (int gen : gens) {
        SummaryRow row = e.getValue().get(gen);
        Json.add(med, row == null ? Double.NaN : row.summary().median());
        Json.add(p10, row == null ? Double.NaN : row.summary().p10());
        Json.add(p90, row == null ? Double.NaN : row.summary().p90());
        Json.add(mean, row == null ? Double.NaN : row.summary().mean());
        Json.add(sd, row == null ? Double.NaN : row.summary().sd());
      }
    }
    return o;
  }

  ObjectNode seedTable(String id) {
    checkId(id);
    RunStore s = storeOrFail();
    Run r = find(s, id);
    List<SeedTable.Row> rows;
    try {
      rows = SeedTable.rows(s, List.of(r));
    } catch (IllegalArgumentException e) {
      throw new ApiException(422, "no_seed_table", e.getMessage());
    }
    ObjectNode o = Json.object();
    o.put("run", r.id());
    o.set("rows", Json.tree(rows));
    return o;
  }

  private RunStore storeOrFail() {
    RunStore s = store();
    if (s == null) {
      throw ApiException.notFound("no lab runs yet (no run store in the data folder)");
    }
    return s;
  }

  private static void checkId(String id) {
    if (id.length() > 200 || !id.matches("[A-Za-z0-9._-]+")) {
      throw ApiException.badRequest("run: must be a run id or prefix (letters, digits, '.', '_', '-'), got '"
          + Views.clip(id) + "'");
    }
  }

  private static Run find(RunStore s, String id) {
    try {
      return s.find(id);
    } catch (StoreException e) {
      String m = e.getMessage();
      int i = m.indexOf(": "); // drop the store's path: the API does not reveal server paths
      String msg = i >= 0 ? m.substring(i + 2) : m;
      throw new ApiException(msg.contains("ambiguous") ? 409 : 404, msg.contains("ambiguous") ? "ambiguous" : "not_found",
          msg);
    }
  }

  private static ObjectNode brief(Run r) {
    ObjectNode o = Json.object();
    o.put("id", r.id());
    o.put("name", r.name());
    o.put("family", r.family());
    o.put("workflow", r.workflow());
    o.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
    o.put("message", r.message());
    o.put("seed", r.seed());
    o.put("chains", r.chains());
    o.put("generations", r.generations());
    o.put("last_generation", r.lastGeneration());
    o.put("created", r.created().toString());
    o.put("updated", r.updated().toString());
    return o;
  }

  @Override
  public synchronized void close() {
    if (store != null) {
      store.close();
      store = null;
    }
  }
}
