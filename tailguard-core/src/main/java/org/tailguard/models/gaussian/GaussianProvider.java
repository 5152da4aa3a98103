package org.tailguard.models.gaussian;

import org.tailguard.models.FamilyProvider;
import org.tailguard.models.ModelFamily;
import org.tailguard.spec.ModelSpec;

/** Registers the {@code gaussian} family. */
public final class GaussianProvider implements FamilyProvider {
  @Override
  public String family() {
    return "gaussian";
  }

  @Override
  public ModelSpec example() {
    return GaussianSpec.standard(Estimator.UNBIASED);
  }

  @Override
  public Class<? extends ModelSpec> specClass() {
    return GaussianSpec.class;
  }

  @Override
  public ModelFamily<?, ?> create(ModelSpec spec) {
    return new GaussianFamily((GaussianSpec) spec);
  }
}
