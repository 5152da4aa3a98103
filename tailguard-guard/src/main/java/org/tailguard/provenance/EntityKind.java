package org.tailguard.provenance;

import java.util.Locale;
import org.tailguard.spec.SpecException;

/**
 * What a ledger entity is: the node types of the lineage graph, after the Data Provenance Initiative's
 * distinction between documents, datasets ("Derived from Datasets") and models ("Model Generated"), with
 * files and runs added so that every output of a pipeline run can be recorded.
 */
public enum EntityKind {
  /** One text, addressed by the SHA-256 of its UTF-8 bytes. */
  DOCUMENT,
  /** One file: a corpus shard, a training set, a model file, a report. */
  FILE,
  /** A named collection of files or documents (its members link to it with {@code partOf}). */
  DATASET,
  /** A trained model (its file, if any, is a FILE that the model links to). */
  MODEL,
  /** A pipeline or training run; it need not have a content address. */
  RUN;

  /** The lowercase name used in canonical JSON. */
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether claims of this kind describe data, and so must give a tier and a digital source type. */
  public boolean isData() {
    return this == DOCUMENT || this == FILE || this == DATASET;
  }

  /** Parses the JSON name. */
  public static EntityKind parse(String field, String value) {
    for (EntityKind k : values()) {
      if (k.json().equals(value)) {
        return k;
      }
    }
    throw new SpecException(field, "must be one of document, file, dataset, model, run; got '" + value + "'");
  }
}
