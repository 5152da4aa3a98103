package org.tailguard.provenance;

import org.tailguard.spec.SpecException;

/**
 * How content came to be, in the IPTC Digital Source Type vocabulary that C2PA's {@code c2pa.actions}
 * assertion carries as {@code digitalSourceType}; {@code trainedAlgorithmicMedia} marks the output of a
 * trained model (C2PA 2.x; IPTC NewsCodes "digitalsourcetype").
 *
 * <p>The URIs are vocabulary identifiers, written into claims as they are and never fetched. Only the terms
 * that can describe text are listed. A claim whose type is {@linkplain #synthetic() synthetic} must name its
 * generator.
 */
public enum SourceType {
  /** Captured from real life by a device (e.g. a transcript of a recording). */
  DIGITAL_CAPTURE("digitalCapture", false),
  /** Digitised from a print (scanned books and archives). */
  PRINT("print", false),
  /** Created by a human with digital tools: typed human text. */
  DIGITAL_CREATION("digitalCreation", false),
  /** Human-made content with minor human edits. */
  MINOR_HUMAN_EDITS("minorHumanEdits", false),
  /** Human-made content augmented or corrected by humans with non-generative tools. */
  HUMAN_EDITS("humanEdits", false),
  /** Human-made content enhanced by a non-generative algorithm (e.g. spelling correction). */
  ALGORITHMICALLY_ENHANCED("algorithmicallyEnhanced", false),
  /** A representation of data made by human programming, such as templated text from a table. */
  DATA_DRIVEN_MEDIA("dataDrivenMedia", false),
  /** A composite of several captures, none synthetic. */
  COMPOSITE_CAPTURE("compositeCapture", false),
  /** Made purely by an algorithm not trained on sampled data. */
  ALGORITHMIC_MEDIA("algorithmicMedia", true),
  /** Made by a model trained on sampled content: the output of a generative model. */
  TRAINED_ALGORITHMIC_MEDIA("trainedAlgorithmicMedia", true),
  /** Human content combined with output of a trained model. */
  COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA("compositeWithTrainedAlgorithmicMedia", true),
  /** A composite of elements at least one of which is synthetic. */
  COMPOSITE_SYNTHETIC("compositeSynthetic", true);

  /** The IPTC vocabulary's namespace; a term's URI is this plus the term. */
  public static final String NAMESPACE = "http://cv.iptc.org/newscodes/digitalsourcetype/";

  private final String term;
  private final boolean synthetic;

  SourceType(String term, boolean synthetic) {
    this.term = term;
    this.synthetic = synthetic;
  }

  /** The IPTC term, such as {@code trainedAlgorithmicMedia}. */
  public String term() {
    return term;
  }

  /** The full vocabulary URI written into claims. */
  public String uri() {
    return NAMESPACE + term;
  }

  /** Whether content of this type was produced by an algorithm rather than a person. */
  public boolean synthetic() {
    return synthetic;
  }

  /** Parses a full URI or a bare term. */
  public static SourceType parse(String field, String value) {
    String term = value != null && value.startsWith(NAMESPACE) ? value.substring(NAMESPACE.length()) : value;
    for (SourceType t : values()) {
      if (t.term.equals(term)) {
        return t;
      }
    }
    throw new SpecException(field, "must be an IPTC digital source type such as " + NAMESPACE
        + "trainedAlgorithmicMedia or digitalCreation, got '" + value + "'");
  }
}
