package org.tailguard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.tailguard.metrics.Summary;
import org.tailguard.models.Indicator;
import org.tailguard.sim.GenerationSink;

/**
 * Writes one run's generations into the store: per generation one transaction holding the chains' rows,
 * the summaries over chains ({@link Summary#of}) and the run's new last generation.
 *
 * <p>Rows go through a prepared multi-row {@code INSERT} of {@link #ROWS_PER_INSERT} rows (measured: about
 * half the CPU per row of a JDBC batch of single-row inserts, whose cost is mostly JNI calls), all inside
 * the generation's transaction; {@code INSERT OR REPLACE} on the primary key makes a re-delivered generation
 * overwrite, not duplicate. Generations must arrive in order (the simulator guarantees it).
 */
final class StoreSink implements GenerationSink {
  /** Rows per multi-row INSERT: halves the CPU per row against a JDBC batch of single-row inserts. */
  private static final int ROWS_PER_INSERT = 100;

  private final RunStore store;
  private final Run run;
  private final long pk;
  private final RunStore.Detail detail;
  private List<Indicator> indicators;
  private int last = Integer.MIN_VALUE;

  StoreSink(RunStore store, Run run, long pk, RunStore.Detail detail) {
    this.store = store;
    this.run = run;
    this.pk = pk;
    this.detail = detail;
  }

  @Override
  public void start(List<Indicator> recorded, int resumeAfter) {
    synchronized (store) {
      Connection c = store.connection();
      store.inTransaction(() -> {
        Run now = store.find(run.id());
        List<String> stored = storedNames(c);
        List<String> names = recorded.stream().map(Indicator::name).toList();
        if (resumeAfter >= 0) {
          if (!stored.equals(names)) {
            throw new StoreException(store.file() + ": run " + run.id() + " recorded indicators " + stored
                + " but is resumed with " + names);
          }
          if (now.perChain() != (detail == RunStore.Detail.PER_CHAIN) && now.lastGeneration() >= 0) {
            throw new StoreException(store.file() + ": run " + run.id() + " began with "
                + (now.perChain() ? "per-chain rows" : "summaries only") + "; resume it the same way");
          }
          if (now.lastGeneration() < resumeAfter) {
            throw new StoreException(store.file() + ": run " + run.id() + " stores generations up to "
                + now.lastGeneration() + " but its checkpoint resumes after generation " + resumeAfter
                + "; delete the checkpoint to start the run again");
          }
          delete(c, "chain_metrics", resumeAfter);
          delete(c, "summaries", resumeAfter);
        } else {
          for (String table : List.of("chain_metrics", "summaries", "indicators")) {
            delete(c, table, -1);
          }
          try (PreparedStatement ps = c.prepareStatement(
              "INSERT INTO indicators (run, idx, name, description, log_scale) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < recorded.size(); i++) {
              Indicator ind = recorded.get(i);
              ps.setLong(1, pk);
              ps.setInt(2, i);
              ps.setString(3, ind.name());
              ps.setString(4, ind.description() == null ? "" : ind.description());
              ps.setInt(5, ind.logScale() ? 1 : 0);
              ps.addBatch();
            }
            ps.executeBatch();
          }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET last_generation = ?, per_chain = ?, "
            + "status = 'running', message = NULL, updated_at = ? WHERE id = ?")) {
          ps.setInt(1, Math.max(resumeAfter, -1));
          ps.setInt(2, detail == RunStore.Detail.PER_CHAIN ? 1 : 0);
          ps.setString(3, store.now());
          ps.setLong(4, pk);
          ps.executeUpdate();
        }
      });
      indicators = List.copyOf(recorded);
      last = Math.max(resumeAfter, -1);
    }
  }

  @Override
  public void generation(int generation, double[][] values) {
    if (indicators == null) {
      throw new IllegalStateException("start() was not called");
    }
    if (generation != last + 1) {
      throw new IllegalStateException("run " + run.id() + ": expected generation " + (last + 1) + ", got "
          + generation);
    }
    if (values.length != run.chains()) {
      throw new IllegalArgumentException("run " + run.id() + ": expected " + run.chains() + " chains, got "
          + values.length);
    }
    int k = indicators.size();
    for (double[] row : values) {
      if (row.length != k) {
        throw new IllegalArgumentException("run " + run.id() + ": expected " + k + " indicators, got " + row.length);
      }
    }
    synchronized (store) {
      Connection c = store.connection();
      store.inTransaction(() -> {
        if (detail == RunStore.Detail.PER_CHAIN) {
          writeChains(c, generation, values);
        }
        writeSummaries(c, generation, values);
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE runs SET last_generation = ?, updated_at = ? WHERE id = ?")) {
          ps.setInt(1, generation);
          ps.setString(2, store.now());
          ps.setLong(3, pk);
          ps.executeUpdate();
        }
      });
      last = generation;
    }
  }

  private void writeChains(Connection c, int generation, double[][] values) throws SQLException {
    int k = indicators.size();
    long total = (long) values.length * k;
    try (PreparedStatement many = c.prepareStatement(insertChains(ROWS_PER_INSERT));
         PreparedStatement one = c.prepareStatement(insertChains(1))) {
      long row = 0;
      int p = 0;
      for (int ch = 0; ch < values.length; ch++) {
        for (int i = 0; i < k; i++, row++) {
          // Full groups of ROWS_PER_INSERT go through the multi-row statement, the tail row by row.
          boolean tail = row >= total - total % ROWS_PER_INSERT;
          PreparedStatement ps = tail ? one : many;
          int base = tail ? 0 : p * 5;
          ps.setLong(base + 1, pk);
          ps.setInt(base + 2, generation);
          ps.setInt(base + 3, ch);
          ps.setInt(base + 4, i);
          setReal(ps, base + 5, values[ch][i]);
          if (tail) {
            one.addBatch();
          } else if (++p == ROWS_PER_INSERT) {
            many.executeUpdate();
            p = 0;
          }
        }
      }
      one.executeBatch();
    }
  }

  private static String insertChains(int rows) {
    StringBuilder sql = new StringBuilder("INSERT OR REPLACE INTO chain_metrics (run, generation, chain, indicator, value) VALUES ");
    for (int r = 0; r < rows; r++) {
      sql.append(r == 0 ? "(?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?)");
    }
    return sql.toString();
  }

  private void writeSummaries(Connection c, int generation, double[][] values) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO summaries "
        + "(run, generation, indicator, median, p10, p90, mean, sd, n, nan) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < indicators.size(); i++) {
        Summary s = Summary.ofColumn(values, i);
        ps.setLong(1, pk);
        ps.setInt(2, generation);
        ps.setInt(3, i);
        setReal(ps, 4, s.median());
        setReal(ps, 5, s.p10());
        setReal(ps, 6, s.p90());
        setReal(ps, 7, s.mean());
        setReal(ps, 8, s.sd());
        ps.setInt(9, s.count());
        ps.setInt(10, s.nan());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void setReal(PreparedStatement ps, int i, double v) throws SQLException {
    if (Double.isNaN(v)) {
      ps.setNull(i, Types.REAL);
    } else {
      ps.setDouble(i, v);
    }
  }

  private void delete(Connection c, String table, int after) throws SQLException {
    String where = table.equals("indicators") ? "run = ?" : "run = ? AND generation > ?";
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE " + where)) {
      ps.setLong(1, pk);
      if (!table.equals("indicators")) {
        ps.setInt(2, after);
      }
      ps.executeUpdate();
    }
  }

  private List<String> storedNames(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT name FROM indicators WHERE run = ? ORDER BY idx")) {
      ps.setLong(1, pk);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }
}
