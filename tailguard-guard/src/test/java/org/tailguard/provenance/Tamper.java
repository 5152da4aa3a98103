package org.tailguard.provenance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tamperings an attacker with write access to the ledger file can make with plain SQL, knowing the documented
 * format (so forged entries are well-formed and chained to their predecessor). None of them has the signing
 * key except {@link #resign}, which signs with the attacker's own key.
 */
final class Tamper {
  private Tamper() {}

  static byte[] body(Connection c, long seq) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT body FROM entries WHERE seq = ?")) {
      p.setLong(1, seq);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no entry " + seq);
        }
        return rs.getBytes(1);
      }
    }
  }

  static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static long batchOf(Connection c, long seq) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT batch FROM entries WHERE seq = ?")) {
      p.setLong(1, seq);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Replaces an entry's bytes; with {@code fixHash} also its recorded hash, as a careful attacker would. */
  static void setBody(Connection c, long seq, byte[] body, boolean fixHash) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(fixHash ? "UPDATE entries SET body = ?, hash = ? WHERE seq = ?"
        : "UPDATE entries SET body = ? WHERE seq = ?")) {
      p.setBytes(1, body);
      if (fixHash) {
        p.setBytes(2, Sha256.of(body).bytes());
        p.setLong(3, seq);
      } else {
        p.setLong(2, seq);
      }
      p.executeUpdate();
    }
  }

  /** Flips one byte inside the claim object of an entry: {@code where} in [0, 1) picks which. */
  static void flipClaimByte(Connection c, long seq, double where, int xor, boolean fixHash) throws SQLException {
    byte[] b = body(c, seq);
    String s = new String(b, StandardCharsets.UTF_8);
    int start = s.indexOf("\"claim\":{") + 9;
    int end = s.indexOf(",\"prev\":");
    int i = start + (int) (where * (end - start - 1));
    b[i] = (byte) (b[i] ^ (1 + (xor & 0x7e)));
    setBody(c, seq, b, fixHash);
  }

  /** Changes one letter of the claim's source: still canonical JSON, a plausible lie. */
  static void editSource(Connection c, long seq, boolean fixHash) throws SQLException {
    String s = new String(body(c, seq), StandardCharsets.UTF_8);
    int i = s.indexOf("\"source\":\"") + 10;
    char ch = s.charAt(i) == 'x' ? 'y' : 'x';
    setBody(c, seq, (s.substring(0, i) + ch + s.substring(i + 1)).getBytes(StandardCharsets.UTF_8), fixHash);
  }

  /** Deletes an entry (and its links); with {@code renumber}, moves the later entries down to close the gap. */
  static void delete(Connection c, long seq, boolean renumber) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM entries WHERE seq = " + seq);
      s.executeUpdate("DELETE FROM links WHERE seq = " + seq);
      if (renumber) {
        shift(s, seq + 1, -1);
      }
    }
  }

  /** Moves the rows at positions ≥ from by delta (entries and links), without touching their bytes. */
  static void shift(Statement s, long from, long delta) throws SQLException {
    s.executeUpdate("UPDATE entries SET seq = -(seq + " + delta + ") - 1 WHERE seq >= " + from);
    s.executeUpdate("UPDATE entries SET seq = -seq - 1 WHERE seq < 0");
    s.executeUpdate("UPDATE links SET seq = -(seq + " + delta + ") - 1 WHERE seq >= " + from);
    s.executeUpdate("UPDATE links SET seq = -seq - 1 WHERE seq < 0");
  }

  /** Swaps every column but the position of two entries (and their links). */
  static void swap(Connection c, long i, long j) throws SQLException {
    try (Statement s = c.createStatement()) {
      long tmp = -1_000_000;
      s.executeUpdate("UPDATE entries SET seq = " + tmp + " WHERE seq = " + i);
      s.executeUpdate("UPDATE entries SET seq = " + i + " WHERE seq = " + j);
      s.executeUpdate("UPDATE entries SET seq = " + j + " WHERE seq = " + tmp);
      s.executeUpdate("UPDATE links SET seq = " + tmp + " WHERE seq = " + i);
      s.executeUpdate("UPDATE links SET seq = " + i + " WHERE seq = " + j);
      s.executeUpdate("UPDATE links SET seq = " + j + " WHERE seq = " + tmp);
    }
  }

  /**
   * Inserts a forged, well-formed entry with sequence number {@code seq}, chained to entry {@code seq − 1}, in
   * {@code batch}; with {@code renumber} the entries from {@code seq} on move up one position to make room,
   * otherwise {@code seq} must be free (the end of the ledger).
   */
  static void insert(Connection c, long seq, long batch, Claim forged, boolean renumber) throws SQLException {
    byte[] prevBody = body(c, seq - 1);
    byte[] b = Envelope.claimEntry(seq, batch, Instant.parse("2026-03-01T12:00:00.123Z"), Sha256.of(prevBody), forged);
    try (Statement s = c.createStatement()) {
      if (renumber) {
        shift(s, seq, 1);
      }
    }
    try (PreparedStatement p = c.prepareStatement(
        "INSERT INTO entries (seq, batch, entity, content, body, hash) VALUES (?, ?, ?, ?, ?, ?)")) {
      p.setLong(1, seq);
      p.setLong(2, batch);
      p.setString(3, forged.id());
      p.setString(4, forged.sha256() == null ? null : forged.sha256().hex());
      p.setBytes(5, b);
      p.setBytes(6, Sha256.of(b).bytes());
      p.executeUpdate();
    }
    for (Link l : forged.derivedFrom()) {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO links (target, relation, seq) VALUES (?, ?, ?)")) {
        p.setString(1, l.target());
        p.setString(2, l.relation().json());
        p.setLong(3, seq);
        p.executeUpdate();
      }
    }
  }

  static byte[] manifest(Connection c, long batch) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT manifest FROM batches WHERE batch = ?")) {
      p.setLong(1, batch);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getBytes(1);
      }
    }
  }

  /** Replaces a manifest field (keeping canonical form) without re-signing. */
  static void setManifestField(Connection c, long batch, String field, Object value) throws SQLException {
    Map<String, Object> m = new TreeMap<>(CanonicalJson.parseObject(manifest(c, batch)));
    m.put(field, value);
    try (PreparedStatement p = c.prepareStatement("UPDATE batches SET manifest = ? WHERE batch = ?")) {
      p.setBytes(1, CanonicalJson.encode(m));
      p.setLong(2, batch);
      p.executeUpdate();
    }
  }

  /** Recomputes a batch's Merkle root over its current entries and signs the manifest with another key. */
  static void resign(Connection c, long batch, LedgerKeys attacker, boolean claimAttackerKey) throws SQLException {
    Map<String, Object> m = new TreeMap<>(CanonicalJson.parseObject(manifest(c, batch)));
    java.util.List<byte[]> bodies = new java.util.ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT body FROM entries WHERE batch = ? ORDER BY seq")) {
      p.setLong(1, batch);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          bodies.add(rs.getBytes(1));
        }
      }
    }
    m.put("merkleRoot", MerkleTree.rootOfEntries(bodies).hex());
    m.put("count", (long) bodies.size());
    if (claimAttackerKey) {
      m.put("key", attacker.fingerprint().hex());
    }
    byte[] bytes = CanonicalJson.encode(m);
    try (PreparedStatement p = c.prepareStatement("UPDATE batches SET manifest = ?, signature = ? WHERE batch = ?")) {
      p.setBytes(1, bytes);
      p.setBytes(2, attacker.sign(bytes));
      p.setLong(3, batch);
      p.executeUpdate();
    }
  }

  static void unsign(Connection c, long batch) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE batches SET signature = NULL WHERE batch = " + batch);
    }
  }

  /** Deletes the last {@code k} entries of a batch. */
  static void truncateBatch(Connection c, long batch, int k) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM links WHERE seq IN (SELECT seq FROM entries WHERE batch = " + batch
          + " ORDER BY seq DESC LIMIT " + k + ")");
      s.executeUpdate("DELETE FROM entries WHERE seq IN (SELECT seq FROM entries WHERE batch = " + batch
          + " ORDER BY seq DESC LIMIT " + k + ")");
    }
  }

  /** Deletes the last batch entirely: its entries, links and manifest. */
  static long dropLastBatch(Connection c) throws SQLException {
    long b;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT max(batch) FROM batches")) {
      rs.next();
      b = rs.getLong(1);
    }
    try (Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM links WHERE seq IN (SELECT seq FROM entries WHERE batch = " + b + ")");
      s.executeUpdate("DELETE FROM entries WHERE batch = " + b);
      s.executeUpdate("DELETE FROM batches WHERE batch = " + b);
    }
    return b;
  }

  /**
   * Edits entry {@code seq}'s source and re-chains every later entry (new prev, new hash), so that the hash
   * chain is whole again; only the signed Merkle roots can tell.
   */
  static void rewriteChain(Connection c, long seq) throws SQLException {
    editSource(c, seq, true);
    long last = count(c, "entries") - 1;
    byte[] prev = body(c, seq);
    for (long s = seq + 1; s <= last; s++) {
      Map<String, Object> m = new TreeMap<>(CanonicalJson.parseObject(body(c, s)));
      m.put("prev", Sha256.of(prev).hex());
      byte[] b = CanonicalJson.encode(m);
      setBody(c, s, b, true);
      prev = b;
    }
  }

  static void inFile(Path file, SqlAction action) throws SQLException {
    try (Connection c = LedgerFixtures.raw(file)) {
      action.run(c);
    }
  }

  interface SqlAction {
    void run(Connection c) throws SQLException;
  }
}
