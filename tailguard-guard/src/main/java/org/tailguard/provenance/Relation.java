package org.tailguard.provenance;

import org.tailguard.spec.SpecException;

/**
 * The kind of a derived-from link, after W3C PROV-O ({@code prov:wasDerivedFrom}, {@code prov:wasGeneratedBy},
 * {@code prov:used}) and C2PA ingredients: a link always points from the newer entity to the one it came from
 * or belongs to, so walking links forward goes upstream towards sources.
 */
public enum Relation {
  /** Transformed, filtered or copied from the target (prov:wasDerivedFrom). */
  DERIVED_FROM("derivedFrom"),
  /** Produced by the target model or run (prov:wasGeneratedBy): which model generated which text. */
  GENERATED_BY("generatedBy"),
  /** A model or run that was trained on the target data (prov:used): which data trained which model. */
  TRAINED_ON("trainedOn"),
  /** A member of the target dataset (a file or document in a corpus or training set). */
  PART_OF("partOf");

  private final String json;

  Relation(String json) {
    this.json = json;
  }

  /** The camel-case name used in canonical JSON. */
  public String json() {
    return json;
  }

  /** Parses the JSON name. */
  public static Relation parse(String field, String value) {
    for (Relation r : values()) {
      if (r.json.equals(value)) {
        return r;
      }
    }
    throw new SpecException(field, "must be one of derivedFrom, generatedBy, trainedOn, partOf; got '" + value + "'");
  }
}
