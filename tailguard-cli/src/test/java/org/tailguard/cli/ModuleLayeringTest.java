package org.tailguard.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Data flows one way across the modules: core ← text ← guard; core ← store ← report; everything ← server ←
 * cli. The CLI sees every module, so the whole project's rule lives here (core's own rules are in core).
 */
class ModuleLayeringTest {
  private static JavaClasses all;

  @BeforeAll
  static void importAll() {
    all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.tailguard");
  }

  private static final String[] CORE = {"org.tailguard.random..", "org.tailguard.spec..", "org.tailguard.models..",
      "org.tailguard.metrics..", "org.tailguard.sim..", "org.tailguard.theory.."};
  private static final String[] GUARD = {"org.tailguard.provenance..", "org.tailguard.curate..", "org.tailguard.exec..",
      "org.tailguard.detect..", "org.tailguard.watermark.."};
  private static final String[] SERVER = {"org.tailguard.monitor..", "org.tailguard.server.."};

  @Test
  void core_dependsOnNoOtherModule() {
    noClasses().that().resideInAnyPackage(CORE).should().dependOnClassesThat().resideInAnyPackage(
        "org.tailguard.text..", "org.tailguard.store..", "org.tailguard.report..", "org.tailguard.bench..",
        "org.tailguard.cli..", "org.tailguard.provenance..", "org.tailguard.curate..", "org.tailguard.exec..",
        "org.tailguard.detect..", "org.tailguard.watermark..", "org.tailguard.monitor..", "org.tailguard.server..")
        .check(all);
  }

  @Test
  void text_dependsOnlyOnCore() {
    noClasses().that().resideInAPackage("org.tailguard.text..").should().dependOnClassesThat().resideInAnyPackage(
        concat(GUARD, SERVER, "org.tailguard.store..", "org.tailguard.report..", "org.tailguard.cli.."))
        .check(all);
  }

  @Test
  void guard_doesNotReachTheStoreServerOrCli() {
    noClasses().that().resideInAnyPackage(GUARD).should().dependOnClassesThat().resideInAnyPackage(
        concat(SERVER, "org.tailguard.store..", "org.tailguard.report..", "org.tailguard.cli.."))
        .check(all);
  }

  @Test
  void store_isReadByReports_notTheReverse() {
    noClasses().that().resideInAPackage("org.tailguard.store..").should().dependOnClassesThat().resideInAnyPackage(
        concat(SERVER, "org.tailguard.report..", "org.tailguard.cli..", "org.tailguard.text.."))
        .check(all);
  }

  @Test
  void nothingButTheCliDependsOnTheCli_andOnlyTheCliUsesTheServer() {
    noClasses().that().resideOutsideOfPackage("org.tailguard.cli..").should().dependOnClassesThat()
        .resideInAPackage("org.tailguard.cli..").check(all);
    noClasses().that().resideOutsideOfPackages(concat(SERVER, "org.tailguard.cli..")).should().dependOnClassesThat()
        .resideInAnyPackage(SERVER).check(all);
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static String[] concat(String[] a, String[] b, String... c) {
    return concat(concat(a, b), c);
  }
}
