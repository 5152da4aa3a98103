package org.tailguard.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Key files: PEM, mode 0600, checked on load; both JDK algorithms sign and verify. */
class LedgerKeysTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void generatedKeyFile_isOwnerOnlyAndLoads(KeyAlgorithm alg) throws Exception {
    Path f = dir.resolve("keys/ledger.key");
    LedgerKeys k = LedgerKeys.generate(f, alg);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    String pem = Files.readString(f);
    assertTrue(pem.contains("-----BEGIN PRIVATE KEY-----") && pem.contains("-----BEGIN PUBLIC KEY-----"));
    LedgerKeys back = LedgerKeys.load(f);
    assertEquals(alg, back.algorithm());
    assertEquals(k.fingerprint(), back.fingerprint());
    byte[] msg = "manifest".getBytes(StandardCharsets.UTF_8);
    assertTrue(back.publicOnly().verify(msg, k.sign(msg)));
    assertFalse(back.verify("other".getBytes(StandardCharsets.UTF_8), k.sign(msg)));
    Path pub = dir.resolve("ledger.pub");
    k.writePublic(pub);
    assertEquals(k.fingerprint(), LedgerKeys.loadPublic(pub).fingerprint());
    assertFalse(LedgerKeys.loadPublic(pub).canSign());
  }

  @Test
  void existingKeyFile_isNeverOverwritten() {
    Path f = dir.resolve("ledger.key");
    LedgerKeys first = LedgerKeys.generate(f, KeyAlgorithm.ED25519);
    LedgerException e = assertThrows(LedgerException.class, () -> LedgerKeys.generate(f, KeyAlgorithm.ED25519));
    assertTrue(e.getMessage().startsWith(f + ": key file already exists"), e.getMessage());
    assertEquals(first.fingerprint(), LedgerKeys.load(f).fingerprint());
  }

  @Test
  void badKeyFiles_getOneLineErrorsNamingTheFile() throws Exception {
    Path missing = dir.resolve("missing.key");
    assertEquals(missing + ": no such key file", assertThrows(LedgerException.class, () -> LedgerKeys.load(missing))
        .getMessage());

    Path open = dir.resolve("open.key");
    LedgerKeys.generate(open, KeyAlgorithm.ED25519);
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
    String msg = assertThrows(LedgerException.class, () -> LedgerKeys.load(open)).getMessage();
    assertEquals(open + ": key file permissions rw-r--r-- let others read the signing key; run chmod 600 " + open, msg);

    Path junk = dir.resolve("junk.key");
    Files.writeString(junk, "not a key\n");
    Files.setPosixFilePermissions(junk, PosixFilePermissions.fromString("rw-------"));
    assertEquals(junk + ": no PRIVATE KEY block; not a ledger signing key file",
        assertThrows(LedgerException.class, () -> LedgerKeys.load(junk)).getMessage());

    // Halves of two different key pairs.
    Path a = dir.resolve("a.key");
    Path b = dir.resolve("b.key");
    LedgerKeys.generate(a, KeyAlgorithm.ED25519);
    LedgerKeys.generate(b, KeyAlgorithm.ED25519);
    String pa = Files.readString(a);
    String pb = Files.readString(b);
    Path mixed = dir.resolve("mixed.key");
    Files.writeString(mixed, pa.substring(0, pa.indexOf("-----BEGIN PUBLIC KEY-----"))
        + pb.substring(pb.indexOf("-----BEGIN PUBLIC KEY-----")));
    Files.setPosixFilePermissions(mixed, PosixFilePermissions.fromString("rw-------"));
    assertEquals(mixed + ": the private and public keys do not belong together",
        assertThrows(LedgerException.class, () -> LedgerKeys.load(mixed)).getMessage());
  }
}
