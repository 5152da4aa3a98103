package org.tailguard.text.lab;

import org.tailguard.models.FamilyProvider;
import org.tailguard.models.ModelFamily;
import org.tailguard.spec.ModelSpec;

/** Registers the {@code ngram} family (interpolated modified Kneser–Ney on a bundled corpus). */
public final class NGramProvider implements FamilyProvider {
  @Override
  public String family() {
    return "ngram";
  }

  @Override
  public ModelSpec example() {
    return NGramSpec.on("sotu:train", 3);
  }

  @Override
  public Class<? extends ModelSpec> specClass() {
    return NGramSpec.class;
  }

  @Override
  public ModelFamily<?, ?> create(ModelSpec spec) {
    return new NGramFamily((NGramSpec) spec);
  }
}
