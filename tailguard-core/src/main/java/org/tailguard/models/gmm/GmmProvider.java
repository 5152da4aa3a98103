package org.tailguard.models.gmm;

import org.tailguard.models.FamilyProvider;
import org.tailguard.models.ModelFamily;
import org.tailguard.spec.ModelSpec;

/** Registers the {@code gmm} family. */
public final class GmmProvider implements FamilyProvider {
  @Override
  public String family() {
    return "gmm";
  }

  @Override
  public ModelSpec example() {
    return GmmSpec.shumailov();
  }

  @Override
  public Class<? extends ModelSpec> specClass() {
    return GmmSpec.class;
  }

  @Override
  public ModelFamily<?, ?> create(ModelSpec spec) {
    return new GmmFamily((GmmSpec) spec);
  }
}
