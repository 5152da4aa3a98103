package org.tailguard.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's tables and their migrations, versioned by {@code PRAGMA user_version}.
 *
 * <p>{@code PRAGMA application_id} marks the file as a Tailguard store, so that another application's
 * SQLite file is refused rather than altered. Each migration runs in one transaction together with its
 * version bump, so a crash leaves the old or the new schema. A store from a newer Tailguard is refused.
 */
final class Schema {
  /** The schema version this code writes. */
  static final int VERSION = 1;
  /** "TGRS": Tailguard run store. */
  static final int APPLICATION_ID = 0x54475253;

  private Schema() {}

  /*
   * Version 1. chain_metrics is keyed (run, generation, chain, indicator): the simulator delivers rows in
   * exactly that order, so inserts append to the B-tree, and INSERT OR REPLACE makes a re-delivered
   * generation idempotent. WITHOUT ROWID stores the value in the key's B-tree, one tree instead of two.
   * NaN is stored as NULL (SQLite's own rule for REAL); ±Infinity is stored as is.
   */
  private static final List<String> V1 = List.of(
      """
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        description TEXT,
        reproduces TEXT,
        family TEXT NOT NULL,
        workflow TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed', 'interrupted')),
        message TEXT,
        spec_json TEXT NOT NULL,
        spec_yaml TEXT NOT NULL,
        spec_sha256 TEXT NOT NULL,
        seed INTEGER NOT NULL,
        chains INTEGER NOT NULL CHECK (chains >= 1),
        generations INTEGER NOT NULL CHECK (generations >= 0),
        last_generation INTEGER NOT NULL DEFAULT -1 CHECK (last_generation >= -1),
        per_chain INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        provenance TEXT NOT NULL
      )""",
      "CREATE INDEX runs_by_spec ON runs (spec_sha256)",
      "CREATE INDEX runs_by_created ON runs (created_at)",
      """
      CREATE TABLE indicators (
        run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        log_scale INTEGER NOT NULL,
        PRIMARY KEY (run, idx),
        UNIQUE (run, name)
      ) WITHOUT ROWID""",
      """
      CREATE TABLE chain_metrics (
        run INTEGER NOT NULL,
        generation INTEGER NOT NULL,
        chain INTEGER NOT NULL,
        indicator INTEGER NOT NULL,
        value REAL,
        PRIMARY KEY (run, generation, chain, indicator),
        FOREIGN KEY (run, indicator) REFERENCES indicators (run, idx) ON DELETE CASCADE
      ) WITHOUT ROWID""",
      """
      CREATE TABLE summaries (
        run INTEGER NOT NULL,
        generation INTEGER NOT NULL,
        indicator INTEGER NOT NULL,
        median REAL,
        p10 REAL,
        p90 REAL,
        mean REAL,
        sd REAL,
        n INTEGER NOT NULL,
        nan INTEGER NOT NULL,
        PRIMARY KEY (run, generation, indicator),
        FOREIGN KEY (run, indicator) REFERENCES indicators (run, idx) ON DELETE CASCADE
      ) WITHOUT ROWID""");

  /** The (application id, user version) of an open database; fails on a file that is not SQLite. */
  static int[] header(Connection c) throws SQLException {
    return new int[] {intPragma(c, "application_id"), intPragma(c, "user_version")};
  }

  /** Checks that a read-only store has this code's schema. */
  static void checkReadable(Connection c, Path file) throws SQLException {
    int[] h = header(c);
    checkOwner(c, file, h);
    if (h[1] == 0) {
      throw new StoreException(file + ": not a Tailguard store (empty database)");
    }
    if (h[1] < VERSION) {
      throw new StoreException(file + ": store schema version " + h[1] + " is older than this Tailguard's ("
          + VERSION + "); open it for writing once (run any experiment) to upgrade it");
    }
  }

  /** Creates or upgrades the schema of a store opened for writing. */
  static void migrate(Connection c, Path file) throws SQLException {
    int[] h = header(c);
    checkOwner(c, file, h);
    for (int v = h[1] + 1; v <= VERSION; v++) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        for (String ddl : migration(v)) {
          s.execute(ddl);
        }
        s.execute("PRAGMA application_id = " + APPLICATION_ID);
        s.execute("PRAGMA user_version = " + v);
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    }
  }

  private static List<String> migration(int version) {
    return switch (version) {
      case 1 -> V1;
      default -> throw new IllegalStateException("no migration to schema version " + version);
    };
  }

  private static void checkOwner(Connection c, Path file, int[] h) throws SQLException {
    if (h[0] != APPLICATION_ID && (h[0] != 0 || h[1] != 0)) {
      throw new StoreException(file + ": not a Tailguard store (SQLite application_id 0x"
          + Integer.toHexString(h[0]) + ", user_version " + h[1] + ")");
    }
    if (h[1] > VERSION) {
      throw new StoreException(file + ": store schema version " + h[1] + " is newer than this Tailguard supports ("
          + VERSION + "); upgrade Tailguard");
    }
    if (h[0] == 0 && h[1] == 0) {
      try (Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_schema")) {
        if (rs.next() && rs.getInt(1) > 0) {
          throw new StoreException(file + ": not a Tailguard store (an SQLite database with other tables)");
        }
      }
    }
  }

  private static int intPragma(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
