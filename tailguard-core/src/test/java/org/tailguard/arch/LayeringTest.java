package org.tailguard.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Data flows one way: models feed the simulator, the simulator feeds metrics; no package reaches back up.
 *
 * <p>{@code metrics} is pure formulas; {@code models} may use metrics, specs and random streams but not
 * the simulator; {@code spec} and {@code random} are leaves.
 */
class LayeringTest {
  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.tailguard");
  }

  @Test
  void metrics_isPureFormulas() {
    noClasses().that().resideInAPackage("org.tailguard.metrics..")
        .should().dependOnClassesThat().resideInAnyPackage("org.tailguard.models..", "org.tailguard.sim..",
            "org.tailguard.spec..", "org.tailguard.store..", "org.tailguard.report..")
        .check(core);
  }

  @Test
  void models_doNotReachTheSimulator() {
    noClasses().that().resideInAPackage("org.tailguard.models..")
        .should().dependOnClassesThat().resideInAnyPackage("org.tailguard.sim..", "org.tailguard.store..",
            "org.tailguard.report..")
        .check(core);
  }

  @Test
  void specAndRandom_areLeaves() {
    noClasses().that().resideInAnyPackage("org.tailguard.spec..", "org.tailguard.random..")
        .should().dependOnClassesThat().resideInAnyPackage("org.tailguard.models..", "org.tailguard.sim..",
            "org.tailguard.metrics..")
        .check(core);
  }

  @Test
  void simulator_doesNotReachStoreOrReports() {
    noClasses().that().resideInAPackage("org.tailguard.sim..")
        .should().dependOnClassesThat().resideInAnyPackage("org.tailguard.store..", "org.tailguard.report..")
        .check(core);
  }
}
