package org.tailguard.models.regression;

import org.tailguard.models.FamilyProvider;
import org.tailguard.models.ModelFamily;
import org.tailguard.spec.ModelSpec;

/** Registers the {@code linear-regression} family (Gerstgrasser et al., arXiv 2404.01413). */
public final class LinearRegressionProvider implements FamilyProvider {
  @Override
  public String family() {
    return "linear-regression";
  }

  @Override
  public ModelSpec example() {
    return LinearRegressionSpec.standard(10);
  }

  @Override
  public Class<? extends ModelSpec> specClass() {
    return LinearRegressionSpec.class;
  }

  @Override
  public ModelFamily<?, ?> create(ModelSpec spec) {
    return new LinearRegressionFamily((LinearRegressionSpec) spec);
  }
}
