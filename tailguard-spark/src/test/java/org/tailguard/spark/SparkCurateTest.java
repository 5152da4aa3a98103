package org.tailguard.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tailguard.spec.SpecException;

/** The spark-submit entry point's arguments (no Spark needed). */
class SparkCurateTest {
  @Test
  void args_readSpecOutAndLedger() {
    SparkCurate.Args a = SparkCurate.Args.parse(new String[] {"mix.yaml", "--out", "runs/mix", "--ledger", "l.db"});
    assertEquals(Path.of("mix.yaml"), a.spec());
    assertEquals(Path.of("runs/mix"), a.out());
    assertEquals(Path.of("l.db"), a.ledger());
    assertEquals(Path.of("l.db.key"), a.ledgerKey(), "the key defaults to the ledger's name + .key");
  }

  @Test
  void args_missingOutOrUnknownOption_namesTheProblem() {
    assertTrue(assertThrows(SpecException.class, () -> SparkCurate.Args.parse(new String[] {"mix.yaml"}))
        .getMessage().contains("usage"));
    assertTrue(assertThrows(SpecException.class,
        () -> SparkCurate.Args.parse(new String[] {"mix.yaml", "--out", "o", "--threads", "2"}))
        .getMessage().contains("unknown option --threads"));
    assertTrue(assertThrows(SpecException.class, () -> SparkCurate.Args.parse(new String[] {"mix.yaml", "--out"}))
        .getMessage().contains("--out needs a value"));
  }
}
