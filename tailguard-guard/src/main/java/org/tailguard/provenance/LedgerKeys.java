package org.tailguard.provenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.channels.FileChannel;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ledger's signing key pair (or, for verification only, its public key), stored as PEM: a PKCS#8
 * {@code PRIVATE KEY} block and an X.509 {@code PUBLIC KEY} block (RFC 7468), readable by OpenSSL.
 *
 * <p>{@link #generate} writes a new key file with permissions 0600 (owner read/write only), created under
 * that mode and renamed into place so that it is never readable by others; {@link #load} refuses a key file
 * that group or others can read, as OpenSSH does. The public key is also written into the ledger's genesis
 * entry; {@link #fingerprint} (the SHA-256 of the X.509 encoding) names it in manifests and messages. Keep
 * the key file away from the ledger: anyone who has both can re-sign a forged ledger, which only a
 * verification against a separately kept public key ({@link #loadPublic}) or head detects.
 */
public record LedgerKeys(KeyAlgorithm algorithm, PublicKey publicKey, PrivateKey privateKey) {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)-----END \\1-----");

  public LedgerKeys {
    java.util.Objects.requireNonNull(algorithm);
    java.util.Objects.requireNonNull(publicKey);
  }

  /** Whether this holds the private key, and so can sign. */
  public boolean canSign() {
    return privateKey != null;
  }

  /** The SHA-256 of the public key's X.509 encoding, hex. */
  public Sha256 fingerprint() {
    return Sha256.of(publicKey.getEncoded());
  }

  /** The public key's X.509 encoding in base64, as written into the genesis entry. */
  public String publicKeyBase64() {
    return Base64.getEncoder().encodeToString(publicKey.getEncoded());
  }

  /** These keys without the private half. */
  public LedgerKeys publicOnly() {
    return new LedgerKeys(algorithm, publicKey, null);
  }

  /** Generates a key pair in memory (tests, and callers that manage their own storage). */
  public static LedgerKeys generate(KeyAlgorithm algorithm) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm.keyAlgorithm());
      if (algorithm == KeyAlgorithm.ECDSA_P256) {
        g.initialize(new ECGenParameterSpec("secp256r1"));
      }
      KeyPair kp = g.generateKeyPair();
      return new LedgerKeys(algorithm, kp.getPublic(), kp.getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm.json() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Generates a key pair and writes it to a new key file with permissions 0600.
   *
   * @throws LedgerException naming the file if it exists or cannot be written
   */
  public static LedgerKeys generate(Path keyFile, KeyAlgorithm algorithm) {
    if (Files.exists(keyFile)) {
      throw new LedgerException(keyFile + ": key file already exists; refusing to overwrite a signing key");
    }
    LedgerKeys keys = generate(algorithm);
    keys.write(keyFile);
    return keys;
  }

  /** Writes this key pair to a new file with permissions 0600 (atomically: temporary file, then rename). */
  public void write(Path keyFile) {
    if (!canSign()) {
      throw new IllegalStateException("no private key to write");
    }
    String pem = "# Tailguard ledger signing key (" + algorithm.json() + "), public key fingerprint "
        + fingerprint().hex() + ".\n# Keep this file private and apart from the ledger.\n"
        + block("PRIVATE KEY", privateKey.getEncoded()) + block("PUBLIC KEY", publicKey.getEncoded());
    writeFile(keyFile, pem, true);
  }

  /** Writes the public key alone (PEM), for verifiers that should trust it. */
  public void writePublic(Path file) {
    writeFile(file, "# Tailguard ledger public key (" + algorithm.json() + "), fingerprint " + fingerprint().hex()
        + ".\n" + block("PUBLIC KEY", publicKey.getEncoded()), false);
  }

  /**
   * Loads a key file written by {@link #write}, checking that its halves belong together.
   *
   * @throws LedgerException naming the file if it is missing, unreadable, readable by group or others, or
   *     not a Tailguard key file
   */
  public static LedgerKeys load(Path keyFile) {
    String text = read(keyFile, "key file");
    checkPermissions(keyFile);
    byte[] priv = pemBlock(keyFile, text, "PRIVATE KEY");
    byte[] pub = pemBlock(keyFile, text, "PUBLIC KEY");
    if (priv == null) {
      throw new LedgerException(keyFile + ": no PRIVATE KEY block; not a ledger signing key file");
    }
    if (pub == null) {
      throw new LedgerException(keyFile + ": no PUBLIC KEY block; not a ledger signing key file");
    }
    LedgerKeys keys = decode(keyFile, pub, priv);
    if (!keys.matches()) {
      throw new LedgerException(keyFile + ": the private and public keys do not belong together");
    }
    return keys;
  }

  /**
   * Loads a public key from a PEM file: a public-key file from {@link #writePublic} or a full key file.
   *
   * @throws LedgerException naming the file if it is missing or holds no usable public key
   */
  public static LedgerKeys loadPublic(Path file) {
    String text = read(file, "public key file");
    byte[] pub = pemBlock(file, text, "PUBLIC KEY");
    if (pub == null) {
      throw new LedgerException(file + ": no PUBLIC KEY block");
    }
    return decode(file, pub, null);
  }

  /** Decodes a public key from the base64 X.509 form of a genesis entry. */
  static LedgerKeys decodePublic(KeyAlgorithm algorithm, String base64) throws GeneralSecurityException {
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("public key is not base64", e);
    }
    PublicKey pk = KeyFactory.getInstance(algorithm.keyAlgorithm()).generatePublic(new X509EncodedKeySpec(der));
    checkCurve(algorithm, pk);
    return new LedgerKeys(algorithm, pk, null);
  }

  /** Signs bytes. */
  byte[] sign(byte[] message) {
    try {
      Signature s = Signature.getInstance(algorithm.signatureAlgorithm());
      s.initSign(privateKey);
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing failed: " + e.getMessage(), e);
    }
  }

  /** Whether a signature over bytes verifies with this public key (false for a malformed signature). */
  boolean verify(byte[] message, byte[] signature) {
    try {
      Signature s = Signature.getInstance(algorithm.signatureAlgorithm());
      s.initVerify(publicKey);
      s.update(message);
      return s.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private boolean matches() {
    byte[] probe = "tailguard key pair check".getBytes(StandardCharsets.US_ASCII);
    return verify(probe, sign(probe));
  }

  private static LedgerKeys decode(Path file, byte[] pub, byte[] priv) {
    List<String> errors = new ArrayList<>();
    for (KeyAlgorithm a : KeyAlgorithm.values()) {
      try {
        KeyFactory f = KeyFactory.getInstance(a.keyAlgorithm());
        PublicKey pk = f.generatePublic(new X509EncodedKeySpec(pub));
        checkCurve(a, pk);
        PrivateKey sk = priv == null ? null : f.generatePrivate(new PKCS8EncodedKeySpec(priv));
        return new LedgerKeys(a, pk, sk);
      } catch (GeneralSecurityException e) {
        errors.add(a.json() + ": " + e.getMessage());
      }
    }
    throw new LedgerException(file + ": not an Ed25519 or ECDSA P-256 key (" + String.join("; ", errors) + ")");
  }

  private static void checkCurve(KeyAlgorithm a, PublicKey pk) throws GeneralSecurityException {
    if (a == KeyAlgorithm.ECDSA_P256) {
      if (!(pk instanceof ECKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
        throw new GeneralSecurityException("EC key is not on a 256-bit curve");
      }
    }
  }

  private static String read(Path file, String what) {
    if (Files.isDirectory(file)) {
      throw new LedgerException(file + ": is a directory, not a " + what);
    }
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new LedgerException(file + ": no such " + what);
    } catch (AccessDeniedException e) {
      throw new LedgerException(file + ": cannot read the " + what + " (permission denied)");
    } catch (IOException e) {
      throw new LedgerException(file + ": cannot read the " + what + ": " + e.getMessage(), e);
    }
  }

  private static void checkPermissions(Path keyFile) {
    PosixFileAttributeView view = Files.getFileAttributeView(keyFile, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    try {
      Set<PosixFilePermission> perms = view.readAttributes().permissions();
      Set<PosixFilePermission> extra = EnumSet.copyOf(perms);
      extra.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE));
      if (!extra.isEmpty()) {
        throw new LedgerException(keyFile + ": key file permissions " + PosixFilePermissions.toString(perms)
            + " let others read the signing key; run chmod 600 " + keyFile);
      }
    } catch (IOException e) {
      throw new LedgerException(keyFile + ": cannot read the key file's permissions: " + e.getMessage(), e);
    }
  }

  private static byte[] pemBlock(Path file, String text, String label) {
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(label)) {
        try {
          return Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
          throw new LedgerException(file + ": the " + label + " block is not valid base64");
        }
      }
    }
    return null;
  }

  private static String block(String label, byte[] der) {
    String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
  }

  private static void writeFile(Path target, String content, boolean secret) {
    Path abs = target.toAbsolutePath();
    try {
      Files.createDirectories(abs.getParent());
      boolean posix = Files.getFileAttributeView(abs.getParent(), PosixFileAttributeView.class) != null;
      if (secret) {
        // CREATE_NEW with mode 0600 from the start: the key is never readable by others, and an existing key
        // file is never replaced (a rename would silently destroy it).
        Set<StandardOpenOption> opts = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (FileChannel ch = posix
            ? FileChannel.open(abs, opts, PosixFilePermissions.asFileAttribute(OWNER_ONLY))
            : FileChannel.open(abs, opts)) {
          ch.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII)));
          ch.force(true);
        }
        if (posix && !Files.getPosixFilePermissions(abs).equals(OWNER_ONLY)) {
          Files.setPosixFilePermissions(abs, OWNER_ONLY);
        }
      } else {
        Path tmp = abs.resolveSibling("." + abs.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
          Files.writeString(tmp, content, StandardCharsets.US_ASCII);
          Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
          Files.deleteIfExists(tmp);
        }
      }
    } catch (FileAlreadyExistsException e) {
      throw new LedgerException(target + ": already exists; refusing to overwrite a signing key");
    } catch (IOException e) {
      throw new LedgerException(target + ": cannot write: " + e.getMessage(), e);
    }
  }
}
