package org.tailguard.models.categorical;

import org.tailguard.models.FamilyProvider;
import org.tailguard.models.ModelFamily;
import org.tailguard.spec.ModelSpec;

/** Registers the {@code categorical} family. */
public final class CategoricalProvider implements FamilyProvider {
  @Override
  public String family() {
    return "categorical";
  }

  @Override
  public ModelSpec example() {
    return CategoricalSpec.zipf(1000, 1.2);
  }

  @Override
  public Class<? extends ModelSpec> specClass() {
    return CategoricalSpec.class;
  }

  @Override
  public ModelFamily<?, ?> create(ModelSpec spec) {
    return new CategoricalFamily((CategoricalSpec) spec);
  }
}
