package org.tailguard.sim;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.tailguard.models.Dataset;
import org.tailguard.models.ModelFamily;
import org.tailguard.spec.ExperimentSpec;

/**
 * The resumable state of a run after a finished generation, written atomically.
 *
 * <p>A checkpoint holds each chain's data (the real sample, the accumulated pool, the last training set),
 * not its models: a model is refitted from its data with the same random stream, which gives the same
 * model. The file is written to a temporary sibling and moved into place, so a crash leaves either the old
 * or the new checkpoint, never a torn one; a CRC-32 trailer catches truncation by other means. The header
 * names the spec by a digest, so a checkpoint is never applied to a different experiment.
 */
final class Checkpoints<D extends Dataset<D>> {
  private static final int MAGIC = 0x54474350; // "TGCP"
  private static final int VERSION = 1;

  private final Path file;
  private final ModelFamily<D, ?> family;

  Checkpoints(Path file, ModelFamily<D, ?> family) {
    this.file = file;
    this.family = family;
  }

  record ChainState<D>(D real, D pool, D train) {}

  record State<D>(int generation, List<ChainState<D>> chains) {}

  /** A digest of everything that determines a run's results (not its name or description). */
  static String fingerprint(ExperimentSpec spec) {
    String key = spec.seed() + "|" + spec.chains() + "|" + spec.model() + "|" + spec.workflow() + "|" + spec.metrics();
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  void write(String fingerprint, int generation, List<ChainState<D>> chains) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.createDirectories(file.toAbsolutePath().getParent());
    CRC32 crc = new CRC32();
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      OutputStream raw = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
      DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc));
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(fingerprint);
      out.writeInt(generation);
      out.writeInt(chains.size());
      for (ChainState<D> c : chains) {
        writeOptional(out, c.real());
        writeOptional(out, c.pool());
        writeOptional(out, c.train());
      }
      out.flush();
      new DataOutputStream(raw).writeLong(crc.getValue()); // the trailer is not part of its own sum
      raw.flush();
      ch.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The saved state, or null if there is no checkpoint. */
  State<D> read(String fingerprint, int chainCount) throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length < 8) {
      throw new IOException(file + ": checkpoint is truncated");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    if (crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong()) {
      throw new IOException(file + ": checkpoint is corrupt (CRC mismatch)");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 8))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        throw new IOException(file + ": not a Tailguard checkpoint of this version");
      }
      String fp = in.readUTF();
      if (!fp.equals(fingerprint)) {
        throw new IOException(file + ": checkpoint belongs to a different spec; delete it or start a new run");
      }
      int generation = in.readInt();
      int n = in.readInt();
      if (n != chainCount) {
        throw new IOException(file + ": checkpoint has " + n + " chains, spec has " + chainCount);
      }
      List<ChainState<D>> chains = new ArrayList<>(n);
      for (int c = 0; c < n; c++) {
        chains.add(new ChainState<>(readOptional(in), readOptional(in), readOptional(in)));
      }
      return new State<>(generation, chains);
    } catch (EOFException e) {
      throw new IOException(file + ": checkpoint is truncated", e);
    }
  }

  private void writeOptional(DataOutputStream out, D d) throws IOException {
    out.writeBoolean(d != null);
    if (d != null) {
      d.write(out);
    }
  }

  private D readOptional(DataInputStream in) throws IOException {
    return in.readBoolean() ? family.readData(in) : null;
  }
}
