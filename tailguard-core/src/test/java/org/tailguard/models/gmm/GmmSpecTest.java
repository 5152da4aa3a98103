package org.tailguard.models.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tailguard.models.ModelFamilies;
import org.tailguard.spec.ExperimentSpec;
import org.tailguard.spec.SpecException;
import org.tailguard.spec.SpecLoader;

class GmmSpecTest {
  private static final SpecLoader LOADER = ModelFamilies.discover().specLoader();

  private static ExperimentSpec parse(String model) {
    return LOADER.parse("""
        name: t
        generations: 3
        model: %s
        workflow: {type: replace, samples: 100}
        """.formatted(model), "t.yaml");
  }

  private static String error(String model) {
    return assertThrows(SpecException.class, () -> parse(model)).getMessage();
  }

  @Test
  void loader_knowsGmmAndKde() {
    assertTrue(LOADER.families().containsAll(java.util.List.of("gmm", "kde")), LOADER.families().toString());
  }

  @Test
  void parse_defaultsToShumailovSetting() {
    GmmSpec s = assertInstanceOf(GmmSpec.class, parse("{family: gmm}").model());
    assertEquals(GmmSpec.shumailov(), s);
    assertEquals(2, s.components());
    assertEquals(1e-5, s.tol());
    assertEquals(2000, s.maxIter());
    assertEquals(1e-6, s.regCovar());
    assertEquals(2, s.truth().dim());
  }

  @Test
  void parse_gridShortcutAndExplicitComponents() {
    GmmSpec grid = (GmmSpec) parse("{family: gmm, components: 25, truth: {grid: 5, variance: 0.0025}}").model();
    assertEquals(25, grid.truth().toMixture().size());
    assertEquals(2.0, grid.truth().spacing());
    GmmSpec full = (GmmSpec) parse("""
        {family: gmm, truth: {components: [
            {weight: 0.25, mean: [0, 0, 1], variance: 2},
            {weight: 0.75, mean: [1, 2, 3], covariance: [[1, 0.5, 0], [0.5, 1, 0], [0, 0, 2]]}]}}""").model();
    assertEquals(3, full.truth().dim());
    assertEquals(0.5, full.truth().toMixture().covariances()[1][1]);
    assertEquals(2.0, full.truth().toMixture().covariances()[0][8]);
  }

  @Test
  void parse_omittedWeights_areEqual() {
    GmmSpec s = (GmmSpec) parse("{family: gmm, truth: {components: [{mean: [0], variance: 1}, "
        + "{mean: [3], variance: 1}, {mean: [6], variance: 1}]}}").model();
    assertEquals(1.0 / 3, s.truth().toMixture().weights()[2], 1e-15);
  }

  @Test
  void canonicalJson_roundTrips() {
    ExperimentSpec s = parse("{family: gmm, components: 25, truth: {grid: 5}}");
    assertEquals(s, LOADER.fromCanonicalJson(LOADER.toCanonicalJson(s)));
    ExperimentSpec t = parse("{family: gmm, truth: {components: [{weight: 1, mean: [0, 1], "
        + "covariance: [[1, 0.2], [0.2, 1]]}]}}");
    assertEquals(t, LOADER.fromCanonicalJson(LOADER.toCanonicalJson(t)));
  }

  @Test
  void fit_fewerSamplesThanComponents_namesTheField() {
    GmmFamily f = new GmmFamily(GmmSpec.of(25, MixtureTruthSpec.grid(5, 2, 0.0025)));
    SpecException e = assertThrows(SpecException.class,
        () -> f.fit(f.real(10, org.tailguard.random.RandomStreams.of(1)), org.tailguard.random.RandomStreams.of(2)));
    assertEquals("model.components", e.field());
  }

  @Test
  void invalidSpecs_nameTheField() {
    assertTrue(error("{family: gmm, components: 0}").contains("model.components: must be at least 1, got 0"));
    assertTrue(error("{family: gmm, truth: {components: [{weight: 0.5, mean: [0], variance: 1}, "
        + "{weight: 0.4, mean: [1], variance: 1}]}}")
        .contains("model.truth.components: weights must sum to 1 (within 1e-9), got 0.9"));
    assertTrue(error("{family: gmm, truth: {components: [{weight: 1.5, mean: [0], variance: 1}, "
        + "{weight: -0.5, mean: [1], variance: 1}]}}")
        .contains("model.truth.components[1].weight: must be positive, got -0.5"));
    assertTrue(error("{family: gmm, truth: {components: [{weight: 1, mean: [0], variance: 1}, {mean: [1], "
        + "variance: 1}]}}").contains("give a weight on every component or on none"));
    assertTrue(error("{family: gmm, truth: {components: [{mean: [0, 0], variance: 1}, {mean: [1, 2, 3], "
        + "variance: 1}]}}").contains("model.truth.components[1].mean: has 3 coordinates, but components[0] has 2"));
    assertTrue(error("{family: gmm, truth: {components: [{mean: [0], variance: 1, covariance: [[1]]}]}}")
        .contains("model.truth.components[0]: give exactly one of variance"));
    assertTrue(error("{family: gmm, truth: {components: [{mean: [0, 0], covariance: [[1, 0.5], [0.4, 1]]}]}}")
        .contains("model.truth.components[0].covariance: must be symmetric"));
    assertTrue(error("{family: gmm, truth: {components: [{mean: [0, 0], covariance: [[1, 2], [2, 1]]}]}}")
        .contains("model.truth.components[0].covariance: must be positive definite"));
    assertTrue(error("{family: gmm, truth: {components: [{mean: [0, 0], covariance: [[1, 0]]}]}}")
        .contains("model.truth.components[0].covariance: must have 2 rows"));
    assertTrue(error("{family: gmm, truth: {components: []}}")
        .contains("model.truth.components: must list at least 1 component"));
    assertTrue(error("{family: gmm, truth: {grid: 5, components: [{mean: [0], variance: 1}]}}")
        .contains("model.truth: give exactly one of components"));
    assertTrue(error("{family: gmm, truth: {grid: 0}}").contains("model.truth.grid: must be at least 1, got 0"));
    assertTrue(error("{family: gmm, truth: {grid: 5, spacing: -1}}")
        .contains("model.truth.spacing: must be positive, got -1.0"));
    assertTrue(error("{family: gmm, truth: {components: [{mean: [0], variance: 1}], spacing: 2}}")
        .contains("model.truth.spacing: is not allowed here"));
    assertTrue(error("{family: gmm, reg_covar: -1e-6}").contains("model.reg_covar: must be at least 0"));
    assertTrue(error("{family: gmm, max_iter: 0}").contains("model.max_iter: must be at least 1, got 0"));
    assertTrue(error("{family: gmm, n_components: 2}").contains("unknown field"));
  }

  @Test
  void tooFewTrainingSamplesForTheComponents_isRejectedAtLoadTime() {
    String m = assertThrows(SpecException.class, () -> LOADER.parse("""
        name: t
        generations: 3
        model: {family: gmm, components: 25}
        workflow: {type: fresh, samples: 100, fresh_real: 10, synthetic: 10}
        """, "t.yaml")).getMessage();
    org.junit.jupiter.api.Assertions.assertEquals("t.yaml:4: workflow.samples: 25 components (model.components) need "
        + "at least 25 training samples per generation; this workflow trains on as few as 20", m);
  }
}
