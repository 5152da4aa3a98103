package org.tailguard.provenance;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The canonical byte forms of ledger entries and batch manifests (format version 1), and their strict
 * decoding. Every form is a {@link CanonicalJson} object with {@code "v":1} and a {@code type}.
 *
 * <pre>
 * claim entry:  {"batch":B,"claim":{…},"prev":"&lt;hex&gt;","seq":S,"time":"…Z","type":"claim","v":1}
 * genesis:      {"batch":0,"genesis":{"algorithm":"Ed25519","ledger":"&lt;id&gt;","publicKey":"&lt;b64 X.509&gt;"},
 *                "prev":"000…0","seq":0,"time":"…Z","type":"genesis","v":1}
 * manifest:     {"algorithm":"Ed25519","batch":B,"count":N,"firstSeq":S,"key":"&lt;fingerprint&gt;",
 *                "ledger":"&lt;id&gt;","merkleRoot":"&lt;hex&gt;","prevManifest":"&lt;hex&gt;","time":"…Z",
 *                "type":"manifest","v":1}
 * </pre>
 * An entry's hash is SHA-256 of its bytes; {@code prev} is the previous entry's hash (zeros for the genesis
 * entry). A manifest's hash is SHA-256 of its bytes; {@code prevManifest} is the previous batch's manifest
 * hash (zeros for batch 0), and the signature is over the manifest bytes. Times are UTC with milliseconds.
 */
final class Envelope {
  static final int VERSION = 1;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Set<String> ENTRY_KEYS = Set.of("batch", "claim", "genesis", "prev", "seq", "time", "type", "v");
  private static final Set<String> GENESIS_KEYS = Set.of("algorithm", "ledger", "publicKey");
  private static final Set<String> MANIFEST_KEYS = Set.of("algorithm", "batch", "count", "firstSeq", "key", "ledger",
      "merkleRoot", "prevManifest", "time", "type", "v");

  private Envelope() {}

  /** A decoded entry: exactly one of {@code claim} and {@code genesis} is set. */
  record Entry(long seq, long batch, Instant time, Sha256 prev, Claim claim, Genesis genesis) {
    String label() {
      return claim != null ? claim.id() : "genesis";
    }
  }

  /** The genesis entry's body: the ledger id and its public key. */
  record Genesis(String ledgerId, KeyAlgorithm algorithm, String publicKey) {}

  /** A decoded batch manifest. */
  record Manifest(long batch, long firstSeq, long count, Sha256 merkleRoot, Sha256 prevManifest, Instant time,
      String ledgerId, KeyAlgorithm algorithm, Sha256 key) {}

  static String time(Instant t) {
    return TIME.format(t.truncatedTo(ChronoUnit.MILLIS));
  }

  static byte[] claimEntry(long seq, long batch, Instant time, Sha256 prev, Claim claim) {
    Map<String, Object> m = base(seq, batch, time, prev, "claim");
    m.put("claim", claim.toJson());
    return CanonicalJson.encode(m);
  }

  static byte[] genesisEntry(Instant time, Genesis g) {
    Map<String, Object> m = base(0, 0, time, Sha256.ZERO, "genesis");
    m.put("genesis", Map.of("algorithm", g.algorithm().json(), "ledger", g.ledgerId(), "publicKey", g.publicKey()));
    return CanonicalJson.encode(m);
  }

  static byte[] manifest(Manifest x) {
    Map<String, Object> m = new TreeMap<>();
    m.put("algorithm", x.algorithm().json());
    m.put("batch", x.batch());
    m.put("count", x.count());
    m.put("firstSeq", x.firstSeq());
    m.put("key", x.key().hex());
    m.put("ledger", x.ledgerId());
    m.put("merkleRoot", x.merkleRoot().hex());
    m.put("prevManifest", x.prevManifest().hex());
    m.put("time", time(x.time()));
    m.put("type", "manifest");
    m.put("v", (long) VERSION);
    return CanonicalJson.encode(m);
  }

  private static Map<String, Object> base(long seq, long batch, Instant time, Sha256 prev, String type) {
    Map<String, Object> m = new TreeMap<>();
    m.put("batch", batch);
    m.put("prev", prev.hex());
    m.put("seq", seq);
    m.put("time", time(time));
    m.put("type", type);
    m.put("v", (long) VERSION);
    return m;
  }

  /**
   * Decodes an entry's bytes, which must be canonical.
   *
   * @throws IllegalArgumentException with a short reason
   */
  @SuppressWarnings("unchecked")
  static Entry decodeEntry(byte[] bytes) {
    Map<String, Object> m = CanonicalJson.requireCanonical(bytes);
    keys(m, ENTRY_KEYS, "entry");
    version(m);
    String type = string(m, "type");
    long seq = nonNegative(m, "seq");
    long batch = nonNegative(m, "batch");
    Instant time = parseTime(string(m, "time"));
    Sha256 prev = hash(m, "prev");
    switch (type) {
      case "claim" -> {
        if (m.containsKey("genesis")) {
          throw new IllegalArgumentException("a claim entry has a genesis field");
        }
        Object c = m.get("claim");
        if (!(c instanceof Map)) {
          throw new IllegalArgumentException("claim is missing or not an object");
        }
        Claim claim;
        try {
          claim = Claim.fromJson((Map<String, Object>) c);
        } catch (org.tailguard.spec.SpecException e) {
          throw new IllegalArgumentException("invalid claim: " + e.getMessage(), e);
        }
        if (!claim.toJson().equals(c)) { // e.g. a bare IPTC term where the writer puts the full URI
          throw new IllegalArgumentException("claim is not in its normal form");
        }
        return new Entry(seq, batch, time, prev, claim, null);
      }
      case "genesis" -> {
        if (m.containsKey("claim")) {
          throw new IllegalArgumentException("a genesis entry has a claim field");
        }
        Object g = m.get("genesis");
        if (!(g instanceof Map)) {
          throw new IllegalArgumentException("genesis is missing or not an object");
        }
        Map<String, Object> gm = (Map<String, Object>) g;
        keys(gm, GENESIS_KEYS, "genesis");
        KeyAlgorithm alg;
        try {
          alg = KeyAlgorithm.parse("algorithm", string(gm, "algorithm"));
        } catch (org.tailguard.spec.SpecException e) {
          throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new Entry(seq, batch, time, prev, null, new Genesis(string(gm, "ledger"), alg, string(gm, "publicKey")));
      }
      default -> throw new IllegalArgumentException("unknown entry type '" + type + "'");
    }
  }

  /**
   * Decodes a manifest's bytes, which must be canonical.
   *
   * @throws IllegalArgumentException with a short reason
   */
  static Manifest decodeManifest(byte[] bytes) {
    Map<String, Object> m = CanonicalJson.requireCanonical(bytes);
    keys(m, MANIFEST_KEYS, "manifest");
    version(m);
    if (!"manifest".equals(m.get("type"))) {
      throw new IllegalArgumentException("type is not 'manifest'");
    }
    KeyAlgorithm alg;
    try {
      alg = KeyAlgorithm.parse("algorithm", string(m, "algorithm"));
    } catch (org.tailguard.spec.SpecException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    long count = nonNegative(m, "count");
    if (count < 1 || count > Ledger.MAX_BATCH_SIZE) {
      throw new IllegalArgumentException("count must be 1.." + Ledger.MAX_BATCH_SIZE + ", got " + count);
    }
    return new Manifest(nonNegative(m, "batch"), nonNegative(m, "firstSeq"), count, hash(m, "merkleRoot"),
        hash(m, "prevManifest"), parseTime(string(m, "time")), string(m, "ledger"), alg, hash(m, "key"));
  }

  private static void keys(Map<String, Object> m, Set<String> allowed, String what) {
    for (String k : m.keySet()) {
      if (!allowed.contains(k)) {
        throw new IllegalArgumentException(what + " has an unknown field '" + k + "'");
      }
    }
  }

  private static void version(Map<String, Object> m) {
    Object v = m.get("v");
    if (!(v instanceof Long l)) {
      throw new IllegalArgumentException("format version 'v' is missing");
    }
    if (l != VERSION) {
      throw new IllegalArgumentException("format version " + l + " is not supported (this Tailguard reads " + VERSION
          + ")");
    }
  }

  private static String string(Map<String, Object> m, String key) {
    if (!(m.get(key) instanceof String s)) {
      throw new IllegalArgumentException("'" + key + "' is missing or not a string");
    }
    return s;
  }

  private static long nonNegative(Map<String, Object> m, String key) {
    if (!(m.get(key) instanceof Long l) || l < 0) {
      throw new IllegalArgumentException("'" + key + "' is missing or not a non-negative integer");
    }
    return l;
  }

  private static Sha256 hash(Map<String, Object> m, String key) {
    String s = string(m, key);
    if (s.length() != 64 || !Sha256.isLowerHex(s)) {
      throw new IllegalArgumentException("'" + key + "' is not a lowercase SHA-256 hex digest");
    }
    return new Sha256(s);
  }

  private static Instant parseTime(String s) {
    try {
      Instant t = Instant.from(TIME.parse(s));
      if (!time(t).equals(s)) {
        throw new IllegalArgumentException("time '" + s + "' is not in the form uuuu-MM-ddTHH:mm:ss.SSSZ");
      }
      return t;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("time '" + s + "' is not in the form uuuu-MM-ddTHH:mm:ss.SSSZ", e);
    }
  }
}
