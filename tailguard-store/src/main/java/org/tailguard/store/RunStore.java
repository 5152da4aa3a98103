package org.tailguard.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.tailguard.metrics.Summary;
import org.tailguard.sim.GenerationSink;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.spec.SpecLoader;

/**
 * The run registry: one embedded SQLite file holding every run's spec, provenance, per-chain indicator
 * values and per-generation summaries (median and 10–90 % band over chains, Shumailov et al., Nature
 * 2024, as computed by {@link Summary#of}).
 *
 * <p>A store opened for writing holds an exclusive lock on the sibling file {@code <store>.lock}, so one
 * process writes at a time; read-only opens work while a writer runs (SQLite WAL mode). Each generation is
 * written in one transaction, so a crash leaves whole generations only. Every failure is a one-line
 * {@link StoreException} naming the file. Methods are thread-safe (calls are serialised).
 *
 * <pre>{@code
 * SpecLoader loader = ModelFamilies.discover().specLoader();
 * try (RunStore store = RunStore.openForWriting(Path.of("tailguard-data/tailguard.db"))) {
 *   Run run = store.createRun(spec, loader, Provenance.capture(threads, List.of(args)));
 *   try {
 *     simulator.run(spec, family, store.sink(run.id()), store.checkpointFile(run.id()));
 *     store.markFinished(run.id());
 *   } catch (RuntimeException | IOException e) {
 *     store.markFailed(run.id(), e.getMessage());
 *     throw e;
 *   }
 * }
 * try (RunStore store = RunStore.openReadOnly(Path.of("tailguard-data/tailguard.db"))) {
 *   Run run = store.find("20261122-01");            // a unique prefix is enough
 *   RunExport.write(store, run.id(), RunExport.Table.SUMMARIES, RunExport.Format.CSV, Path.of("s.csv"));
 *   Reports.writeRun(store, run.id(), Path.of("report"));
 * }
 * }</pre>
 *
 * <p>To resume: {@code findResumable(loader.sha256(spec))} returns the newest unfinished run of the same
 * spec; {@code markRunning} it and pass its sink to the simulator with the same checkpoint file: the sink
 * discards any generation the checkpoint does not cover before the simulator re-delivers it.
 */
public final class RunStore implements AutoCloseable {
  /** How much of each generation a sink stores. */
  public enum Detail {
    /** Every chain's value of every indicator, plus summaries (the default). */
    PER_CHAIN,
    /** Summaries only: for very large runs whose per-chain rows are not needed. */
    SUMMARIES_ONLY
  }

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter RUN_ID_TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd-HHmm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final String RUN_COLUMNS = "id, run_id, name, description, reproduces, family, workflow, status, "
      + "message, spec_json, spec_yaml, spec_sha256, seed, chains, generations, last_generation, per_chain, "
      + "created_at, updated_at, provenance";

  private final Path file;
  private final Connection conn;
  private final StoreLock lock;
  private final InstantSource clock;
  private final ObjectMapper json = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  private RunStore(Path file, Connection conn, StoreLock lock, InstantSource clock) {
    this.file = file;
    this.conn = conn;
    this.lock = lock;
    this.clock = clock;
  }

  /** Opens (creating if needed) a store for writing, with the system clock. */
  public static RunStore openForWriting(Path file) {
    return openForWriting(file, InstantSource.system());
  }

  /**
   * Opens (creating it and its directory if needed) a store for writing and upgrades its schema.
   *
   * @param file the store file, such as {@code tailguard-data/tailguard.db}
   * @param clock the source of created/updated timestamps and run-id times
   * @throws StoreException if the path is a directory, unreadable or read-only, not a Tailguard store, of a
   *     newer schema, or locked by another process
   */
  public static RunStore openForWriting(Path file, InstantSource clock) {
    if (Files.isDirectory(file)) {
      throw new StoreException(file + ": is a directory, not a store file");
    }
    if (Files.exists(file) && !Files.isReadable(file)) {
      throw new StoreException(file + ": cannot read the store (permission denied)");
    }
    if (Files.exists(file) && !Files.isWritable(file)) {
      throw new StoreException(file + ": the store is read-only; cannot open it for writing");
    }
    Path parent = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new StoreException(file + ": cannot create directory " + parent + ": " + e, e);
    }
    StoreLock lock = StoreLock.acquire(file);
    Connection c = null;
    try {
      SQLiteConfig config = new SQLiteConfig();
      config.enforceForeignKeys(true);
      config.setBusyTimeout(10_000);
      c = config.createConnection("jdbc:sqlite:" + file);
      try (Statement s = c.createStatement()) {
        Schema.header(c); // fails here on a file that is not SQLite, before anything is changed
        try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
          String mode = rs.next() ? rs.getString(1) : "?";
          if (!"wal".equalsIgnoreCase(mode)) {
            throw new StoreException(file + ": cannot switch the store to WAL mode (got " + mode + ")");
          }
        }
        // In WAL mode NORMAL never corrupts the file; a power cut may lose the last generations only.
        s.execute("PRAGMA synchronous = NORMAL");
      }
      Schema.migrate(c, file);
      return new RunStore(file, c, lock, clock);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c);
      lock.close();
      throw e instanceof SQLException se ? translate(file, se) : (RuntimeException) e;
    }
  }

  /**
   * Opens an existing store for reading; works while another process writes it.
   *
   * @throws StoreException if the file is missing, a directory, unreadable, not a Tailguard store, or of
   *     another schema version
   */
  public static RunStore openReadOnly(Path file) {
    if (Files.isDirectory(file)) {
      throw new StoreException(file + ": is a directory, not a store file");
    }
    if (!Files.exists(file)) {
      throw new StoreException(file + ": no such store");
    }
    if (!Files.isReadable(file)) {
      throw new StoreException(file + ": cannot read the store (permission denied)");
    }
    Connection c = null;
    try {
      SQLiteConfig config = new SQLiteConfig();
      config.setReadOnly(true);
      config.setBusyTimeout(10_000);
      c = config.createConnection("jdbc:sqlite:" + file);
      Schema.checkReadable(c, file);
      return new RunStore(file, c, null, InstantSource.system());
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c);
      throw e instanceof SQLException se ? translate(file, se) : (RuntimeException) e;
    }
  }

  /** The store file. */
  public Path file() {
    return file;
  }

  /** Whether this store was opened read-only. */
  public boolean readOnly() {
    return lock == null;
  }

  // ---------------------------------------------------------------- writing

  /**
   * Registers a new run of a spec, status {@code running}, with no generations yet.
   *
   * <p>Its id is {@code <UTC yyyyMMdd-HHmm>-<family>-<workflow>-<first 4 hex of the spec SHA-256>}, with
   * {@code -2}, {@code -3}, … appended if a run of the same spec started in the same minute.
   */
  public synchronized Run createRun(ExperimentSpec spec, SpecLoader loader, Provenance provenance) {
    requireWritable();
    String specJson = loader.toCanonicalJson(spec);
    String sha = loader.sha256(spec);
    String family;
    String prov;
    try {
      family = json.readTree(specJson).path("model").path("family").asText("model");
      prov = json.writeValueAsString(provenance);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode run of " + spec.name(), e);
    }
    String workflow = spec.workflow().type().id();
    Instant now = clock.instant();
    String base = RUN_ID_TIME.format(now) + "-" + slug(family) + "-" + slug(workflow) + "-" + sha.substring(0, 4);
    try {
      String runId = base;
      for (int k = 2; exists(runId); k++) {
        runId = base + "-" + k;
      }
      try (PreparedStatement ps = conn.prepareStatement("INSERT INTO runs (run_id, name, description, reproduces, "
          + "family, workflow, status, spec_json, spec_yaml, spec_sha256, seed, chains, generations, "
          + "created_at, updated_at, provenance) VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        int i = 1;
        ps.setString(i++, runId);
        ps.setString(i++, spec.name());
        ps.setString(i++, spec.description());
        ps.setString(i++, spec.reproduces());
        ps.setString(i++, family);
        ps.setString(i++, workflow);
        ps.setString(i++, specJson);
        ps.setString(i++, loader.toYaml(spec));
        ps.setString(i++, sha);
        ps.setLong(i++, spec.seed());
        ps.setInt(i++, spec.chains());
        ps.setInt(i++, spec.generations());
        ps.setString(i++, TIMESTAMP.format(now));
        ps.setString(i++, TIMESTAMP.format(now));
        ps.setString(i, prov);
        ps.executeUpdate();
      }
      return find(runId);
    } catch (SQLException e) {
      throw translate(file, e);
    }
  }

  /** A sink that writes a run's generations with per-chain rows; pass it to the simulator. */
  public GenerationSink sink(String runId) {
    return sink(runId, Detail.PER_CHAIN);
  }

  /**
   * A sink that writes a run's generations, one transaction per generation (the chains' rows, the
   * summaries and the run's last finished generation together).
   *
   * <p>{@code start(indicators, resumeAfter)} records the indicators and deletes anything stored for
   * generations after {@code resumeAfter}, because a resumed simulator re-delivers them. Resuming with
   * other indicators or another {@link Detail} than the run began with is refused.
   */
  public synchronized GenerationSink sink(String runId, Detail detail) {
    requireWritable();
    Run run = find(runId);
    return new StoreSink(this, run, pk(run.id()), detail);
  }

  /** Marks a run finished; every generation of its spec must be stored. */
  public Run markFinished(String runId) {
    Run run = find(runId);
    if (!run.complete()) {
      throw new StoreException(file + ": run " + run.id() + " stores generations up to " + run.lastGeneration()
          + " of " + run.generations() + "; it cannot be marked finished");
    }
    return mark(run, RunStatus.FINISHED, null);
  }

  /** Marks a run failed, with a one-line reason. */
  public Run markFailed(String runId, String reason) {
    return mark(find(runId), RunStatus.FAILED, reason);
  }

  /** Marks a run interrupted (for example by Ctrl-C), with an optional reason. */
  public Run markInterrupted(String runId, String reason) {
    return mark(find(runId), RunStatus.INTERRUPTED, reason);
  }

  /** Marks a run running again, before it is resumed. */
  public Run markRunning(String runId) {
    return mark(find(runId), RunStatus.RUNNING, null);
  }

  private synchronized Run mark(Run run, RunStatus status, String message) {
    requireWritable();
    try (PreparedStatement ps = conn.prepareStatement(
        "UPDATE runs SET status = ?, message = ?, updated_at = ? WHERE run_id = ?")) {
      ps.setString(1, status.label());
      ps.setString(2, message == null ? null : message.lines().findFirst().orElse(""));
      ps.setString(3, TIMESTAMP.format(clock.instant()));
      ps.setString(4, run.id());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw translate(file, e);
    }
    return find(run.id());
  }

  /**
   * Where the simulator should keep a run's checkpoint: {@code checkpoints/<run id>.ckpt} beside the store.
   * The store does not write it; {@link #delete} removes it.
   */
  public Path checkpointFile(String runId) {
    return file.toAbsolutePath().resolveSibling("checkpoints").resolve(runId + ".ckpt");
  }

  /** Deletes a run, everything stored for it and its checkpoint file. */
  public synchronized void delete(String runId) {
    requireWritable();
    Run run = find(runId);
    long pk = pk(run.id());
    try {
      Files.deleteIfExists(checkpointFile(run.id()));
    } catch (IOException e) {
      throw new StoreException(file + ": cannot delete checkpoint " + checkpointFile(run.id()) + ": " + e, e);
    }
    inTransaction(() -> {
      for (String table : List.of("chain_metrics", "summaries", "indicators", "runs")) {
        try (PreparedStatement ps = conn.prepareStatement(
            "DELETE FROM " + table + " WHERE " + (table.equals("runs") ? "id" : "run") + " = ?")) {
          ps.setLong(1, pk);
          ps.executeUpdate();
        }
      }
    });
  }

  // ---------------------------------------------------------------- reading

  /** All runs, newest first. */
  /**
   * Whether some process is writing this store now. A run whose status is {@code running} while no
   * writer is alive was stopped (killed, crashed) and can be resumed.
   */
  public boolean writerAlive() {
    return lock != null || StoreLock.writerAlive(file);
  }

  public synchronized List<Run> listRuns() {
    return runs("SELECT " + RUN_COLUMNS + " FROM runs ORDER BY created_at DESC, id DESC", List.of());
  }

  /** The newest run, if any. */
  public synchronized Optional<Run> latest() {
    return runs("SELECT " + RUN_COLUMNS + " FROM runs ORDER BY created_at DESC, id DESC LIMIT 1", List.of())
        .stream().findFirst();
  }

  /**
   * The run with this id, or the only run whose id starts with it.
   *
   * @throws StoreException if no run matches or the prefix is ambiguous (the message lists candidates)
   */
  public synchronized Run find(String idOrPrefix) {
    if (idOrPrefix == null || idOrPrefix.isBlank()) {
      throw new StoreException(file + ": a run id is required");
    }
    List<Run> exact = runs("SELECT " + RUN_COLUMNS + " FROM runs WHERE run_id = ?", List.of(idOrPrefix));
    if (!exact.isEmpty()) {
      return exact.getFirst();
    }
    // substr, not LIKE: run ids contain '_' and '-', which LIKE would treat specially or case-fold.
    List<Run> found = runs("SELECT " + RUN_COLUMNS + " FROM runs WHERE substr(run_id, 1, ?) = ? "
        + "ORDER BY created_at DESC, id DESC LIMIT 6", List.of(idOrPrefix.length(), idOrPrefix));
    if (found.isEmpty()) {
      throw new StoreException(file + ": no run with id or prefix '" + idOrPrefix + "'");
    }
    if (found.size() > 1) {
      List<String> ids = found.stream().limit(5).map(Run::id).toList();
      throw new StoreException(file + ": run id prefix '" + idOrPrefix + "' is ambiguous; it matches "
          + String.join(", ", ids) + (found.size() > 5 ? ", …" : ""));
    }
    return found.getFirst();
  }

  /** The newest run of this spec (by canonical SHA-256) that is not finished, if any. */
  public synchronized Optional<Run> findResumable(String specSha256) {
    return runs("SELECT " + RUN_COLUMNS + " FROM runs WHERE spec_sha256 = ? "
        + "AND status IN ('running', 'interrupted', 'failed') ORDER BY created_at DESC, id DESC LIMIT 1",
        List.of(specSha256)).stream().findFirst();
  }

  /** The indicators a run records, in column order. */
  public synchronized List<StoredIndicator> indicators(String runId) {
    long pk = pk(find(runId).id());
    List<StoredIndicator> out = new ArrayList<>();
    try (PreparedStatement ps = conn.prepareStatement(
        "SELECT idx, name, description, log_scale FROM indicators WHERE run = ? ORDER BY idx")) {
      ps.setLong(1, pk);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new StoredIndicator(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getInt(4) != 0));
        }
      }
    } catch (SQLException e) {
      throw translate(file, e);
    }
    return out;
  }

  /** Every summary of a run, by generation, then indicator (in column order). */
  public synchronized List<SummaryRow> summaries(String runId) {
    List<SummaryRow> out = new ArrayList<>();
    scanSummaries(find(runId), (g, name, s) -> out.add(new SummaryRow(g, name, s)));
    return out;
  }

  /**
   * Every chain's value of one indicator at every stored generation.
   *
   * @throws StoreException if the run stored summaries only or has no such indicator
   */
  public synchronized ChainValues chainValues(String runId, String indicator) {
    Run run = find(runId);
    if (!run.perChain()) {
      throw new StoreException(file + ": run " + run.id() + " stored summaries only, not per-chain values");
    }
    int idx = indicatorIndex(run, indicator);
    int gens = run.lastGeneration() + 1;
    double[][] values = new double[gens][run.chains()];
    int[] generations = new int[gens];
    for (int g = 0; g < gens; g++) {
      generations[g] = g;
      Arrays.fill(values[g], Double.NaN);
    }
    try (PreparedStatement ps = conn.prepareStatement("SELECT generation, chain, value FROM chain_metrics "
        + "WHERE run = ? AND generation <= ? AND indicator = ? ORDER BY generation, chain")) {
      ps.setLong(1, pk(run.id()));
      ps.setInt(2, run.lastGeneration());
      ps.setInt(3, idx);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          values[rs.getInt(1)][rs.getInt(2)] = real(rs, 3);
        }
      }
    } catch (SQLException e) {
      throw translate(file, e);
    }
    return new ChainValues(indicator, generations, values);
  }

  /** SQLite's {@code PRAGMA integrity_check}: {@code ["ok"]} for a sound file, otherwise the problems. */
  public synchronized List<String> integrityCheck() {
    List<String> out = new ArrayList<>();
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw translate(file, e);
    }
    return out;
  }

  @Override
  public synchronized void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      throw translate(file, e);
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }

  // ---------------------------------------------------------------- internals shared with the package

  /** Receives summary rows in (generation, indicator column) order, the primary-key order. */
  interface SummaryVisitor {
    void row(int generation, String indicator, Summary summary) throws IOException;
  }

  /** Receives per-chain rows in (generation, chain, indicator column) order. */
  interface ChainVisitor {
    void row(int generation, int chain, String indicator, double value) throws IOException;
  }

  /** Streams a run's summaries in one read statement (a consistent snapshot, constant memory). */
  synchronized void scanSummaries(Run run, SummaryVisitor visitor) {
    try (PreparedStatement ps = conn.prepareStatement("SELECT s.generation, i.name, s.median, s.p10, s.p90, "
        + "s.mean, s.sd, s.n, s.nan FROM summaries s JOIN indicators i ON i.run = s.run AND i.idx = s.indicator "
        + "WHERE s.run = ? ORDER BY s.generation, s.indicator")) {
      ps.setLong(1, pk(run.id()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          visitor.row(rs.getInt(1), rs.getString(2), new Summary(real(rs, 3), real(rs, 4), real(rs, 5),
              real(rs, 6), real(rs, 7), rs.getInt(8), rs.getInt(9)));
        }
      }
    } catch (SQLException e) {
      throw translate(file, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Streams a run's per-chain values in one read statement (a consistent snapshot, constant memory). */
  synchronized void scanChains(Run run, ChainVisitor visitor) {
    if (!run.perChain()) {
      throw new StoreException(file + ": run " + run.id() + " stored summaries only, not per-chain values");
    }
    List<String> names = indicators(run.id()).stream().map(StoredIndicator::name).toList();
    try (PreparedStatement ps = conn.prepareStatement("SELECT generation, chain, indicator, value "
        + "FROM chain_metrics WHERE run = ? ORDER BY generation, chain, indicator")) {
      ps.setLong(1, pk(run.id()));
      ps.setFetchSize(4096);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          visitor.row(rs.getInt(1), rs.getInt(2), names.get(rs.getInt(3)), real(rs, 4));
        }
      }
    } catch (SQLException e) {
      throw translate(file, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Connection connection() {
    return conn;
  }

  String now() {
    return TIMESTAMP.format(clock.instant());
  }

  interface SqlWork {
    void run() throws SQLException;
  }

  /** Runs work in one transaction: all of it or none of it. */
  synchronized void inTransaction(SqlWork work) {
    try {
      conn.setAutoCommit(false);
      try {
        work.run();
        conn.commit();
      } catch (SQLException | RuntimeException e) {
        conn.rollback();
        throw e;
      } finally {
        conn.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw translate(file, e);
    }
  }

  StoreException translate(SQLException e) {
    return translate(file, e);
  }

  long pk(String runId) {
    try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM runs WHERE run_id = ?")) {
      ps.setString(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new StoreException(file + ": no run with id '" + runId + "'");
        }
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw translate(file, e);
    }
  }

  private int indicatorIndex(Run run, String indicator) {
    List<StoredIndicator> all = indicators(run.id());
    for (StoredIndicator i : all) {
      if (i.name().equals(indicator)) {
        return i.index();
      }
    }
    throw new StoreException(file + ": run " + run.id() + " has no indicator '" + indicator + "'; it has "
        + String.join(", ", all.stream().map(StoredIndicator::name).toList()));
  }

  private boolean exists(String runId) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM runs WHERE run_id = ?")) {
      ps.setString(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private List<Run> runs(String sql, List<Object> params) {
    List<Run> out = new ArrayList<>();
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(run(rs));
        }
      }
    } catch (SQLException e) {
      throw translate(file, e);
    }
    return out;
  }

  private Run run(ResultSet rs) throws SQLException {
    Provenance prov;
    try {
      prov = json.readValue(rs.getString("provenance"), Provenance.class);
    } catch (JsonProcessingException e) {
      throw new StoreException(file + ": run " + rs.getString("run_id") + " has unreadable provenance", e);
    }
    return new Run(rs.getString("run_id"), rs.getString("name"), rs.getString("description"),
        rs.getString("reproduces"), rs.getString("family"), rs.getString("workflow"),
        RunStatus.parse(rs.getString("status")), rs.getString("message"), rs.getString("spec_json"),
        rs.getString("spec_yaml"), rs.getString("spec_sha256"), rs.getLong("seed"), rs.getInt("chains"),
        rs.getInt("generations"), rs.getInt("last_generation"), rs.getInt("per_chain") != 0,
        Instant.parse(rs.getString("created_at")), Instant.parse(rs.getString("updated_at")), prov);
  }

  /** A REAL column; SQL NULL is how SQLite stores NaN. */
  private static double real(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? Double.NaN : v;
  }

  private void requireWritable() {
    if (lock == null) {
      throw new StoreException(file + ": the store is open read-only");
    }
  }

  private static String slug(String s) {
    String t = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    return t.isEmpty() ? "x" : t;
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // already failing; the first error is the one to report
      }
    }
  }

  /** A one-line message naming the file, from SQLite's primary result code. */
  static StoreException translate(Path file, SQLException e) {
    String what = null;
    if (e instanceof SQLiteException se) {
      SQLiteErrorCode code = se.getResultCode();
      int primary = code == null ? -1 : code.code & 0xff;
      what = switch (primary) {
        case 26 -> "not an SQLite database"; // SQLITE_NOTADB
        case 11 -> "the database file is corrupt"; // SQLITE_CORRUPT
        case 14 -> "cannot open the database file (check that it and its directory are readable)"; // CANTOPEN
        case 8 -> "the database is read-only"; // SQLITE_READONLY
        case 13 -> "the disk is full"; // SQLITE_FULL
        case 5, 6 -> "the database is busy or locked by another process"; // SQLITE_BUSY, SQLITE_LOCKED
        case 10 -> "disk I/O error"; // SQLITE_IOERR
        default -> null;
      };
    }
    if (what == null) {
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      what = m.lines().findFirst().orElse(m);
    }
    return new StoreException(file + ": " + what, e);
  }

  @Override
  public String toString() {
    return "RunStore[" + file + (readOnly() ? ", read-only" : "") + "]";
  }
}
