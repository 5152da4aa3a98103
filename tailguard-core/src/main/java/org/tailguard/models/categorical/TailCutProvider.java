package org.tailguard.models.categorical;

import org.tailguard.models.FamilyProvider;
import org.tailguard.models.ModelFamily;
import org.tailguard.spec.ModelSpec;

/** Registers the {@code tail-cut} family (Dohmatob et al., ICML 2024), built on the categorical machinery. */
public final class TailCutProvider implements FamilyProvider {
  @Override
  public String family() {
    return "tail-cut";
  }

  @Override
  public ModelSpec example() {
    return TailCutSpec.of(100_000, 1.5, 1000);
  }

  @Override
  public Class<? extends ModelSpec> specClass() {
    return TailCutSpec.class;
  }

  @Override
  public ModelFamily<?, ?> create(ModelSpec spec) {
    return new CategoricalFamily((TailCutSpec) spec);
  }
}
