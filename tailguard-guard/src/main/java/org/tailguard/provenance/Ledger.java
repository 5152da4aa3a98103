package org.tailguard.provenance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.tailguard.spec.SpecException;

/**
 * The provenance ledger: an append-only log of {@link Claim}s in its own embedded SQLite file, hash-chained
 * entry by entry, grouped into batches whose RFC 6962 Merkle roots are signed (Ed25519 or ECDSA P-256) in a
 * chain of batch manifests, after Certificate Transparency (RFC 6962) and C2PA's signed claims.
 *
 * <p>Entry 0 (batch 0) is the genesis entry naming the ledger id and its public key. Each later call to
 * {@link #append} writes one batch in one SQLite transaction ({@code BEGIN IMMEDIATE}): its entries, their
 * index rows, the manifest and its signature, or nothing; a crash or a failing claim source mid-batch leaves
 * no partial batch, and concurrent writers (other processes) are serialised by SQLite. Entries are never
 * updated or deleted by this class; {@link #verify} detects any change made behind its back. The canonical
 * encoding of entries and manifests is defined in {@link CanonicalJson} and {@code Envelope}.
 *
 * <pre>{@code
 * try (Ledger ledger = Ledger.init(Path.of("ledger.db"), Path.of("keys/ledger.key"), KeyAlgorithm.ED25519)) {
 *   ledger.append(List.of(Claim.builder(EntityKind.DOCUMENT, "doc:1").sha256(Sha256.ofText(text))
 *       .source("wikitext-2").licence("CC-BY-SA-4.0").tier(Tier.VERIFIED_HUMAN)
 *       .sourceType(SourceType.DIGITAL_CREATION).build()));
 * }
 * try (Ledger ledger = Ledger.openReadOnly(Path.of("ledger.db"))) {
 *   VerificationReport r = ledger.verify(VerifyOptions.DEFAULT.withTrustedKey(LedgerKeys.loadPublic(pub)));
 *   r.lines().forEach(System.out::println);
 *   System.out.println(ledger.lineage("doc:1", 200).toTree());
 * }
 * }</pre>
 *
 * <p>Every failure to open, read or write is a one-line {@link LedgerException} naming the file. Methods
 * are thread-safe (calls on one instance are serialised).
 */
public final class Ledger implements AutoCloseable {
  /** Claims per batch when the caller does not choose. */
  public static final int DEFAULT_BATCH_SIZE = 1000;
  /** The largest batch; bounds the work a (tampered) manifest can ask of the verifier. */
  public static final int MAX_BATCH_SIZE = 1_000_000;

  private final Path file;
  private final Connection conn;
  private final LedgerKeys signer;
  private final InstantSource clock;
  private final Envelope.Genesis genesis;

  private Ledger(Path file, Connection conn, LedgerKeys signer, InstantSource clock, Envelope.Genesis genesis) {
    this.file = file;
    this.conn = conn;
    this.signer = signer;
    this.clock = clock;
    this.genesis = genesis;
  }

  // ---------------------------------------------------------------- opening

  /**
   * Creates a ledger, signing with the key in {@code keyFile}: an existing key file is reused (its algorithm
   * wins), otherwise a new key pair of {@code algorithm} is generated into it with permissions 0600.
   *
   * @throws LedgerException if the ledger file already holds a ledger or another database, or the key file
   *     cannot be read or written
   */
  public static Ledger init(Path file, Path keyFile, KeyAlgorithm algorithm) {
    refuseExisting(file);
    LedgerKeys keys = Files.exists(keyFile) ? LedgerKeys.load(keyFile) : LedgerKeys.generate(keyFile, algorithm);
    return init(file, keys, InstantSource.system());
  }

  /**
   * Creates a ledger signed by the given keys, writing its genesis entry (batch 0) in one transaction.
   *
   * @throws LedgerException if the file already holds a ledger or another database
   */
  public static Ledger init(Path file, LedgerKeys keys, InstantSource clock) {
    if (!keys.canSign()) {
      throw new LedgerException(file + ": cannot create a ledger without a private key to sign with");
    }
    refuseExisting(file);
    Connection c = connect(file, false);
    try {
      if (!LedgerSchema.isEmpty(c, file)) {
        throw new LedgerException(file + ": already a Tailguard ledger; open it instead of creating it");
      }
      Instant now = clock.instant();
      Envelope.Genesis g = new Envelope.Genesis(ledgerId(keys, now), keys.algorithm(), keys.publicKeyBase64());
      c.setAutoCommit(false);
      try {
        LedgerSchema.create(c);
        byte[] body = Envelope.genesisEntry(now, g);
        insertEntry(c, 0, 0, null, null, body, Sha256.of(body));
        Sha256 root = MerkleTree.rootOfEntries(List.of(body));
        byte[] manifest = Envelope.manifest(new Envelope.Manifest(0, 0, 1, root, Sha256.ZERO, now, g.ledgerId(),
            keys.algorithm(), keys.fingerprint()));
        insertManifest(c, 0, manifest, keys.sign(manifest));
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
      return new Ledger(file, c, keys, clock, g);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c);
      throw e instanceof SQLException se ? translate(file, "cannot create the ledger", se) : (RuntimeException) e;
    }
  }

  /** Opens a ledger for appending with the key file it was created with, and the system clock. */
  public static Ledger openForWriting(Path file, Path keyFile) {
    return openForWriting(file, LedgerKeys.load(keyFile), InstantSource.system(), keyFile.toString());
  }

  /**
   * Opens a ledger for appending.
   *
   * @throws LedgerException if the file is missing or not a ledger of this format, its genesis entry is
   *     unreadable, or the keys are not the ledger's
   */
  public static Ledger openForWriting(Path file, LedgerKeys keys, InstantSource clock) {
    return openForWriting(file, keys, clock, "the signing key");
  }

  private static Ledger openForWriting(Path file, LedgerKeys keys, InstantSource clock, String keyName) {
    if (!keys.canSign()) {
      throw new LedgerException(keyName + ": no private key to sign with");
    }
    requireFile(file);
    if (!Files.isWritable(file)) {
      throw new LedgerException(file + ": the ledger is read-only; cannot open it for appending");
    }
    Connection c = connect(file, false);
    try {
      LedgerSchema.checkLedger(c, file);
      Envelope.Genesis g = readGenesis(c, file);
      if (g == null) {
        throw new LedgerException(file + ": the genesis entry is unreadable; run ledger verify");
      }
      if (!g.publicKey().equals(keys.publicKeyBase64())) {
        throw new LedgerException(keyName + ": this key (fingerprint " + keys.fingerprint().shortHex()
            + ") is not the key of ledger " + file + "; use the key file it was created with");
      }
      return new Ledger(file, c, keys, clock, g);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c);
      throw e instanceof SQLException se ? translate(file, "cannot open the ledger", se) : (RuntimeException) e;
    }
  }

  /**
   * Opens a ledger for reading and verification; works while another process appends (SQLite WAL), and on a
   * tampered ledger (only {@link #info} then needs a readable genesis entry).
   *
   * @throws LedgerException if the file is missing, a directory, not SQLite, not a ledger or of a newer format
   */
  public static Ledger openReadOnly(Path file) {
    requireFile(file);
    Connection c = connect(file, true);
    try {
      LedgerSchema.checkLedger(c, file);
      return new Ledger(file, c, null, InstantSource.system(), readGenesis(c, file));
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c);
      throw e instanceof SQLException se ? translate(file, "cannot open the ledger", se) : (RuntimeException) e;
    }
  }

  /** The ledger file. */
  public Path file() {
    return file;
  }

  // ---------------------------------------------------------------- appending

  /**
   * Appends claims as one batch: one transaction, one Merkle root, one signed manifest.
   *
   * @throws LedgerException if the ledger was opened read-only, the list is empty, or SQLite refuses the
   *     write (nothing is written then)
   */
  public synchronized BatchReceipt append(List<Claim> claims) {
    if (claims.isEmpty()) {
      throw new LedgerException(file + ": cannot append an empty batch");
    }
    if (claims.size() > MAX_BATCH_SIZE) {
      throw new SpecException("claims", "at most " + MAX_BATCH_SIZE + " per batch, got " + claims.size()
          + "; use appendAll");
    }
    return writeBatch(claims.iterator(), claims.size());
  }

  /**
   * Appends claims drawn from an iterator, {@code batchSize} per batch (each its own transaction), until it
   * is exhausted. Claims are pulled inside the batch's transaction, so a stream of any length needs no
   * memory beyond one batch. If the iterator throws, the batch in progress is rolled back and earlier
   * batches stay.
   */
  public List<BatchReceipt> appendAll(Iterator<Claim> claims, int batchSize) {
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new SpecException("batchSize", "must be 1.." + MAX_BATCH_SIZE + ", got " + batchSize);
    }
    List<BatchReceipt> out = new ArrayList<>();
    while (claims.hasNext()) {
      synchronized (this) {
        BatchReceipt r = writeBatch(claims, batchSize);
        if (r != null) {
          out.add(r);
        }
      }
    }
    return out;
  }

  /** Appends claims, {@code batchSize} per batch. */
  public List<BatchReceipt> appendAll(Iterable<Claim> claims, int batchSize) {
    return appendAll(claims.iterator(), batchSize);
  }

  /**
   * Records a dataset and its files: one {@link EntityKind#FILE} claim per file (id
   * {@code DATASET/RELATIVE-PATH}, its SHA-256, {@code location} = the path relative to {@code root}, a
   * {@code partOf} link to the dataset) and one {@link EntityKind#DATASET} claim whose content address is
   * {@link #datasetAddress} of the files. Both take source, licence, tier, source type, generator, training
   * permissions and attributes from {@code template}; only the dataset claim takes its links.
   *
   * @throws LedgerException if a file is unreadable or not under {@code root}
   */
  public List<BatchReceipt> recordDataset(String datasetId, Path root, List<Path> files, Claim.Builder template,
      int batchSize) {
    Claim.checkId("datasetId", datasetId);
    Map<String, Sha256> listing = new TreeMap<>();
    Path base = root.toAbsolutePath().normalize();
    for (Path f : files) {
      Path abs = (f.isAbsolute() ? f : base.resolve(f)).normalize();
      if (!abs.startsWith(base) || abs.equals(base)) {
        throw new LedgerException(f + ": not a file under the dataset root " + root);
      }
      String rel = base.relativize(abs).toString().replace(abs.getFileSystem().getSeparator(), "/");
      if (listing.put(rel, Sha256.ofFile(abs)) != null) {
        throw new LedgerException(f + ": listed twice");
      }
    }
    if (listing.isEmpty()) {
      throw new LedgerException(root + ": no files to record for dataset " + datasetId);
    }
    List<Claim> claims = new ArrayList<>(listing.size() + 1);
    listing.forEach((rel, sha) -> claims.add(template.forEntity(EntityKind.FILE, datasetId + "/" + escapeId(rel))
        .sha256(sha).location(rel).link(Relation.PART_OF, datasetId).build()));
    Claim.Builder ds = template.forEntity(EntityKind.DATASET, datasetId).sha256(datasetAddress(listing));
    for (Link l : template.links()) {
      ds.link(l.relation(), l.target());
    }
    claims.add(ds.build());
    return appendAll(claims, batchSize);
  }

  /**
   * The content address of a set of files: SHA-256 of the canonical JSON array
   * {@code [{"path":P,"sha256":H},…]} sorted by path (paths relative, with {@code /}).
   */
  public static Sha256 datasetAddress(Map<String, Sha256> files) {
    List<Object> list = new ArrayList<>(files.size());
    new TreeMap<>(files).forEach((p, h) -> list.add(Map.of("path", p, "sha256", h.hex())));
    return Sha256.of(CanonicalJson.encode(list));
  }

  private BatchReceipt writeBatch(Iterator<Claim> claims, int max) {
    if (signer == null) {
      throw new LedgerException(file + ": opened read-only; open it for writing with its key file to append");
    }
    try {
      conn.setAutoCommit(false);
      try {
        long lastSeq;
        Sha256 prev;
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq, body FROM entries ORDER BY seq DESC LIMIT 1")) {
          if (!rs.next()) {
            throw new LedgerException(file + ": the ledger has no entries (not even its genesis); run ledger verify");
          }
          lastSeq = rs.getLong(1);
          prev = Sha256.of(rs.getBytes(2));
        }
        long lastBatch;
        Sha256 prevManifest;
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT batch, manifest, signature FROM batches ORDER BY batch DESC LIMIT 1")) {
          if (!rs.next()) {
            throw new LedgerException(file + ": the ledger has no batch manifests; run ledger verify");
          }
          lastBatch = rs.getLong(1);
          prevManifest = Sha256.of(rs.getBytes(2));
          checkTail(lastBatch, rs.getBytes(2), rs.getBytes(3), lastSeq);
        }
        long batch = lastBatch + 1;
        Instant now = clock.instant();
        List<byte[]> leaves = new ArrayList<>(Math.min(max, 1 << 16));
        long seq = lastSeq;
        try (PreparedStatement entry = conn.prepareStatement(INSERT_ENTRY);
             PreparedStatement link = conn.prepareStatement(INSERT_LINK)) {
          while (leaves.size() < max && claims.hasNext()) {
            Claim claim = claims.next();
            if (claim == null) {
              throw new SpecException("claim", "must not be null");
            }
            seq++;
            byte[] body = Envelope.claimEntry(seq, batch, now, prev, claim);
            prev = Sha256.of(body);
            bindEntry(entry, seq, batch, claim.id(), claim.sha256() == null ? null : claim.sha256().hex(), body, prev);
            entry.executeUpdate();
            for (Link l : claim.derivedFrom()) {
              link.setString(1, l.target());
              link.setString(2, l.relation().json());
              link.setLong(3, seq);
              link.executeUpdate();
            }
            leaves.add(MerkleTree.leafHash(body));
          }
        }
        if (leaves.isEmpty()) {
          conn.rollback();
          return null;
        }
        Sha256 root = MerkleTree.root(leaves);
        long first = lastSeq + 1;
        byte[] manifest = Envelope.manifest(new Envelope.Manifest(batch, first, leaves.size(), root, prevManifest, now,
            genesis.ledgerId(), signer.algorithm(), signer.fingerprint()));
        insertManifest(conn, batch, manifest, signer.sign(manifest));
        conn.commit();
        return new BatchReceipt(batch, first, leaves.size(), root, Sha256.of(manifest));
      } catch (SQLException | RuntimeException e) {
        conn.rollback();
        throw e;
      } finally {
        conn.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw translate(file, "cannot append", e);
    }
  }

  /**
   * Refuses to extend a ledger whose tail its last signed manifest does not cover exactly: signing a new batch on
   * top of entries someone added (or changed) would launder them. Costs one signature check and one batch read.
   */
  private void checkTail(long lastBatch, byte[] manifest, byte[] signature, long lastSeq) throws SQLException {
    String problem = null;
    Envelope.Manifest m = null;
    try {
      m = Envelope.decodeManifest(manifest);
    } catch (IllegalArgumentException e) {
      problem = "its manifest is unreadable";
    }
    if (problem == null && (signature == null || !signer.verify(manifest, signature))) {
      problem = "its manifest's signature does not verify with this key";
    } else if (problem == null && (m.batch() != lastBatch || m.firstSeq() + m.count() - 1 != lastSeq)) {
      problem = "it covers entries " + m.firstSeq() + ".." + (m.firstSeq() + m.count() - 1) + " but the ledger ends at "
          + "entry " + lastSeq;
    } else if (problem == null) {
      List<byte[]> leaves = new ArrayList<>();
      try (PreparedStatement p = conn.prepareStatement("SELECT body FROM entries WHERE seq >= ? ORDER BY seq")) {
        p.setLong(1, m.firstSeq());
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            leaves.add(MerkleTree.leafHash(rs.getBytes(1)));
          }
        }
      }
      if (leaves.size() != m.count() || !MerkleTree.root(leaves).equals(m.merkleRoot())) {
        problem = "its entries do not match its signed Merkle root";
      }
    }
    if (problem != null) {
      throw new LedgerException(file + ": refusing to append: the last batch (" + lastBatch + ") fails a check ("
          + problem + "); run ledger verify");
    }
  }

  private static final String INSERT_ENTRY =
      "INSERT INTO entries (seq, batch, entity, content, body, hash) VALUES (?, ?, ?, ?, ?, ?)";
  private static final String INSERT_LINK = "INSERT INTO links (target, relation, seq) VALUES (?, ?, ?)";

  private static void insertEntry(Connection c, long seq, long batch, String entity, String content, byte[] body,
      Sha256 hash) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(INSERT_ENTRY)) {
      bindEntry(p, seq, batch, entity, content, body, hash);
      p.executeUpdate();
    }
  }

  private static void bindEntry(PreparedStatement p, long seq, long batch, String entity, String content, byte[] body,
      Sha256 hash) throws SQLException {
    p.setLong(1, seq);
    p.setLong(2, batch);
    p.setString(3, entity);
    p.setString(4, content);
    p.setBytes(5, body);
    p.setBytes(6, hash.bytes());
  }

  private static void insertManifest(Connection c, long batch, byte[] manifest, byte[] signature) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO batches (batch, manifest, signature) VALUES (?, ?, ?)")) {
      p.setLong(1, batch);
      p.setBytes(2, manifest);
      p.setBytes(3, signature);
      p.executeUpdate();
    }
  }

  // ---------------------------------------------------------------- reading

  /**
   * The ledger's identity and size, from its genesis entry and tables (unverified).
   *
   * @throws LedgerException if the genesis entry is unreadable
   */
  public synchronized LedgerInfo info() {
    Envelope.Genesis g = requireGenesis();
    try (Statement s = conn.createStatement()) {
      long entries;
      Instant created;
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM entries")) {
        entries = rs.next() ? rs.getLong(1) : 0;
      }
      try (ResultSet rs = s.executeQuery("SELECT body FROM entries WHERE seq = 0")) {
        created = rs.next() ? Envelope.decodeEntry(rs.getBytes(1)).time() : null;
      }
      long batches;
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM batches")) {
        batches = rs.next() ? rs.getLong(1) : 0;
      }
      LedgerKeys k = genesisKeys(g);
      return new LedgerInfo(file, g.ledgerId(), g.algorithm(), k.fingerprint(), created, entries, batches, head());
    } catch (SQLException e) {
      throw translate(file, "cannot read", e);
    }
  }

  /**
   * The current head: the last batch and the SHA-256 of its manifest (unverified; print it after appending and
   * keep it elsewhere to detect truncation later).
   */
  public synchronized Head head() {
    try (Statement s = conn.createStatement();
         ResultSet rs = s.executeQuery("SELECT batch, manifest FROM batches ORDER BY batch DESC LIMIT 1")) {
      if (!rs.next()) {
        throw new LedgerException(file + ": the ledger has no batch manifests; run ledger verify");
      }
      return new Head(rs.getLong(1), Sha256.of(rs.getBytes(2)));
    } catch (SQLException e) {
      throw translate(file, "cannot read", e);
    }
  }

  /** The latest claim about an entity, if any. */
  public synchronized Optional<RecordedClaim> latest(String id) {
    List<RecordedClaim> l = query("SELECT seq, batch, body FROM entries WHERE entity = ? ORDER BY seq DESC LIMIT 1", id);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.getFirst());
  }

  /** Every claim about an entity, oldest first: later claims amend earlier ones, which stay on record. */
  public synchronized List<RecordedClaim> history(String id) {
    return query("SELECT seq, batch, body FROM entries WHERE entity = ? ORDER BY seq", id);
  }

  /** Every claim whose content address is {@code sha256}, oldest first. */
  public synchronized List<RecordedClaim> withContent(Sha256 sha256) {
    return query("SELECT seq, batch, body FROM entries WHERE content = ? ORDER BY seq", sha256.hex());
  }

  /**
   * Resolves what a user typed to an entity id: an id that has claims or that links name, else a content hash
   * or a unique prefix of one (at least 8 hex digits).
   *
   * @throws LedgerException if nothing matches, or a hash prefix matches several entities
   */
  public synchronized String resolve(String idOrHash) {
    if (!history(idOrHash).isEmpty() || !incoming(idOrHash).isEmpty()) {
      return idOrHash; // recorded, or named by links (such as a model whose outputs are recorded)
    }
    String h = idOrHash.strip().toLowerCase(java.util.Locale.ROOT);
    if (h.length() >= 8 && h.length() <= 64 && Sha256.isLowerHex(h)) {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement p = conn.prepareStatement(
          "SELECT DISTINCT entity FROM entries WHERE content >= ? AND content < ? ORDER BY entity LIMIT 3")) {
        p.setString(1, h);
        p.setString(2, h + "g");
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
        }
      } catch (SQLException e) {
        throw translate(file, "cannot read", e);
      }
      if (ids.size() == 1) {
        return ids.getFirst();
      }
      if (ids.size() > 1) {
        throw new LedgerException(file + ": content hash prefix '" + idOrHash + "' matches several entities ("
            + String.join(", ", ids) + (ids.size() == 3 ? ", ..." : "") + "); give more digits");
      }
    }
    throw new LedgerException(file + ": no entity with id or content hash '" + idOrHash + "'");
  }

  /** The entities that link to {@code id}, with the relation, in order of first appearance. */
  synchronized Map<String, List<Relation>> incoming(String id) {
    Map<String, List<Relation>> out = new LinkedHashMap<>();
    try (PreparedStatement p = conn.prepareStatement("SELECT e.entity, l.relation FROM links l JOIN entries e "
        + "ON e.seq = l.seq WHERE l.target = ? ORDER BY l.seq")) {
      p.setString(1, id);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          List<Relation> rels = out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
          Relation r = Relation.parse("relation", rs.getString(2));
          if (!rels.contains(r)) {
            rels.add(r);
          }
        }
      }
    } catch (SQLException e) {
      throw translate(file, "cannot read", e);
    }
    return out;
  }

  /** The latest claims of the members of a dataset (entities with a {@code partOf} link to it), by id. */
  public synchronized List<RecordedClaim> members(String datasetId) {
    List<RecordedClaim> out = new ArrayList<>();
    for (Map.Entry<String, List<Relation>> e : incoming(datasetId).entrySet()) {
      if (e.getValue().contains(Relation.PART_OF)) {
        latest(e.getKey()).ifPresent(out::add);
      }
    }
    out.sort(java.util.Comparator.comparing(r -> r.claim().id()));
    return out;
  }

  private List<RecordedClaim> query(String sql, String arg) {
    List<RecordedClaim> out = new ArrayList<>();
    try (PreparedStatement p = conn.prepareStatement(sql)) {
      p.setString(1, arg);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          long seq = rs.getLong(1);
          byte[] body = rs.getBytes(3);
          Envelope.Entry e;
          try {
            e = Envelope.decodeEntry(body);
          } catch (IllegalArgumentException ex) {
            throw new LedgerException(file + ": entry " + seq + " is unreadable (" + ex.getMessage()
                + "); run ledger verify");
          }
          if (e.claim() == null) {
            continue;
          }
          out.add(new RecordedClaim(e.seq(), e.batch(), e.time(), Sha256.of(body), e.claim()));
        }
      }
    } catch (SQLException e) {
      throw translate(file, "cannot read", e);
    }
    return out;
  }

  // ---------------------------------------------------------------- verification, lineage, export

  /**
   * Checks the whole ledger: every entry's bytes, hash and place in the chain, the lookup indexes, every
   * batch's coverage, Merkle root, manifest chain and signature, and optionally a trusted key and head.
   * Tampering never throws; it is reported as {@link Problem} lines.
   *
   * @throws LedgerException only if the file cannot be read at all
   */
  public synchronized VerificationReport verify(VerifyOptions options) {
    try {
      return Verifier.verify(conn, file, options);
    } catch (SQLException e) {
      throw translate(file, "cannot read", e);
    }
  }

  /**
   * The lineage graph around an entity: everything it was derived from (following links, upstream) and
   * everything derived from it (following links backwards, downstream), with cycles detected, at most
   * {@code maxNodes} nodes.
   *
   * @throws LedgerException if the id (or content hash prefix) matches no entity
   */
  public synchronized LineageGraph lineage(String idOrHash, int maxNodes) {
    return Lineage.walk(this, resolve(idOrHash), maxNodes);
  }

  /**
   * Writes Croissant JSON-LD (MLCommons Croissant 1.0: {@code sc:Dataset} with one {@code cr:FileObject} per
   * file member carrying {@code contentUrl} and {@code sha256}) for a dataset recorded in the ledger, atomically
   * (temporary file, then rename). If {@code filesRoot} is not null, every file is re-hashed under it first and
   * a file that is missing or changed since it was recorded is an error.
   *
   * @throws LedgerException naming the dataset, a file or the output
   */
  public synchronized void exportCroissant(String datasetId, Path out, Path filesRoot) {
    CroissantExport.write(this, resolve(datasetId), out, filesRoot);
  }

  @Override
  public synchronized void close() {
    closeQuietly(conn);
  }

  // ---------------------------------------------------------------- helpers

  Envelope.Genesis genesisOrNull() {
    return genesis;
  }

  private Envelope.Genesis requireGenesis() {
    if (genesis == null) {
      throw new LedgerException(file + ": the genesis entry is unreadable; run ledger verify");
    }
    return genesis;
  }

  private LedgerKeys genesisKeys(Envelope.Genesis g) {
    try {
      return LedgerKeys.decodePublic(g.algorithm(), g.publicKey());
    } catch (GeneralSecurityException e) {
      throw new LedgerException(file + ": the genesis entry's public key is unusable; run ledger verify");
    }
  }

  /** Percent-encodes the characters an id may not contain (and '%'), so any relative path makes an id. */
  static String escapeId(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      if (cp == '%' || Character.isWhitespace(cp) || Character.isISOControl(cp)) {
        for (byte x : new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
          b.append('%').append(String.format("%02X", x & 0xff));
        }
      } else {
        b.appendCodePoint(cp);
      }
    });
    return b.toString();
  }

  private static String ledgerId(LedgerKeys keys, Instant now) {
    return Sha256.of((keys.publicKeyBase64() + "@" + Envelope.time(now))
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).hex().substring(0, 32);
  }

  private static Envelope.Genesis readGenesis(Connection c, Path file) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT body FROM entries WHERE seq = 0")) {
      if (!rs.next()) {
        return null;
      }
      Envelope.Entry e = Envelope.decodeEntry(rs.getBytes(1));
      return e.genesis();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void refuseExisting(Path file) {
    if (Files.isDirectory(file)) {
      throw new LedgerException(file + ": is a directory, not a ledger file");
    }
    try {
      if (Files.exists(file) && Files.size(file) > 0) {
        Connection c = connect(file, true);
        try {
          if (!LedgerSchema.isEmpty(c, file)) {
            throw new LedgerException(file + ": already a Tailguard ledger; open it instead of creating it");
          }
        } catch (SQLException e) {
          throw translate(file, "cannot open", e);
        } finally {
          closeQuietly(c);
        }
      }
    } catch (java.io.IOException e) {
      throw new LedgerException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static void requireFile(Path file) {
    if (Files.isDirectory(file)) {
      throw new LedgerException(file + ": is a directory, not a ledger file");
    }
    if (!Files.exists(file)) {
      throw new LedgerException(file + ": no such ledger (create one with ledger init)");
    }
    if (!Files.isReadable(file)) {
      throw new LedgerException(file + ": cannot read the ledger (permission denied)");
    }
  }

  private static Connection connect(Path file, boolean readOnly) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (!readOnly) {
        Files.createDirectories(parent);
      }
      SQLiteConfig config = new SQLiteConfig();
      config.setBusyTimeout(10_000);
      config.setReadOnly(readOnly);
      if (!readOnly) {
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // FULL: a committed batch survives a power cut, not only a process crash.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      }
      Connection c = config.createConnection("jdbc:sqlite:" + file);
      try (Statement s = c.createStatement()) {
        LedgerSchema.intPragma(c, "application_id"); // fails here on a file that is not SQLite
        if (!readOnly) {
          try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
            String mode = rs.next() ? rs.getString(1) : "?";
            if (!"wal".equalsIgnoreCase(mode)) {
              closeQuietly(c);
              throw new LedgerException(file + ": cannot switch the ledger to WAL mode (got " + mode + ")");
            }
          }
        }
      } catch (SQLException e) {
        closeQuietly(c);
        throw e;
      }
      return c;
    } catch (SQLException e) {
      throw translate(file, "cannot open", e);
    } catch (java.io.IOException e) {
      throw new LedgerException(file + ": cannot create its directory: " + e.getMessage(), e);
    }
  }

  static LedgerException translate(Path file, String what, SQLException e) {
    if (e instanceof SQLiteException se) {
      SQLiteErrorCode code = se.getResultCode();
      if (code == SQLiteErrorCode.SQLITE_NOTADB) {
        return new LedgerException(file + ": not a Tailguard ledger (the file is not an SQLite database)", e);
      }
      if (code == SQLiteErrorCode.SQLITE_BUSY || code == SQLiteErrorCode.SQLITE_LOCKED) {
        return new LedgerException(file + ": " + what + ": the ledger is locked by another writer; try again", e);
      }
      if (code == SQLiteErrorCode.SQLITE_READONLY) {
        return new LedgerException(file + ": " + what + ": the ledger is read-only", e);
      }
      if (code == SQLiteErrorCode.SQLITE_CORRUPT) {
        return new LedgerException(file + ": the SQLite file is corrupt (" + firstLine(e.getMessage()) + ")", e);
      }
    }
    return new LedgerException(file + ": " + what + ": " + firstLine(e.getMessage()), e);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "SQLite error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // nothing to do
      }
    }
  }
}
