package org.tailguard.provenance;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.tailguard.spec.SpecException;

/**
 * Whether data may be used for training, per use, with the reason: the keys and values of the C2PA/CAWG
 * training-and-data-mining assertion (CAWG 1.0: {@code data_mining}, {@code ai_training},
 * {@code ai_generative_training}, {@code ai_inference}, each {@code allowed}, {@code notAllowed} or
 * {@code constrained}), plus {@code unknown} for data whose terms were never stated.
 *
 * <p>A use that is not listed is unknown. A reason is required whenever some use is not allowed or is
 * constrained, so that an exclusion can be explained.
 */
public record TrainingPermissions(Map<Use, Permission> permissions, String reason) {
  /** The uses CAWG names. */
  public enum Use {
    DATA_MINING, AI_TRAINING, AI_GENERATIVE_TRAINING, AI_INFERENCE;

    /** The snake-case key used in canonical JSON, as in CAWG. */
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Use parse(String field, String value) {
      for (Use u : values()) {
        if (u.json().equals(value)) {
          return u;
        }
      }
      throw new SpecException(field, "unknown use '" + value
          + "'; expected data_mining, ai_training, ai_generative_training or ai_inference");
    }
  }

  /** A use's permission. */
  public enum Permission {
    ALLOWED("allowed"), NOT_ALLOWED("notAllowed"), CONSTRAINED("constrained"), UNKNOWN("unknown");

    private final String json;

    Permission(String json) {
      this.json = json;
    }

    public String json() {
      return json;
    }

    static Permission parse(String field, String value) {
      for (Permission p : values()) {
        if (p.json.equals(value)) {
          return p;
        }
      }
      throw new SpecException(field, "must be allowed, notAllowed, constrained or unknown; got '" + value + "'");
    }
  }

  /** Nothing stated. */
  public static final TrainingPermissions UNKNOWN = new TrainingPermissions(Map.of(), null);

  public TrainingPermissions {
    EnumMap<Use, Permission> m = new EnumMap<>(Use.class);
    if (permissions != null) {
      for (Map.Entry<Use, Permission> e : permissions.entrySet()) {
        if (e.getKey() == null || e.getValue() == null) {
          throw new SpecException("training.permissions", "uses and permissions must not be null");
        }
        if (e.getValue() != Permission.UNKNOWN) {
          m.put(e.getKey(), e.getValue());
        }
      }
    }
    permissions = Map.copyOf(m);
    if (reason != null && reason.isBlank()) {
      reason = null;
    }
    if (reason != null && reason.length() > 2000) {
      throw new SpecException("training.reason", "must be at most 2000 characters, got " + reason.length());
    }
    boolean restricted = permissions.values().stream()
        .anyMatch(p -> p == Permission.NOT_ALLOWED || p == Permission.CONSTRAINED);
    if (restricted && reason == null) {
      throw new SpecException("training.reason", "is required when a use is notAllowed or constrained");
    }
  }

  /** The same permission for every use. */
  public static TrainingPermissions all(Permission p, String reason) {
    EnumMap<Use, Permission> m = new EnumMap<>(Use.class);
    for (Use u : Use.values()) {
      m.put(u, p);
    }
    return new TrainingPermissions(m, reason);
  }

  /** A use's permission, {@link Permission#UNKNOWN} if not stated. */
  public Permission get(Use use) {
    return permissions.getOrDefault(use, Permission.UNKNOWN);
  }

  /** This with one use's permission replaced. */
  public TrainingPermissions with(Use use, Permission p, String why) {
    EnumMap<Use, Permission> m = new EnumMap<>(Use.class);
    m.putAll(permissions);
    m.put(use, p);
    return new TrainingPermissions(m, why != null ? why : reason);
  }

  Map<String, Object> toJson() {
    Map<String, Object> perms = new java.util.TreeMap<>();
    permissions.forEach((u, p) -> perms.put(u.json(), p.json()));
    Map<String, Object> m = new java.util.TreeMap<>();
    if (!perms.isEmpty()) {
      m.put("permissions", perms);
    }
    if (reason != null) {
      m.put("reason", reason);
    }
    return m;
  }

  boolean isEmpty() {
    return permissions.isEmpty() && reason == null;
  }
}
