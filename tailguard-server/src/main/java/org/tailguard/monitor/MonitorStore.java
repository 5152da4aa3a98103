package org.tailguard.monitor;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sqlite.SQLiteConfig;
import org.tailguard.spec.SpecException;

/**
 * The monitor's embedded SQLite file: models, versions with their serialised sketches, the reservoir and
 * prompt samples, cached indicators, warnings and the log of committed batches.
 *
 * <p>WAL mode. A batch of records is acknowledged by one transaction: either straight into the version's
 * state, samples and prompts (a large batch), or into the {@code inbox} (a small one), whose rows a later
 * transaction folds into the states and deletes. Either way a crash, even {@code kill -9}, leaves whole
 * batches only, and nothing acknowledged is lost: the inbox is folded when the store is next opened. One process writes at a time: the
 * writer holds an OS lock on {@code <file>.lock} (released by the OS if the process dies). Readers use
 * their own connection and see the last committed batch while a writer works. The file is marked with
 * {@code PRAGMA application_id} and versioned by {@code user_version}.
 */
final class MonitorStore implements AutoCloseable {
  /** The schema version this code writes. */
  static final int VERSION = 1;
  /** "TGMN": Tailguard monitor. */
  static final int APPLICATION_ID = 0x54474D4E;

  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static final List<String> SCHEMA = List.of(
      "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
      "CREATE TABLE models (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL)",
      """
      CREATE TABLE versions (
        id INTEGER PRIMARY KEY,
        model INTEGER NOT NULL REFERENCES models (id),
        name TEXT NOT NULL,
        ordinal INTEGER NOT NULL,
        records INTEGER NOT NULL DEFAULT 0,
        tokens INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT,
        last_seen TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        state BLOB,
        UNIQUE (model, name),
        UNIQUE (model, ordinal)
      )""",
      """
      CREATE TABLE samples (
        version INTEGER NOT NULL,
        priority INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        prompt_id TEXT,
        prompt TEXT,
        response TEXT NOT NULL,
        ts TEXT,
        meta TEXT,
        PRIMARY KEY (version, priority)
      ) WITHOUT ROWID""",
      """
      CREATE TABLE prompts (
        version INTEGER NOT NULL,
        prompt_hash INTEGER NOT NULL,
        prompt_id TEXT NOT NULL,
        prompt TEXT,
        answers BLOB NOT NULL,
        PRIMARY KEY (version, prompt_hash)
      ) WITHOUT ROWID""",
      "CREATE TABLE indicators (version INTEGER PRIMARY KEY, revision INTEGER NOT NULL, json TEXT NOT NULL)",
      """
      CREATE TABLE warnings (
        id INTEGER PRIMARY KEY,
        model INTEGER NOT NULL REFERENCES models (id),
        version INTEGER NOT NULL REFERENCES versions (id),
        rule TEXT NOT NULL,
        indicator TEXT NOT NULL,
        baseline_version INTEGER,
        value REAL,
        baseline_value REAL,
        change REAL,
        message TEXT NOT NULL,
        details TEXT NOT NULL,
        active INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (model, version, rule, indicator)
      )""",
      "CREATE INDEX warnings_by_model ON warnings (model, active)",
      "CREATE TABLE batches (id INTEGER PRIMARY KEY, at TEXT NOT NULL, source TEXT, records INTEGER NOT NULL)",
      """
      CREATE TABLE inbox (
        id INTEGER PRIMARY KEY,
        version INTEGER NOT NULL REFERENCES versions (id),
        prompt_id TEXT,
        prompt TEXT,
        response TEXT NOT NULL,
        ts INTEGER,
        meta TEXT,
        received_at INTEGER NOT NULL
      )""");

  private final Path file;
  private final Connection writer; // null when read-only
  private final Connection reader;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final MonitorConfig config;

  private MonitorStore(Path file, Connection writer, Connection reader, FileChannel lockChannel, FileLock lock,
      MonitorConfig config) {
    this.file = file;
    this.writer = writer;
    this.reader = reader;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.config = config;
  }

  /** One version's row. */
  record VersionRow(long id, long model, String name, int ordinal, long records, long tokens, String firstSeen,
      String lastSeen) {}

  /** One sampled response. */
  record SampleRow(long priority, long seq, String promptId, String prompt, String response, String timestamp,
      String meta) {}

  /**
   * Opens or creates a store for writing.
   *
   * @param requested the settings to create the store with, or to check an existing store against; null
   *     takes the stored settings (or the defaults for a new store)
   * @throws SpecException if the file cannot be used, is locked by another writer, is not a monitor store,
   *     or was created with other settings
   */
  static MonitorStore openForWriting(Path file, MonitorConfig requested) {
    if (Files.isDirectory(file)) {
      throw new SpecException(file + ": is a directory, not a monitor store");
    }
    Path parent = file.toAbsolutePath().getParent();
    FileChannel ch = null;
    FileLock lk = null;
    Connection w = null;
    Connection r = null;
    try {
      Files.createDirectories(parent);
      Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
      ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      try {
        lk = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        throw new SpecException(file + ": already open for writing in this process");
      }
      if (lk == null) {
        String holder = Files.readString(lockFile, StandardCharsets.US_ASCII).strip();
        throw new SpecException(file + ": another process is writing this monitor store ("
            + (holder.isEmpty() ? "unknown pid" : "pid " + holder) + ")");
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      MonitorConfig effective = requested;
      w = connect(file, false, requested == null ? MonitorConfig.Durability.FULL : requested.durability());
      MonitorConfig stored = migrate(w, file, requested);
      if (requested == null) {
        effective = stored;
        setSynchronous(w, effective.durability());
      } else {
        requested.checkSameShape(stored);
      }
      r = connect(file, true, effective.durability());
      return new MonitorStore(file, w, r, ch, lk, effective);
    } catch (SQLException | IOException | RuntimeException e) {
      closeQuietly(r);
      closeQuietly(w);
      try {
        if (lk != null) {
          lk.release();
        }
        if (ch != null) {
          ch.close();
        }
      } catch (IOException ignored) {
        // releasing on a failed open; the OS drops the lock with the channel
      }
      if (e instanceof SpecException se) {
        throw se;
      }
      throw new SpecException(file + ": cannot open the monitor store: " + e.getMessage(), e);
    }
  }

  /**
   * Opens an existing store for reading only; works while another process writes it.
   *
   * @throws SpecException if the file is missing or not a monitor store
   */
  static MonitorStore openReadOnly(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new SpecException(file + ": no such monitor store");
    }
    Connection r = null;
    try {
      r = connect(file, true, MonitorConfig.Durability.NORMAL);
      checkHeader(r, file);
      if (userVersion(r) != VERSION) {
        throw new SpecException(file + ": monitor store schema " + userVersion(r) + ", this code reads " + VERSION);
      }
      MonitorConfig stored = readConfig(r, file);
      return new MonitorStore(file, null, r, null, null, stored);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(r);
      if (e instanceof SpecException se) {
        throw se;
      }
      throw new SpecException(file + ": cannot open the monitor store: " + e.getMessage(), e);
    }
  }

  private static Connection connect(Path file, boolean readOnly, MonitorConfig.Durability durability)
      throws SQLException {
    SQLiteConfig c = new SQLiteConfig();
    c.setBusyTimeout(30_000);
    c.enforceForeignKeys(true);
    if (readOnly) {
      c.setReadOnly(true);
    }
    Connection conn = c.createConnection("jdbc:sqlite:" + file);
    if (!readOnly) {
      checkHeader(conn, file);
      try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
        String mode = rs.next() ? rs.getString(1) : "?";
        if (!"wal".equalsIgnoreCase(mode)) {
          throw new SpecException(file + ": cannot switch the monitor store to WAL mode (got " + mode + ")");
        }
      }
      setSynchronous(conn, durability);
    }
    return conn;
  }

  private static void setSynchronous(Connection c, MonitorConfig.Durability d) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA synchronous = " + (d == MonitorConfig.Durability.FULL ? "FULL" : "NORMAL"));
    }
  }

  /** Refuses a SQLite file of another application (a fresh, empty file has id 0 and passes). */
  private static void checkHeader(Connection c, Path file) throws SQLException {
    int id;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA application_id")) {
      id = rs.next() ? rs.getInt(1) : 0;
    }
    if (id != 0 && id != APPLICATION_ID) {
      throw new SpecException(file + ": not a Tailguard monitor store (application id 0x" + Integer.toHexString(id) + ")");
    }
    if (id == 0 && userVersion(c) != 0) {
      throw new SpecException(file + ": not a Tailguard monitor store (an unmarked SQLite database with a schema)");
    }
  }

  private static int userVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /** Creates the schema of a new store (in one transaction, with its settings) and returns the stored settings. */
  private static MonitorConfig migrate(Connection c, Path file, MonitorConfig requested) throws SQLException {
    int v = userVersion(c);
    if (v > VERSION) {
      throw new SpecException(file + ": monitor store schema " + v + " is newer than this Tailguard (" + VERSION + ")");
    }
    if (v == VERSION) {
      return readConfig(c, file);
    }
    MonitorConfig config = requested == null ? MonitorConfig.defaults() : requested;
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      for (String sql : SCHEMA) {
        s.execute(sql);
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO meta (key, value) VALUES (?, ?)")) {
        ps.setString(1, "config");
        ps.setString(2, config.toJson().toString());
        ps.executeUpdate();
      }
      s.execute("PRAGMA application_id = " + APPLICATION_ID);
      s.execute("PRAGMA user_version = " + VERSION);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
    return config;
  }

  private static MonitorConfig readConfig(Connection c, Path file) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT value FROM meta WHERE key = 'config'");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SpecException(file + ": monitor store without settings");
      }
      try {
        return MonitorConfig.fromJson(JsonMapper.builder().build().readTree(rs.getString(1)));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new SpecException(file + ": damaged settings: " + e.getOriginalMessage());
      }
    }
  }

  Path file() {
    return file;
  }

  MonitorConfig config() {
    return config;
  }

  boolean readOnly() {
    return writer == null;
  }

  // ------------------------------------------------------------------ transactions (writer)

  void begin() throws SQLException {
    requireWriter();
    writer.setAutoCommit(false);
  }

  void commit() throws SQLException {
    writer.commit();
    writer.setAutoCommit(true);
  }

  void rollbackQuietly() {
    try {
      if (writer != null && !writer.getAutoCommit()) {
        writer.rollback();
        writer.setAutoCommit(true);
      }
    } catch (SQLException e) {
      // the connection is unusable; the next statement reports it
    }
  }

  private void requireWriter() {
    if (writer == null) {
      throw new SpecException(file + ": the monitor store is open read-only");
    }
  }

  // ------------------------------------------------------------------ models and versions

  /** The id of a model, creating it if asked; -1 if absent and not created. */
  long modelId(String name, boolean create, Instant now) throws SQLException {
    Connection c = create ? writer : reader;
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM models WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return rs.getLong(1);
        }
      }
    }
    if (!create) {
      return -1;
    }
    try (PreparedStatement ps = writer.prepareStatement("INSERT INTO models (name, created_at) VALUES (?, ?)",
        Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, name);
      ps.setString(2, TIME.format(now));
      ps.executeUpdate();
      try (ResultSet rs = ps.getGeneratedKeys()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  List<String> models() throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = reader.prepareStatement("SELECT name FROM models ORDER BY name");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** A version's row, through the writer (inside a batch) or the reader. */
  VersionRow version(long model, String name, boolean forWriting) throws SQLException {
    Connection c = forWriting ? writer : reader;
    try (PreparedStatement ps = c.prepareStatement("SELECT id, model, name, ordinal, records, tokens, first_seen, "
        + "last_seen FROM versions WHERE model = ? AND name = ?")) {
      ps.setLong(1, model);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? versionRow(rs) : null;
      }
    }
  }

  /** A model's versions in order of first appearance. */
  List<VersionRow> versions(long model) throws SQLException {
    List<VersionRow> out = new ArrayList<>();
    try (PreparedStatement ps = reader.prepareStatement("SELECT id, model, name, ordinal, records, tokens, "
        + "first_seen, last_seen FROM versions WHERE model = ? ORDER BY ordinal")) {
      ps.setLong(1, model);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(versionRow(rs));
        }
      }
    }
    return out;
  }

  private static VersionRow versionRow(ResultSet rs) throws SQLException {
    return new VersionRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getLong(5), rs.getLong(6),
        rs.getString(7), rs.getString(8));
  }

  VersionRow createVersion(long model, String name, Instant now) throws SQLException {
    int ordinal;
    try (PreparedStatement ps = writer.prepareStatement("SELECT COALESCE(MAX(ordinal), -1) + 1 FROM versions WHERE model = ?")) {
      ps.setLong(1, model);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        ordinal = rs.getInt(1);
      }
    }
    try (PreparedStatement ps = writer.prepareStatement("INSERT INTO versions (model, name, ordinal, created_at, "
        + "updated_at) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setLong(1, model);
      ps.setString(2, name);
      ps.setInt(3, ordinal);
      ps.setString(4, TIME.format(now));
      ps.setString(5, TIME.format(now));
      ps.executeUpdate();
      try (ResultSet rs = ps.getGeneratedKeys()) {
        rs.next();
        return new VersionRow(rs.getLong(1), model, name, ordinal, 0, 0, null, null);
      }
    }
  }

  /** A version's serialised state through the given side, or null if it has none yet. */
  byte[] state(long version, boolean forWriting) throws SQLException {
    Connection c = forWriting ? writer : reader;
    try (PreparedStatement ps = c.prepareStatement("SELECT state FROM versions WHERE id = ?")) {
      ps.setLong(1, version);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getBytes(1) : null;
      }
    }
  }

  /** A version's state and its record count read in one snapshot, or null without state. */
  record StateSnapshot(byte[] state, long records) {}

  StateSnapshot snapshot(long version) throws SQLException {
    try (PreparedStatement ps = reader.prepareStatement("SELECT state, records FROM versions WHERE id = ?")) {
      ps.setLong(1, version);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBytes(1) != null ? new StateSnapshot(rs.getBytes(1), rs.getLong(2)) : null;
      }
    }
  }

  void saveVersion(long version, VersionState s, Instant now) throws SQLException {
    try (PreparedStatement ps = writer.prepareStatement("UPDATE versions SET records = ?, tokens = ?, first_seen = ?, "
        + "last_seen = ?, updated_at = ?, state = ? WHERE id = ?")) {
      ps.setLong(1, s.records);
      ps.setLong(2, s.tokens);
      ps.setString(3, s.firstMillis == Long.MAX_VALUE ? null : TIME.format(Instant.ofEpochMilli(s.firstMillis)));
      ps.setString(4, s.lastMillis == Long.MIN_VALUE ? null : TIME.format(Instant.ofEpochMilli(s.lastMillis)));
      ps.setString(5, TIME.format(now));
      ps.setBytes(6, s.toBytes());
      ps.setLong(7, version);
      ps.executeUpdate();
    }
  }

  void logBatch(String source, long records, Instant now) throws SQLException {
    try (PreparedStatement ps = writer.prepareStatement("INSERT INTO batches (at, source, records) VALUES (?, ?, ?)")) {
      ps.setString(1, TIME.format(now));
      ps.setString(2, source);
      ps.setLong(3, records);
      ps.executeUpdate();
    }
  }

  /** The number of committed batches and their records. */
  long[] batchTotals() throws SQLException {
    try (PreparedStatement ps = reader.prepareStatement("SELECT COUNT(*), COALESCE(SUM(records), 0) FROM batches");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  // ------------------------------------------------------------------ inbox

  /** An acknowledged record waiting to be folded into its version. */
  record InboxRow(long id, long version, ResponseRecord record, Instant receivedAt) {}

  void insertInbox(List<long[]> versionIds, List<ResponseRecord> records, Instant now) throws SQLException {
    try (PreparedStatement ps = writer.prepareStatement("INSERT INTO inbox (version, prompt_id, prompt, response, ts, "
        + "meta, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      long at = now.toEpochMilli();
      for (int i = 0; i < records.size(); i++) {
        ResponseRecord r = records.get(i);
        ps.setLong(1, versionIds.get(i)[0]);
        ps.setString(2, r.promptId());
        ps.setString(3, r.prompt());
        ps.setString(4, r.response());
        if (r.timestamp() == null) {
          ps.setNull(5, java.sql.Types.INTEGER);
        } else {
          ps.setLong(5, r.timestamp().toEpochMilli());
        }
        ps.setString(6, r.meta());
        ps.setLong(7, at);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** The oldest {@code limit} inbox rows, with their model and version names. */
  List<InboxRow> inbox(int limit) throws SQLException {
    List<InboxRow> out = new ArrayList<>();
    try (PreparedStatement ps = writer.prepareStatement("SELECT i.id, i.version, m.name, v.name, i.prompt_id, i.prompt, "
        + "i.response, i.ts, i.meta, i.received_at FROM inbox i JOIN versions v ON v.id = i.version "
        + "JOIN models m ON m.id = v.model ORDER BY i.id LIMIT ?")) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long ts = rs.getLong(8);
          boolean noTs = rs.wasNull();
          out.add(new InboxRow(rs.getLong(1), rs.getLong(2), new ResponseRecord(rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getString(6), rs.getString(7), noTs ? null : Instant.ofEpochMilli(ts), rs.getString(9)),
              Instant.ofEpochMilli(rs.getLong(10))));
        }
      }
    }
    return out;
  }

  /** The number of inbox rows. */
  long inboxCount() throws SQLException {
    try (PreparedStatement ps = writer.prepareStatement("SELECT COUNT(*) FROM inbox"); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Deletes a model and everything stored about it (inside the caller's transaction). */
  void deleteModel(long model) throws SQLException {
    String versions = "(SELECT id FROM versions WHERE model = ?)";
    for (String sql : List.of("DELETE FROM warnings WHERE model = ?", "DELETE FROM indicators WHERE version IN " + versions,
        "DELETE FROM samples WHERE version IN " + versions, "DELETE FROM prompts WHERE version IN " + versions,
        "DELETE FROM inbox WHERE version IN " + versions, "DELETE FROM versions WHERE model = ?",
        "DELETE FROM models WHERE id = ?")) {
      try (PreparedStatement ps = writer.prepareStatement(sql)) {
        ps.setLong(1, model);
        ps.executeUpdate();
      }
    }
  }

  void deleteInbox(long upToId) throws SQLException {
    try (PreparedStatement ps = writer.prepareStatement("DELETE FROM inbox WHERE id <= ?")) {
      ps.setLong(1, upToId);
      ps.executeUpdate();
    }
  }

  /** Inbox records per version id of a model (acknowledged, not yet folded). */
  Map<Long, Long> pending(long model) throws SQLException {
    Map<Long, Long> out = new LinkedHashMap<>();
    try (PreparedStatement ps = reader.prepareStatement("SELECT i.version, COUNT(*) FROM inbox i JOIN versions v "
        + "ON v.id = i.version WHERE v.model = ? GROUP BY i.version")) {
      ps.setLong(1, model);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getLong(1), rs.getLong(2));
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ samples

  long[] samplePriorities(long version) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (PreparedStatement ps = writer.prepareStatement("SELECT priority FROM samples WHERE version = ?")) {
      ps.setLong(1, version);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  void insertSamples(long version, List<Object[]> rows) throws SQLException {
    try (PreparedStatement ps = writer.prepareStatement("INSERT INTO samples (version, priority, seq, prompt_id, prompt, "
        + "response, ts, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Object[] r : rows) {
        ps.setLong(1, version);
        ps.setLong(2, (Long) r[0]);
        ps.setLong(3, (Long) r[1]);
        ResponseRecord rec = (ResponseRecord) r[2];
        ps.setString(4, rec.promptId());
        ps.setString(5, rec.prompt());
        ps.setString(6, rec.response());
        ps.setString(7, rec.timestamp() == null ? null : TIME.format(rec.timestamp()));
        ps.setString(8, rec.meta());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  void deleteSamples(long version, long[] priorities, int n) throws SQLException {
    try (PreparedStatement ps = writer.prepareStatement("DELETE FROM samples WHERE version = ? AND priority = ?")) {
      for (int i = 0; i < n; i++) {
        ps.setLong(1, version);
        ps.setLong(2, priorities[i]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** The first {@code limit} sampled responses in priority order: a uniform random sample of any size ≤ the reservoir. */
  List<SampleRow> samples(long version, int limit) throws SQLException {
    List<SampleRow> out = new ArrayList<>();
    try (PreparedStatement ps = reader.prepareStatement("SELECT priority, seq, prompt_id, prompt, response, ts, meta "
        + "FROM samples WHERE version = ? ORDER BY priority LIMIT ?")) {
      ps.setLong(1, version);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new SampleRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getString(6), rs.getString(7)));
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ prompts

  Map<Long, PromptStats> prompts(long version, boolean forWriting) throws SQLException {
    Map<Long, PromptStats> out = new LinkedHashMap<>();
    Connection c = forWriting ? writer : reader;
    try (PreparedStatement ps = c.prepareStatement("SELECT prompt_hash, prompt_id, prompt, answers FROM prompts "
        + "WHERE version = ? ORDER BY prompt_hash")) {
      ps.setLong(1, version);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getLong(1), PromptStats.read(rs.getString(2), rs.getString(3), rs.getBytes(4),
              config.answersPerPrompt()));
        }
      }
    }
    return out;
  }

  void upsertPrompts(long version, Map<Long, PromptStats> dirty) throws SQLException {
    try (PreparedStatement ps = writer.prepareStatement("INSERT INTO prompts (version, prompt_hash, prompt_id, prompt, "
        + "answers) VALUES (?, ?, ?, ?, ?) ON CONFLICT (version, prompt_hash) DO UPDATE SET answers = excluded.answers")) {
      for (Map.Entry<Long, PromptStats> e : dirty.entrySet()) {
        ps.setLong(1, version);
        ps.setLong(2, e.getKey());
        ps.setString(3, e.getValue().promptId);
        ps.setString(4, e.getValue().prompt);
        ps.setBytes(5, e.getValue().answersBytes());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  void deletePrompts(long version, List<Long> hashes) throws SQLException {
    try (PreparedStatement ps = writer.prepareStatement("DELETE FROM prompts WHERE version = ? AND prompt_hash = ?")) {
      for (long h : hashes) {
        ps.setLong(1, version);
        ps.setLong(2, h);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  // ------------------------------------------------------------------ indicator cache

  /** The cached indicators JSON of a version if computed at this record count, else null. */
  String cachedIndicators(long version, long revision) throws SQLException {
    try (PreparedStatement ps = reader.prepareStatement("SELECT json FROM indicators WHERE version = ? AND revision = ?")) {
      ps.setLong(1, version);
      ps.setLong(2, revision);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  void cacheIndicators(long version, long revision, String json) throws SQLException {
    try (PreparedStatement ps = writer.prepareStatement("INSERT INTO indicators (version, revision, json) VALUES (?, ?, ?) "
        + "ON CONFLICT (version) DO UPDATE SET revision = excluded.revision, json = excluded.json")) {
      ps.setLong(1, version);
      ps.setLong(2, revision);
      ps.setString(3, json);
      ps.executeUpdate();
    }
  }

  // ------------------------------------------------------------------ warnings

  /** A stored warning row: its identity, whether active, and its JSON. */
  record WarningRow(long id, long version, String rule, String indicator, boolean active, String details) {}

  List<WarningRow> warningRows(long model, boolean activeOnly) throws SQLException {
    List<WarningRow> out = new ArrayList<>();
    Connection c = writer != null ? writer : reader;
    try (PreparedStatement ps = c.prepareStatement("SELECT w.id, w.version, w.rule, w.indicator, w.active, w.details "
        + "FROM warnings w JOIN versions v ON v.id = w.version WHERE w.model = ?"
        + (activeOnly ? " AND w.active = 1" : "") + " ORDER BY v.ordinal, w.rule, w.indicator")) {
      ps.setLong(1, model);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new WarningRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5) == 1,
              rs.getString(6)));
        }
      }
    }
    return out;
  }

  /**
   * Inserts or refreshes a warning; returns true if it is new or was inactive (so sinks should hear of it).
   */
  boolean upsertWarning(long model, long version, Long baselineVersion, Warning w, String details, Instant now)
      throws SQLException {
    Boolean wasActive = null;
    try (PreparedStatement ps = writer.prepareStatement("SELECT active FROM warnings WHERE model = ? AND version = ? "
        + "AND rule = ? AND indicator = ?")) {
      ps.setLong(1, model);
      ps.setLong(2, version);
      ps.setString(3, w.rule());
      ps.setString(4, w.indicator());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          wasActive = rs.getInt(1) == 1;
        }
      }
    }
    if (wasActive == null) {
      try (PreparedStatement ps = writer.prepareStatement("INSERT INTO warnings (model, version, rule, indicator, "
          + "baseline_version, value, baseline_value, change, message, details, active, created_at, updated_at) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)")) {
        ps.setLong(1, model);
        ps.setLong(2, version);
        ps.setString(3, w.rule());
        ps.setString(4, w.indicator());
        if (baselineVersion == null) {
          ps.setNull(5, java.sql.Types.INTEGER);
        } else {
          ps.setLong(5, baselineVersion);
        }
        setReal(ps, 6, w.value());
        setReal(ps, 7, w.baselineValue());
        setReal(ps, 8, w.change());
        ps.setString(9, w.message());
        ps.setString(10, details);
        ps.setString(11, TIME.format(now));
        ps.setString(12, TIME.format(now));
        ps.executeUpdate();
      }
      return true;
    }
    try (PreparedStatement ps = writer.prepareStatement("UPDATE warnings SET value = ?, baseline_value = ?, change = ?, "
        + "message = ?, details = ?, active = 1, updated_at = ? WHERE model = ? AND version = ? AND rule = ? AND indicator = ?")) {
      setReal(ps, 1, w.value());
      setReal(ps, 2, w.baselineValue());
      setReal(ps, 3, w.change());
      ps.setString(4, w.message());
      ps.setString(5, details);
      ps.setString(6, TIME.format(now));
      ps.setLong(7, model);
      ps.setLong(8, version);
      ps.setString(9, w.rule());
      ps.setString(10, w.indicator());
      ps.executeUpdate();
    }
    return !wasActive;
  }

  void deactivateWarning(long id, Instant now) throws SQLException {
    try (PreparedStatement ps = writer.prepareStatement("UPDATE warnings SET active = 0, updated_at = ? WHERE id = ?")) {
      ps.setString(1, TIME.format(now));
      ps.setLong(2, id);
      ps.executeUpdate();
    }
  }

  private static void setReal(PreparedStatement ps, int i, double v) throws SQLException {
    if (Double.isNaN(v)) {
      ps.setNull(i, java.sql.Types.REAL);
    } else {
      ps.setDouble(i, v);
    }
  }

  // ------------------------------------------------------------------ closing

  @Override
  public void close() {
    closeQuietly(reader);
    closeQuietly(writer);
    try {
      if (lock != null && lock.isValid()) {
        lockChannel.truncate(0);
        lock.release();
      }
      if (lockChannel != null) {
        lockChannel.close();
      }
    } catch (IOException e) {
      // closing the channel releases the lock anyway
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // nothing more to release
      }
    }
  }
}
