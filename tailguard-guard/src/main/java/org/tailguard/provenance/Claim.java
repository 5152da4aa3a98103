package org.tailguard.provenance;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tailguard.spec.Check;
import org.tailguard.spec.SpecException;

/**
 * A provenance claim about one entity, modelled on a C2PA claim and its assertions and on the Data
 * Provenance Initiative's fields: what the entity is and where its bytes are ({@code sha256}), where it
 * came from ({@code source}, {@code licence}, {@code tier}), whether a model made it
 * ({@code digitalSourceType} from the IPTC vocabulary, {@code generator}), what it was derived from
 * ({@code derivedFrom} links: the lineage graph) and whether it may be trained on ({@code training},
 * CAWG's training-and-data-mining keys).
 *
 * <p>Validated on construction; a violation is a one-line {@link SpecException} naming the field, such as
 * {@code claim.tier: must be 1 (verified human / pre-2022 archive), 2 (authenticated human) or 3 (unverified
 * web), got 4}. Rules: {@code id} is 1–256 printable characters without spaces; {@code sha256} is required
 * except for a run; {@code source} and {@code licence} are required; data (document, file, dataset) must give
 * {@code tier} and {@code digitalSourceType}; a synthetic source type requires a {@code generator} and any
 * other forbids one; links may not point at the claim itself or repeat; {@code trainedOn} is only for a model
 * or a run. Nullable components ({@code sha256}, {@code tier}, {@code sourceType}, {@code generator},
 * {@code location}) are null when absent.
 *
 * <p>JSON form (keys in canonical order; {@code synthetic} is derived from the source type and written for
 * readers that do not know the IPTC terms):
 * <pre>{@code
 * {"derivedFrom":[{"relation":"generatedBy","target":"model:kn3-gen2"}],
 *  "digitalSourceType":"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia",
 *  "generator":"tailguard kn3 generation 2","id":"doc:gen3-000017","kind":"document","licence":"CC-BY-SA-4.0",
 *  "sha256":"9f86…","source":"tailguard lab run 20261122-01","synthetic":true,"tier":3,
 *  "training":{"permissions":{"ai_training":"allowed"},"reason":"our own model's output"}}
 * }</pre>
 */
public record Claim(
    String id,
    EntityKind kind,
    Sha256 sha256,
    String source,
    String licence,
    Tier tier,
    SourceType sourceType,
    String generator,
    List<Link> derivedFrom,
    TrainingPermissions training,
    String location,
    Map<String, String> attributes) {

  /** Keys a claim's JSON may have. */
  private static final Set<String> KEYS = Set.of("id", "kind", "sha256", "source", "licence", "tier",
      "digitalSourceType", "synthetic", "generator", "derivedFrom", "training", "location", "attributes");

  public Claim {
    checkId("claim.id", id);
    Check.required("claim.kind", kind);
    if (sha256 == null && kind != EntityKind.RUN) {
      throw new SpecException("claim.sha256", "is required for a " + kind.json() + " (its content address)");
    }
    source = text("claim.source", source, 1000, true);
    licence = text("claim.licence", licence, 200, true);
    if (kind.isData() && tier == null) {
      throw new SpecException("claim.tier", "is required for a " + kind.json() + " (1, 2 or 3)");
    }
    if (kind.isData() && sourceType == null) {
      throw new SpecException("claim.digitalSourceType", "is required for a " + kind.json()
          + " (an IPTC digital source type such as digitalCreation or trainedAlgorithmicMedia)");
    }
    generator = text("claim.generator", generator, 500, false);
    boolean synthetic = sourceType != null && sourceType.synthetic();
    if (synthetic && generator == null) {
      throw new SpecException("claim.generator", "is required when digitalSourceType is synthetic ("
          + sourceType.term() + "): name the model or program that made it");
    }
    if (!synthetic && generator != null) {
      throw new SpecException("claim.generator", "is only allowed for synthetic content, but digitalSourceType is "
          + (sourceType == null ? "absent" : sourceType.term()));
    }
    derivedFrom = List.copyOf(derivedFrom == null ? List.of() : derivedFrom);
    Set<Link> seen = new HashSet<>();
    for (int i = 0; i < derivedFrom.size(); i++) {
      Link l = derivedFrom.get(i);
      String f = "claim.derivedFrom[" + i + "]";
      if (l == null) {
        throw new SpecException(f, "must not be null");
      }
      if (l.target().equals(id)) {
        throw new SpecException(f + ".target", "a claim cannot link to itself ('" + id + "')");
      }
      if (!seen.add(l)) {
        throw new SpecException(f, "repeats the link " + l.relation().json() + " " + l.target());
      }
      if (l.relation() == Relation.TRAINED_ON && kind != EntityKind.MODEL && kind != EntityKind.RUN) {
        throw new SpecException(f + ".relation", "trainedOn is only for a model or a run, this claim is a "
            + kind.json());
      }
    }
    training = training == null ? TrainingPermissions.UNKNOWN : training;
    location = text("claim.location", location, 4000, false);
    TreeMap<String, String> attrs = new TreeMap<>();
    if (attributes != null) {
      if (attributes.size() > 64) {
        throw new SpecException("claim.attributes", "at most 64 attributes, got " + attributes.size());
      }
      for (Map.Entry<String, String> e : attributes.entrySet()) {
        String k = e.getKey();
        if (k == null || !k.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")) {
          throw new SpecException("claim.attributes", "keys must be 1-64 letters, digits, '.', '_', ':' or '-', got '"
              + k + "'");
        }
        attrs.put(k, text("claim.attributes." + k, e.getValue(), 2000, true));
      }
    }
    attributes = java.util.Collections.unmodifiableMap(attrs);
  }

  /** Whether the content is declared synthetic (its digital source type is algorithmic). */
  public boolean synthetic() {
    return sourceType != null && sourceType.synthetic();
  }

  /** A builder for a claim about an entity. */
  public static Builder builder(EntityKind kind, String id) {
    return new Builder(kind, id);
  }

  /** A builder holding this claim's values, to amend one field. */
  public Builder toBuilder() {
    Builder b = new Builder(kind, id);
    b.sha256 = sha256;
    b.source = source;
    b.licence = licence;
    b.tier = tier;
    b.sourceType = sourceType;
    b.generator = generator;
    b.links.addAll(derivedFrom);
    b.training = training;
    b.location = location;
    b.attributes.putAll(attributes);
    return b;
  }

  // ---------------------------------------------------------------- JSON

  /** The claim as a JSON object for {@link CanonicalJson}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new TreeMap<>();
    m.put("id", id);
    m.put("kind", kind.json());
    if (sha256 != null) {
      m.put("sha256", sha256.hex());
    }
    m.put("source", source);
    m.put("licence", licence);
    if (tier != null) {
      m.put("tier", (long) tier.number());
    }
    if (sourceType != null) {
      m.put("digitalSourceType", sourceType.uri());
      m.put("synthetic", sourceType.synthetic());
    }
    if (generator != null) {
      m.put("generator", generator);
    }
    if (!derivedFrom.isEmpty()) {
      List<Object> links = new ArrayList<>(derivedFrom.size());
      for (Link l : derivedFrom) {
        links.add(Map.of("relation", l.relation().json(), "target", l.target()));
      }
      m.put("derivedFrom", links);
    }
    if (!training.isEmpty()) {
      m.put("training", training.toJson());
    }
    if (location != null) {
      m.put("location", location);
    }
    if (!attributes.isEmpty()) {
      m.put("attributes", new TreeMap<>(attributes));
    }
    return m;
  }

  /** The claim's canonical JSON text. */
  public String toCanonicalJson() {
    return CanonicalJson.encodeToString(toJson());
  }

  /**
   * Reads a claim from JSON in any key order and spacing; {@code digitalSourceType} may be a full IPTC URI or
   * a bare term, and {@code synthetic}, if given, must agree with it.
   *
   * @throws SpecException naming the field, for malformed JSON, an unknown key or an invalid value
   */
  public static Claim parseJson(String json) {
    Map<String, Object> m;
    try {
      m = CanonicalJson.parseObject(json.getBytes(StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new SpecException("claim", "not a JSON object of strings, integers, booleans, arrays and objects: "
          + e.getMessage());
    }
    return fromJson(m);
  }

  /** Reads a claim from a parsed JSON object (see {@link #parseJson}). */
  public static Claim fromJson(Map<String, Object> m) {
    for (String k : m.keySet()) {
      if (!KEYS.contains(k)) {
        throw new SpecException("claim." + k, "unknown field; expected one of " + new java.util.TreeSet<>(KEYS));
      }
    }
    EntityKind kind = EntityKind.parse("claim.kind", str(m, "kind", true));
    String hash = str(m, "sha256", false);
    Builder b = builder(kind, str(m, "id", true))
        .sha256(hash == null ? null : Sha256.parse("claim.sha256", hash))
        .source(str(m, "source", true))
        .licence(str(m, "licence", true))
        .generator(str(m, "generator", false))
        .location(str(m, "location", false));
    Object tier = m.get("tier");
    if (tier != null) {
      if (!(tier instanceof Long t)) {
        throw new SpecException("claim.tier", "must be the integer 1, 2 or 3, got " + tier);
      }
      b.tier(Tier.of("claim.tier", t));
    }
    String type = str(m, "digitalSourceType", false);
    if (type != null) {
      b.sourceType(SourceType.parse("claim.digitalSourceType", type));
    }
    Object synthetic = m.get("synthetic");
    if (synthetic != null) {
      if (!(synthetic instanceof Boolean s)) {
        throw new SpecException("claim.synthetic", "must be true or false, got " + synthetic);
      }
      if (b.sourceType == null || b.sourceType.synthetic() != s) {
        throw new SpecException("claim.synthetic", "is " + s + " but digitalSourceType is "
            + (b.sourceType == null ? "absent" : b.sourceType.term()) + "; it follows from digitalSourceType");
      }
    }
    Object links = m.get("derivedFrom");
    if (links != null) {
      if (!(links instanceof List<?> list)) {
        throw new SpecException("claim.derivedFrom", "must be an array of {relation, target} objects");
      }
      for (int i = 0; i < list.size(); i++) {
        String f = "claim.derivedFrom[" + i + "]";
        if (!(list.get(i) instanceof Map<?, ?> lm)) {
          throw new SpecException(f, "must be an object {relation, target}");
        }
        for (Object k : lm.keySet()) {
          if (!"relation".equals(k) && !"target".equals(k)) {
            throw new SpecException(f + "." + k, "unknown field; expected relation and target");
          }
        }
        Relation rel = Relation.parse(f + ".relation", asString(f + ".relation", lm.get("relation")));
        String target = asString(f + ".target", lm.get("target"));
        checkId(f + ".target", target);
        b.link(rel, target);
      }
    }
    Object training = m.get("training");
    if (training != null) {
      b.training(trainingFromJson(training));
    }
    Object attrs = m.get("attributes");
    if (attrs != null) {
      if (!(attrs instanceof Map<?, ?> am)) {
        throw new SpecException("claim.attributes", "must be an object of strings");
      }
      for (Map.Entry<?, ?> e : am.entrySet()) {
        b.attribute((String) e.getKey(), asString("claim.attributes." + e.getKey(), e.getValue()));
      }
    }
    return b.build();
  }

  /**
   * Reads claims from a JSON Lines file, one claim per non-blank line, validating all of them.
   *
   * @throws LedgerException if the file cannot be read
   * @throws SpecException whose message starts with {@code FILE:LINE:} on the first invalid claim
   */
  public static List<Claim> readJsonl(Path file) {
    List<Claim> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int n = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(parseJson(line));
        } catch (SpecException e) {
          throw new SpecException(file + ":" + n + ": " + e.getMessage());
        }
      }
    } catch (NoSuchFileException e) {
      throw new LedgerException(file + ": no such claims file");
    } catch (IOException e) {
      throw new LedgerException(file + ": cannot read claims: " + e.getMessage(), e);
    }
    return out;
  }

  private static TrainingPermissions trainingFromJson(Object v) {
    if (!(v instanceof Map<?, ?> tm)) {
      throw new SpecException("claim.training", "must be an object {permissions, reason}");
    }
    EnumMap<TrainingPermissions.Use, TrainingPermissions.Permission> perms =
        new EnumMap<>(TrainingPermissions.Use.class);
    String reason = null;
    for (Map.Entry<?, ?> e : tm.entrySet()) {
      String k = (String) e.getKey();
      switch (k) {
        case "reason" -> reason = asString("claim.training.reason", e.getValue());
        case "permissions" -> {
          if (!(e.getValue() instanceof Map<?, ?> pm)) {
            throw new SpecException("claim.training.permissions", "must be an object such as {\"ai_training\":\"allowed\"}");
          }
          for (Map.Entry<?, ?> pe : pm.entrySet()) {
            String f = "claim.training.permissions." + pe.getKey();
            perms.put(TrainingPermissions.Use.parse(f, (String) pe.getKey()),
                TrainingPermissions.Permission.parse(f, asString(f, pe.getValue())));
          }
        }
        default -> throw new SpecException("claim.training." + k, "unknown field; expected permissions and reason");
      }
    }
    try {
      return new TrainingPermissions(perms, reason);
    } catch (SpecException e) {
      throw new SpecException("claim." + e.getMessage());
    }
  }

  private static String str(Map<String, Object> m, String key, boolean required) {
    Object v = m.get(key);
    if (v == null) {
      if (required) {
        throw new SpecException("claim." + key, "is required");
      }
      return null;
    }
    return asString("claim." + key, v);
  }

  private static String asString(String field, Object v) {
    if (!(v instanceof String s)) {
      throw new SpecException(field, "must be a string, got " + v);
    }
    return s;
  }

  // ---------------------------------------------------------------- validation

  /** Checks an entity id: 1–256 characters, none of them whitespace or control characters. */
  static String checkId(String field, String id) {
    Check.required(field, id);
    if (id.isEmpty() || id.length() > 256) {
      throw new SpecException(field, "must be 1-256 characters, got " + id.length());
    }
    boolean ok = id.codePoints().noneMatch(cp -> Character.isWhitespace(cp) || Character.isISOControl(cp)
        || Character.getType(cp) == Character.SURROGATE);
    if (!ok) {
      throw new SpecException(field, "must not contain spaces, control characters or lone surrogates, got '" + id + "'");
    }
    return id;
  }

  private static String text(String field, String v, int max, boolean required) {
    if (v == null || v.isBlank()) {
      if (required) {
        throw new SpecException(field, "is required (use 'unknown' if it is not known)");
      }
      return null;
    }
    if (v.length() > max) {
      throw new SpecException(field, "must be at most " + max + " characters, got " + v.length());
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isISOControl(c)) {
        throw new SpecException(field, "must not contain control characters (such as a newline)");
      }
      if (Character.isHighSurrogate(c) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new SpecException(field, "contains a lone UTF-16 surrogate");
      }
    }
    return v;
  }

  /** Builds a {@link Claim}; {@link #build} validates. */
  public static final class Builder {
    private final EntityKind kind;
    private final String id;
    private Sha256 sha256;
    private String source;
    private String licence;
    private Tier tier;
    private SourceType sourceType;
    private String generator;
    private final List<Link> links = new ArrayList<>();
    private TrainingPermissions training = TrainingPermissions.UNKNOWN;
    private String location;
    private final Map<String, String> attributes = new TreeMap<>();

    private Builder(EntityKind kind, String id) {
      this.kind = kind;
      this.id = id;
    }

    public Builder sha256(Sha256 v) {
      this.sha256 = v;
      return this;
    }

    public Builder source(String v) {
      this.source = v;
      return this;
    }

    public Builder licence(String v) {
      this.licence = v;
      return this;
    }

    public Builder tier(Tier v) {
      this.tier = v;
      return this;
    }

    public Builder sourceType(SourceType v) {
      this.sourceType = v;
      return this;
    }

    public Builder generator(String v) {
      this.generator = v;
      return this;
    }

    /** Sets the source type to {@link SourceType#TRAINED_ALGORITHMIC_MEDIA} and names the generator. */
    public Builder generatedBy(String generatorName) {
      this.sourceType = SourceType.TRAINED_ALGORITHMIC_MEDIA;
      this.generator = generatorName;
      return this;
    }

    public Builder link(Relation relation, String target) {
      links.add(new Link(relation, target));
      return this;
    }

    public Builder training(TrainingPermissions v) {
      this.training = v;
      return this;
    }

    public Builder location(String v) {
      this.location = v;
      return this;
    }

    public Builder attribute(String key, String value) {
      attributes.put(key, value);
      return this;
    }

    /** A copy of this builder for another entity of the same kind (links and sha256 are not copied). */
    public Builder forEntity(EntityKind k, String otherId) {
      Builder b = new Builder(k, otherId);
      b.source = source;
      b.licence = licence;
      b.tier = tier;
      b.sourceType = sourceType;
      b.generator = generator;
      b.training = training;
      b.attributes.putAll(attributes);
      return b;
    }

    List<Link> links() {
      return List.copyOf(links);
    }

    /** Validates and builds. */
    public Claim build() {
      return new Claim(id, kind, sha256, source, licence, tier, sourceType, generator, links, training, location,
          attributes);
    }
  }
}
