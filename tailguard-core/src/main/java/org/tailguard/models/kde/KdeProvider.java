package org.tailguard.models.kde;

import org.tailguard.models.FamilyProvider;
import org.tailguard.models.ModelFamily;
import org.tailguard.spec.ModelSpec;

/** Registers the {@code kde} family. */
public final class KdeProvider implements FamilyProvider {
  @Override
  public String family() {
    return "kde";
  }

  @Override
  public ModelSpec example() {
    return KdeSpec.fixed(org.tailguard.models.gmm.MixtureTruthSpec.shumailov(), 0.5);
  }

  @Override
  public Class<? extends ModelSpec> specClass() {
    return KdeSpec.class;
  }

  @Override
  public ModelFamily<?, ?> create(ModelSpec spec) {
    return new KdeFamily((KdeSpec) spec);
  }
}
