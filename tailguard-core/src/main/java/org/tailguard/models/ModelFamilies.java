package org.tailguard.models;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.tailguard.spec.ModelSpec;
import org.tailguard.spec.SpecLoader;

/** The model families found on the class path, and a spec loader that knows them. */
public final class ModelFamilies {
  private final List<FamilyProvider> providers;

  private ModelFamilies(List<FamilyProvider> providers) {
    this.providers = providers;
  }

  /** The families registered through {@link java.util.ServiceLoader}. */
  public static ModelFamilies discover() {
    List<FamilyProvider> found = ServiceLoader.load(FamilyProvider.class).stream()
        .map(ServiceLoader.Provider::get).sorted(Comparator.comparing(FamilyProvider::family)).toList();
    return new ModelFamilies(found);
  }

  public List<FamilyProvider> providers() {
    return providers;
  }

  /** A YAML spec loader that accepts these families. */
  public SpecLoader specLoader() {
    return new SpecLoader(providers);
  }

  /** Builds the family a model spec describes. */
  public ModelFamily<?, ?> create(ModelSpec spec) {
    for (FamilyProvider p : providers) {
      if (p.specClass().isInstance(spec)) {
        return p.create(spec);
      }
    }
    throw new IllegalArgumentException("no family registered for " + spec.getClass().getName());
  }
}
