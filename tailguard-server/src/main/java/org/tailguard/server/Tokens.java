package org.tailguard.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.tailguard.spec.SpecException;

/**
 * The server's bearer token (RFC 6750): given by the operator, or generated once with a cryptographic random
 * generator and kept in {@code <data-dir>/server.token}, readable by its owner only (mode 0600).
 */
public final class Tokens {
  /** The token file's name inside the data folder. */
  public static final String FILE = "server.token";

  private Tokens() {}

  /**
   * The token to use: {@code given} if not null, else the stored one, else a new one written to the data folder.
   *
   * @throws SpecException if the stored token file is readable by others or empty
   */
  public static String resolve(String given, Path dataDir) {
    if (given != null) {
      return given.strip();
    }
    Path file = dataDir.resolve(FILE);
    try {
      Files.createDirectories(dataDir);
      if (!Files.exists(file)) {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Path tmp = dataDir.resolve(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        // Created with 0600 from the start: no window in which others could read it.
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(Set.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE)));
        Files.writeString(tmp, token + "\n", StandardCharsets.US_ASCII);
        try {
          Files.createLink(file, tmp); // atomic, fails if another server created it meanwhile
        } catch (FileAlreadyExistsException raced) {
          // keep theirs
        } finally {
          Files.deleteIfExists(tmp);
        }
      }
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
        throw new SpecException(file + ": the token file is readable by others ("
            + PosixFilePermissions.toString(perms) + "); run chmod 600 on it");
      }
      String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (token.length() < 16) {
        throw new SpecException(file + ": the token file holds no token of at least 16 characters");
      }
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read or create the token: " + e.getMessage(), e);
    }
  }

  /** Whether an {@code Authorization} header carries the token, compared in constant time. */
  static boolean matches(String authorization, String token) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8));
  }
}
