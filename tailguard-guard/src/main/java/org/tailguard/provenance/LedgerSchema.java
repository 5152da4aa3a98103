package org.tailguard.provenance;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The ledger file's tables (format version 1), marked by {@code PRAGMA application_id} so that another
 * application's SQLite file is refused rather than altered, and versioned by {@code PRAGMA user_version}.
 *
 * <p>{@code entries} holds each entry's canonical bytes and hash; {@code entity}, {@code content} and the
 * {@code links} table are lookup indexes derived from those bytes, which {@code verify} cross-checks.
 * {@code batches} holds each signed manifest; a missing signature is representable so that verify can
 * report it. No foreign keys or triggers: the verifier, not SQLite, is the integrity check, and it must
 * be able to see any state an attacker with file access can produce.
 */
final class LedgerSchema {
  static final int VERSION = 1;
  /** "TGLG": Tailguard ledger. */
  static final int APPLICATION_ID = 0x54474C47;

  static final List<String> V1 = List.of(
      """
      CREATE TABLE entries (
        seq INTEGER PRIMARY KEY,
        batch INTEGER NOT NULL,
        entity TEXT,
        content TEXT,
        body BLOB NOT NULL,
        hash BLOB NOT NULL
      )""",
      "CREATE INDEX entries_by_entity ON entries (entity, seq)",
      "CREATE INDEX entries_by_content ON entries (content)",
      """
      CREATE TABLE links (
        target TEXT NOT NULL,
        relation TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (target, relation, seq)
      ) WITHOUT ROWID""",
      """
      CREATE TABLE batches (
        batch INTEGER PRIMARY KEY,
        manifest BLOB NOT NULL,
        signature BLOB
      )""");

  private LedgerSchema() {}

  /** Whether the database is empty (a fresh or zero-length file); throws if it belongs to someone else. */
  static boolean isEmpty(Connection c, Path file) throws SQLException {
    int app = intPragma(c, "application_id");
    int version = intPragma(c, "user_version");
    if (app == 0 && version == 0) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_schema")) {
        if (rs.next() && rs.getInt(1) > 0) {
          throw new LedgerException(file + ": not a Tailguard ledger (an SQLite database with other tables)");
        }
      }
      return true;
    }
    check(app, version, file);
    return false;
  }

  /** Checks that an open database is a ledger this code can read and write. */
  static void checkLedger(Connection c, Path file) throws SQLException {
    int app = intPragma(c, "application_id");
    int version = intPragma(c, "user_version");
    if (app == 0 && version == 0) {
      throw new LedgerException(file + ": not a Tailguard ledger (an empty database; create one with ledger init)");
    }
    check(app, version, file);
  }

  private static void check(int app, int version, Path file) {
    if (app != APPLICATION_ID) {
      throw new LedgerException(file + ": not a Tailguard ledger (SQLite application_id 0x" + Integer.toHexString(app)
          + ")");
    }
    if (version > VERSION) {
      throw new LedgerException(file + ": ledger format version " + version + " is newer than this Tailguard supports ("
          + VERSION + "); upgrade Tailguard");
    }
    if (version < 1) {
      throw new LedgerException(file + ": ledger format version " + version + " is not valid");
    }
  }

  /** Creates the tables and marks the file, inside the caller's transaction. */
  static void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String ddl : V1) {
        s.execute(ddl);
      }
      s.execute("PRAGMA application_id = " + APPLICATION_ID);
      s.execute("PRAGMA user_version = " + VERSION);
    }
  }

  static int intPragma(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
