package org.tailguard.spec;

/** Registers a model family's spec record under its YAML name (the value of {@code model.family}). */
public interface ModelSpecType {
  /** The family's name in specs, such as {@code gaussian}. */
  String family();

  /** The record that holds the family's parameters. */
  Class<? extends ModelSpec> specClass();
}
