package org.tailguard.provenance;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks a ledger file from scratch and reports each problem as one line naming entries or batches.
 *
 * <p>The entries' own bytes are the truth: the {@code seq}, {@code batch}, {@code entity}, {@code content}
 * and {@code hash} columns and the {@code links} table are only indexes and are checked against them. The
 * checks, in order:
 * <ol>
 *   <li>each entry's bytes are canonical, decode, and hash to the recorded hash; the index columns agree;</li>
 *   <li>entries sit at the position their sequence number says (runs of shifted entries are one line);</li>
 *   <li>the hash chain: each entry's {@code prev} is the hash of the entry before it. Where two entries claim
 *       one sequence number, the one the next entry links to is the original and the other was inserted.
 *       A single broken link means the earlier entry was rewritten after the later one was appended (its
 *       hash changed); two broken links in a row mean the entry between them was rewritten;</li>
 *   <li>the genesis entry gives the key (or the trusted key replaces it, and a difference is reported);</li>
 *   <li>each batch manifest decodes, is signed, its signature verifies, it links to the previous manifest,
 *       it covers the entries that declare its batch (missing, extra and moved entries are named) and its
 *       Merkle root matches theirs; entries in a batch without a manifest are unsigned;</li>
 *   <li>sequence numbers missing anywhere up to the last entry or signed range are named;</li>
 *   <li>the trusted head, if given, is still in the ledger.</li>
 * </ol>
 * Memory is a few hundred bytes per entry (three hashes, the id and the links; neither the bytes nor the claim
 * is kept), about 40 MB for 100,000 entries.
 */
final class Verifier {
  private Verifier() {}

  /** What the checks need of a decoded entry; the claim itself is not kept, to bound memory. */
  private record Decoded(long seq, long batch, byte[] prev, String label, Envelope.Genesis genesis, List<String> links) {}

  /** One stored entry row. */
  private static final class Row {
    long pos;
    long batchCol;
    String entityCol;
    String contentCol;
    byte[] storedHash;
    byte[] hash;
    byte[] leaf;
    Decoded entry;
    boolean contentBad;

    long seq() {
      return entry != null ? entry.seq() : pos;
    }

    long batch() {
      return entry != null ? entry.batch() : batchCol;
    }

    String name() {
      String label = entry != null ? entry.label() : entityCol != null ? entityCol : "?";
      return "entry " + seq() + " (" + label + ")";
    }
  }

  /** One stored manifest row. */
  private static final class ManifestRow {
    long batchCol;
    byte[] bytes;
    byte[] signature;
    Sha256 hash;
    Envelope.Manifest m;
    boolean sigOk;
  }

  static VerificationReport verify(Connection c, Path file, VerifyOptions opts) throws SQLException {
    long t0 = System.nanoTime();
    List<Problem> problems = new ArrayList<>();

    // 1. Entries: bytes, hash, decoding, index columns.
    List<Row> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT seq, batch, entity, content, body, hash FROM entries ORDER BY seq")) {
      while (rs.next()) {
        rows.add(readRow(rs, problems));
      }
    }

    // 2. Positions.
    checkPositions(rows, problems);

    // 3. Chain.
    TreeMap<Long, List<Row>> bySeq = new TreeMap<>();
    for (Row r : rows) {
      bySeq.computeIfAbsent(r.seq(), k -> new ArrayList<>()).add(r);
    }
    TreeMap<Long, Row> chain = new TreeMap<>();
    Map<Long, List<Row>> ambiguous = new HashMap<>();
    for (Map.Entry<Long, List<Row>> e : bySeq.entrySet()) {
      List<Row> cands = e.getValue();
      if (cands.size() == 1) {
        chain.put(e.getKey(), cands.getFirst());
        continue;
      }
      List<Row> next = bySeq.get(e.getKey() + 1);
      Row linked = null;
      if (next != null && next.size() == 1 && next.getFirst().entry != null) {
        byte[] prev = next.getFirst().entry.prev();
        for (Row r : cands) {
          if (Arrays.equals(r.hash, prev)) {
            linked = r;
          }
        }
      }
      if (linked != null) {
        chain.put(e.getKey(), linked);
        for (Row r : cands) {
          if (r != linked) {
            problems.add(Problem.entry(r.seq(), r.name() + " at position " + r.pos + " is not in the hash chain: "
                + "entry " + (r.seq() + 1) + " links to the other entry " + r.seq() + " (inserted)").inBatch(r.batch()));
          }
        }
      } else {
        ambiguous.put(e.getKey(), cands);
        chain.put(e.getKey(), cands.getFirst());
      }
    }
    checkLinks(chain, problems);

    // 4. Key.
    Row genesisRow = chain.get(0L);
    Envelope.Genesis genesis = genesisRow != null && genesisRow.entry != null ? genesisRow.entry.genesis() : null;
    LedgerKeys ledgerKey = null;
    if (genesis != null) {
      try {
        ledgerKey = LedgerKeys.decodePublic(genesis.algorithm(), genesis.publicKey());
      } catch (GeneralSecurityException e) {
        problems.add(Problem.entry(0, "entry 0 (genesis): its public key is unusable: " + e.getMessage()));
      }
    } else if (genesisRow == null || genesisRow.entry != null) {
      problems.add(Problem.entry(0, "entry 0: the genesis entry is missing (removed or replaced)"));
    }
    for (Row r : rows) {
      if (r.entry != null && r.entry.genesis() != null && r.seq() != 0) {
        problems.add(Problem.entry(r.seq(), r.name() + ": a second genesis entry (forged)"));
      }
    }
    LedgerKeys key = ledgerKey;
    boolean trusted = false;
    if (opts.trustedKey() != null) {
      trusted = true;
      key = opts.trustedKey();
      if (ledgerKey != null && !ledgerKey.fingerprint().equals(key.fingerprint())) {
        problems.add(Problem.entry(0, "entry 0 (genesis): the ledger's key " + ledgerKey.fingerprint().shortHex()
            + " is not the trusted key " + key.fingerprint().shortHex() + " (the ledger was re-created or re-signed)")
            .inBatch(0));
      }
    } else if (ledgerKey == null) {
      problems.add(Problem.ledger(file + ": no usable public key in the ledger, so no signature can be checked; "
          + "pass a trusted public key"));
    }
    String ledgerId = genesis != null ? genesis.ledgerId() : null;

    // 5. Manifests.
    List<ManifestRow> manifests = new ArrayList<>();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT batch, manifest, signature FROM batches ORDER BY batch")) {
      while (rs.next()) {
        ManifestRow m = new ManifestRow();
        m.batchCol = rs.getLong(1);
        m.bytes = rs.getBytes(2);
        m.signature = rs.getBytes(3);
        m.hash = Sha256.of(m.bytes == null ? new byte[0] : m.bytes);
        manifests.add(m);
      }
    }
    TreeMap<Long, ManifestRow> byBatch = new TreeMap<>();
    List<Long> badSig = new ArrayList<>();
    String badSigDetail = null;
    for (ManifestRow mr : manifests) {
      long b = mr.batchCol;
      byBatch.put(b, mr);
      try {
        mr.m = Envelope.decodeManifest(mr.bytes == null ? new byte[0] : mr.bytes);
      } catch (IllegalArgumentException e) {
        problems.add(Problem.batch(b, "batch " + b + ": its manifest is unreadable: " + e.getMessage() + " (edited)"));
        continue;
      }
      if (mr.m.batch() != b) {
        problems.add(Problem.batch(b, "batch " + b + ": its manifest says it is batch " + mr.m.batch() + " (moved)"));
      }
      if (ledgerId != null && !ledgerId.equals(mr.m.ledgerId())) {
        problems.add(Problem.batch(b, "batch " + b + ": its manifest belongs to ledger " + mr.m.ledgerId()
            + ", not " + ledgerId + " (copied from another ledger)"));
      }
      if (mr.signature == null) {
        problems.add(Problem.batch(b, "batch " + b + ": its manifest is not signed"));
      } else if (key != null) {
        mr.sigOk = mr.m.algorithm() == key.algorithm() && key.verify(mr.bytes, mr.signature);
        if (!mr.sigOk) {
          badSig.add(b);
          if (!mr.m.key().equals(key.fingerprint())) {
            badSigDetail = "it names key " + mr.m.key().shortHex();
          }
        }
      }
    }
    if (key != null) {
      for (long[] run : runs(badSig)) {
        String which = run[0] == run[1] ? "batch " + run[0] + ": its manifest's signature does not"
            : "batches " + run[0] + ".." + run[1] + ": their manifests' signatures do not";
        problems.add(Problem.batches(run[0], run[1], which + " verify with " + (trusted ? "the trusted" : "the ledger's")
            + " key " + key.fingerprint().shortHex() + " (manifest edited, or signed with another key"
            + (badSigDetail != null && run[0] == run[1] ? ": " + badSigDetail : "") + ")"));
      }
    }
    // Manifest chain and contiguity.
    long expectBatch = 0;
    for (ManifestRow mr : manifests) {
      long b = mr.batchCol;
      if (b > expectBatch) {
        problems.add(Problem.batches(expectBatch, b - 1, (b - 1 == expectBatch ? "batch " + expectBatch
            + ": its manifest is missing" : "batches " + expectBatch + ".." + (b - 1) + ": their manifests are missing")
            + " (removed)"));
      }
      expectBatch = b + 1;
      if (mr.m == null) {
        continue;
      }
      ManifestRow before = byBatch.get(b - 1);
      Sha256 expected = b == 0 ? Sha256.ZERO : before == null ? null : before.hash;
      boolean explained = !mr.sigOk || before != null && (before.m == null || !before.sigOk);
      if (expected != null && !expected.equals(mr.m.prevManifest()) && !explained) {
        problems.add(Problem.batch(b, "batch " + b + ": its manifest does not link to batch " + (b - 1)
            + "'s manifest (manifests replaced or reordered)"));
      }
      if (before != null && before.m != null && before.m.firstSeq() + before.m.count() != mr.m.firstSeq()) {
        problems.add(Problem.batch(b, "batch " + b + ": its manifest starts at entry " + mr.m.firstSeq()
            + " but batch " + (b - 1) + " ends at entry " + (before.m.firstSeq() + before.m.count() - 1)));
      }
    }

    // 6. Entries against manifests.
    TreeMap<Long, List<Row>> entriesOfBatch = new TreeMap<>();
    for (Row r : chain.values()) {
      entriesOfBatch.computeIfAbsent(r.batch(), k -> new ArrayList<>()).add(r);
    }
    // Signed ranges as intervals (firstSeq -> {lastSeq, batch}), never expanded number by number: a tampered
    // manifest or entry may claim any sequence number.
    TreeMap<Long, long[]> coverage = new TreeMap<>();
    Set<Long> resolved = new HashSet<>();
    for (ManifestRow mr : manifests) {
      if (mr.m == null) {
        continue;
      }
      long b = mr.batchCol;
      long first = mr.m.firstSeq();
      long last = first + mr.m.count() - 1;
      coverage.putIfAbsent(first, new long[] {last, b});
      for (Row r : entriesOfBatch.getOrDefault(b, List.of())) {
        if (r.seq() < first || r.seq() > last) {
          problems.add(Problem.entry(r.seq(), r.name() + " declares batch " + b + ", but batch " + b
              + "'s signed manifest covers entries " + first + ".." + last + " (inserted)").inBatch(b));
        }
      }
      List<byte[]> leaves = new ArrayList<>();
      List<Long> inRange = new ArrayList<>();
      for (Row r : chain.subMap(first, true, last, true).values()) {
        if (r.batch() != b) {
          problems.add(Problem.entry(r.seq(), r.name() + " declares batch " + r.batch() + ", but it lies in batch " + b
              + "'s signed range " + first + ".." + last + " (moved)").inBatch(b));
        }
        leaves.add(r.leaf);
        inRange.add(r.seq());
      }
      if (!MerkleTree.root(leaves).equals(mr.m.merkleRoot())) {
        if (!resolveByRoot(chain, ambiguous, first, last, mr.m.merkleRoot(), resolved, problems)) {
          problems.add(Problem.batch(b, "batch " + b + ": the Merkle root of its entries " + first + ".." + last
              + " does not match its signed manifest (entries changed, removed or inserted)"));
        }
      }
    }
    for (Map.Entry<Long, List<Row>> e : new TreeMap<>(ambiguous).entrySet()) {
      if (!resolved.contains(e.getKey())) {
        List<String> where = e.getValue().stream().map(r -> "position " + r.pos + " (" + (r.entry == null ? "?"
            : r.entry.label()) + ")").toList();
        problems.add(Problem.entry(e.getKey(), "entry " + e.getKey() + ": " + where.size() + " entries claim this "
            + "sequence number, at " + String.join(", ", where) + " (all but one inserted)"));
      }
    }
    for (Map.Entry<Long, List<Row>> e : entriesOfBatch.entrySet()) {
      if (!byBatch.containsKey(e.getKey())) {
        List<Row> rs = e.getValue();
        long first = rs.getFirst().seq();
        long last = rs.getLast().seq();
        problems.add(Problem.entries(first, last, "batch " + e.getKey() + ": no manifest, so "
            + (first == last ? rs.getFirst().name() + " is" : "entries " + first + ".." + last + " (" + rs.getFirst().name()
                + ", ...) are") + " unsigned (inserted, or the manifest was removed)").inBatch(e.getKey()));
      }
    }

    // 7. Missing sequence numbers: gaps in the chain, and signed ranges beyond its last entry.
    List<long[]> gaps = new ArrayList<>();
    long expect = 0;
    for (long k : chain.keySet()) {
      if (k > expect) {
        gaps.add(new long[] {expect, k - 1});
      }
      expect = k + 1;
    }
    long tail = expect;
    for (Map.Entry<Long, long[]> e : coverage.tailMap(0L, true).entrySet()) {
      long from = Math.max(e.getKey(), tail);
      if (e.getValue()[0] >= from) {
        gaps.add(new long[] {from, e.getValue()[0]});
        tail = e.getValue()[0] + 1;
      }
    }
    for (long[] gap : gaps) {
      long s = gap[0];
      while (s <= gap[1]) {
        Map.Entry<Long, long[]> cov = coverage.floorEntry(s);
        long end;
        Long batch = null;
        if (cov != null && cov.getValue()[0] >= s) {
          end = Math.min(gap[1], cov.getValue()[0]);
          batch = cov.getValue()[1];
        } else {
          Long nextStart = coverage.higherKey(s);
          end = nextStart == null ? gap[1] : Math.min(gap[1], nextStart - 1);
        }
        String what = s == end ? "entry " + s + " is missing" : "entries " + s + ".." + end + " are missing";
        Problem p = Problem.entries(s, end, what + " (removed" + (batch != null ? "; batch " + batch
            + "'s signed manifest covers " + (s == end ? "it" : "them") : "") + ")");
        problems.add(batch != null ? p.inBatch(batch) : p);
        s = end + 1;
      }
    }

    // 8. Links index.
    checkLinksIndex(c, rows, problems);

    // 9. Trusted head.
    Head head = manifests.isEmpty() ? null : new Head(manifests.getLast().batchCol, manifests.getLast().hash);
    if (opts.trustedHead() != null) {
      Head th = opts.trustedHead();
      ManifestRow mr = byBatch.get(th.batch());
      long lastBatch = manifests.isEmpty() ? -1 : manifests.getLast().batchCol;
      if (mr == null && th.batch() > lastBatch) {
        String gone = lastBatch + 1 == th.batch() ? "batch " + th.batch() + " was" : "batches " + (lastBatch + 1) + ".."
            + th.batch() + " were";
        problems.add(Problem.batches(lastBatch + 1, th.batch(), file + ": the ledger ends at batch " + lastBatch
            + " but the trusted head is batch " + th.batch() + ": " + gone + " removed (truncated)"));
      } else if (mr == null || !mr.hash.equals(th.manifestHash())) {
        problems.add(Problem.batch(th.batch(), "batch " + th.batch() + ": its manifest is not the one in the trusted "
            + "head " + th + " (rewritten)"));
      }
    }

    // Order: ledger-wide lines first, then by the first entry named; a batch-only line after its batch's entries.
    Map<Long, Long> batchEnd = new HashMap<>();
    for (ManifestRow mr : manifests) {
      if (mr.m != null) {
        batchEnd.put(mr.batchCol, mr.m.firstSeq() + mr.m.count() - 1);
      }
    }
    List<Problem> sorted = new ArrayList<>(problems);
    sorted.sort(Comparator.comparingLong(p -> p.firstEntry() >= 0 ? 2 * p.firstEntry()
        : p.firstBatch() >= 0 ? 2 * batchEnd.getOrDefault(p.firstBatch(), Long.MAX_VALUE / 4) + 1 : -1));
    List<Problem> listed = sorted.size() > opts.maxProblems() ? sorted.subList(0, opts.maxProblems()) : sorted;
    return new VerificationReport(file, rows.size(), manifests.size(), key == null ? null : key.fingerprint(), trusted,
        head, listed, sorted.size(), Duration.ofNanos(System.nanoTime() - t0));
  }

  private static Row readRow(ResultSet rs, List<Problem> problems) throws SQLException {
    Row r = new Row();
    r.pos = rs.getLong(1);
    r.batchCol = rs.getLong(2);
    r.entityCol = rs.getString(3);
    r.contentCol = rs.getString(4);
    byte[] body = rs.getBytes(5);
    if (body == null) {
      body = new byte[0];
    }
    r.storedHash = rs.getBytes(6);
    r.hash = Sha256.digest().digest(body);
    r.leaf = MerkleTree.leafHash(body);
    Envelope.Entry full;
    try {
      full = Envelope.decodeEntry(body);
    } catch (IllegalArgumentException e) {
      r.contentBad = true;
      problems.add(Problem.entry(r.pos, "entry at position " + r.pos + " (" + (r.entityCol == null ? "?" : r.entityCol)
          + "): its bytes are unreadable: " + e.getMessage() + " (edited)").inBatch(r.batchCol));
      return r;
    }
    List<String> links = new ArrayList<>();
    if (full.claim() != null) {
      for (Link l : full.claim().derivedFrom()) {
        links.add(l.relation().json() + " " + l.target());
      }
    }
    r.entry = new Decoded(full.seq(), full.batch(), full.prev().bytes(), full.label(), full.genesis(), List.copyOf(links));
    if (!Arrays.equals(r.hash, r.storedHash)) {
      r.contentBad = true;
      problems.add(Problem.entry(r.seq(), r.name() + ": its bytes do not match its recorded hash (edited)")
          .inBatch(r.batch()));
    }
    List<String> cols = new ArrayList<>();
    if (r.batchCol != r.entry.batch()) {
      cols.add("batch " + r.batchCol + " (bytes say " + r.entry.batch() + ")");
    }
    Claim claim = full.claim();
    String entity = claim == null ? null : claim.id();
    String content = claim == null || claim.sha256() == null ? null : claim.sha256().hex();
    if (!java.util.Objects.equals(r.entityCol, entity)) {
      cols.add("entity '" + r.entityCol + "' (bytes say '" + entity + "')");
    }
    if (!java.util.Objects.equals(r.contentCol, content)) {
      cols.add("content " + r.contentCol + " (bytes say " + content + ")");
    }
    if (!cols.isEmpty()) {
      problems.add(Problem.entry(r.seq(), r.name() + ": its index row disagrees with its bytes: " + String.join(", ", cols)
          + " (index edited)"));
    }
    if (r.seq() == 0 && r.entry.genesis() == null) {
      problems.add(Problem.entry(0, r.name() + ": entry 0 must be the genesis entry (replaced)"));
    }
    return r;
  }

  private static void checkPositions(List<Row> rows, List<Problem> problems) {
    Row runStart = null;
    Row runEnd = null;
    for (Row r : rows) {
      boolean shifted = r.entry != null && r.pos != r.seq();
      boolean continues = shifted && runEnd != null && r.seq() == runEnd.seq() + 1
          && r.pos - r.seq() == runEnd.pos - runEnd.seq();
      if (!continues && runStart != null) {
        problems.add(positionProblem(runStart, runEnd));
        runStart = null;
      }
      if (shifted) {
        if (runStart == null) {
          runStart = r;
        }
        runEnd = r;
      } else {
        runEnd = null;
      }
    }
    if (runStart != null) {
      problems.add(positionProblem(runStart, runEnd));
    }
  }

  private static Problem positionProblem(Row a, Row b) {
    if (a == b) {
      return Problem.entry(a.seq(), a.name() + " is stored at position " + a.pos + " (reordered, or an entry was "
          + "removed or inserted before it)");
    }
    return Problem.entries(a.seq(), b.seq(), "entries " + a.seq() + ".." + b.seq() + " (" + a.name() + ", ...) are "
        + "stored at positions " + a.pos + ".." + b.pos + " (reordered, or an entry was removed or inserted before them)");
  }

  private static void checkLinks(TreeMap<Long, Row> chain, List<Problem> problems) {
    TreeSet<Long> broken = new TreeSet<>();
    for (Map.Entry<Long, Row> e : chain.entrySet()) {
      long s = e.getKey();
      Row r = e.getValue();
      if (r.entry == null) {
        continue;
      }
      if (s == 0) {
        if (!Arrays.equals(r.entry.prev(), new byte[32])) {
          problems.add(Problem.entry(0, r.name() + ": its previous hash is not zero (edited)"));
        }
        continue;
      }
      Row p = chain.get(s - 1);
      if (p == null) {
        continue; // reported as missing
      }
      if (!Arrays.equals(r.entry.prev(), p.hash) && !p.contentBad && !r.contentBad) {
        broken.add(s);
      }
    }
    for (long[] run : runs(new ArrayList<>(broken))) {
      long a = run[0];
      long b = run[1];
      if (a == b) {
        Row before = chain.get(a - 1);
        problems.add(Problem.entries(a - 1, a, before.name() + " was rewritten after " + chain.get(a).name()
            + " was appended: entry " + a + "'s link to it does not match").inBatch(before.batch()));
      } else if (b == a + 1) {
        Row mid = chain.get(a);
        problems.add(Problem.entry(a, mid.name() + " was rewritten: its link to entry " + (a - 1) + " and entry "
            + (a + 1) + "'s link to it do not match").inBatch(mid.batch()));
      } else {
        problems.add(Problem.entries(a, b - 1, "entries " + a + ".." + (b - 1) + " (" + chain.get(a).name()
            + ", ...) were rewritten: their hash links do not match"));
      }
    }
  }

  /**
   * Where several entries claim one sequence number and the chain did not tell which is original, tries each
   * choice against the signed Merkle root; if exactly one choice matches, the others are named as inserted.
   */
  private static boolean resolveByRoot(TreeMap<Long, Row> chain, Map<Long, List<Row>> ambiguous, long first, long last,
      Sha256 root, Set<Long> resolved, List<Problem> problems) {
    List<Long> amb = new ArrayList<>();
    for (Long s : ambiguous.keySet()) {
      if (s >= first && s <= last) {
        amb.add(s);
      }
    }
    if (amb.size() != 1) {
      return false;
    }
    long s = amb.getFirst();
    List<Row> cands = ambiguous.get(s);
    Row match = null;
    int matches = 0;
    for (Row cand : cands) {
      List<byte[]> leaves = new ArrayList<>();
      for (Map.Entry<Long, Row> e : chain.subMap(first, true, last, true).entrySet()) {
        leaves.add(e.getKey() == s ? cand.leaf : e.getValue().leaf);
      }
      if (MerkleTree.root(leaves).equals(root)) {
        match = cand;
        matches++;
      }
    }
    if (matches != 1) {
      return false;
    }
    chain.put(s, match);
    resolved.add(s);
    for (Row r : cands) {
      if (r != match) {
        problems.add(Problem.entry(s, r.name() + " at position " + r.pos + " is not covered by its batch's signed "
            + "Merkle root; the other entry " + s + " is (inserted)").inBatch(r.batch()));
      }
    }
    return true;
  }

  private static void checkLinksIndex(Connection c, List<Row> rows, List<Problem> problems) throws SQLException {
    Map<Long, Set<String>> expected = new HashMap<>();
    Map<Long, Row> byPos = new HashMap<>();
    Set<Long> unreadable = new HashSet<>();
    for (Row r : rows) {
      byPos.put(r.pos, r);
      if (r.entry == null) {
        unreadable.add(r.pos);
        continue;
      }
      expected.put(r.pos, new HashSet<>(r.entry.links()));
    }
    Map<Long, Set<String>> actual = new HashMap<>();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT seq, relation, target FROM links")) {
      while (rs.next()) {
        actual.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getString(2) + " " + rs.getString(3));
      }
    }
    TreeSet<Long> positions = new TreeSet<>(expected.keySet());
    positions.addAll(actual.keySet());
    for (long pos : positions) {
      if (unreadable.contains(pos)) {
        continue;
      }
      Set<String> want = expected.getOrDefault(pos, Set.of());
      Set<String> have = actual.getOrDefault(pos, Set.of());
      if (want.equals(have)) {
        continue;
      }
      Row r = byPos.get(pos);
      if (r == null) {
        problems.add(Problem.entry(pos, "the links index names entry position " + pos
            + ", which does not exist (index edited)"));
        continue;
      }
      Set<String> extra = new TreeSet<>(have);
      extra.removeAll(want);
      Set<String> lacking = new TreeSet<>(want);
      lacking.removeAll(have);
      problems.add(Problem.entry(r.seq(), r.name() + ": the links index disagrees with its bytes"
          + (extra.isEmpty() ? "" : ": extra " + extra) + (lacking.isEmpty() ? "" : ": lacking " + lacking)
          + " (index edited)"));
    }
  }

  /** Consecutive runs [a, b] of a sorted list of numbers. */
  private static List<long[]> runs(List<Long> sorted) {
    List<long[]> out = new ArrayList<>();
    for (long v : sorted) {
      if (!out.isEmpty() && out.getLast()[1] == v - 1) {
        out.getLast()[1] = v;
      } else {
        out.add(new long[] {v, v});
      }
    }
    return out;
  }
}
