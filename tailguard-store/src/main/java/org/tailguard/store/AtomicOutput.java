package org.tailguard.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Writes a file or a directory so that readers see the old version or the complete new one, never a part.
 *
 * <p>Content goes to a hidden temporary sibling, is flushed to disk, then renamed over the target (an
 * atomic {@code rename(2)} on one file system). A directory is replaced only if it is empty or carries the
 * marker file this class writes into every directory it makes, so a mistyped path never deletes a user's
 * own files. The same pattern keeps the simulator's checkpoints whole.
 */
public final class AtomicOutput {
  /** The marker file that identifies a directory this class wrote. */
  public static final String MARKER = ".tailguard-output";

  /** Writes the content of a file. */
  public interface FileBody {
    void write(OutputStream out) throws IOException;
  }

  /** Fills a fresh directory. */
  public interface DirectoryBody {
    void write(Path dir) throws IOException;
  }

  private static final AtomicLong COUNTER = new AtomicLong(System.nanoTime() & 0xffff);

  private AtomicOutput() {}

  /**
   * Writes a file atomically, creating its parent directories.
   *
   * @throws IOException if the target is a directory or cannot be written; the target is then unchanged
   */
  public static void file(Path target, FileBody body) throws IOException {
    if (Files.isDirectory(target)) {
      throw new IOException(target + ": is a directory");
    }
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = sibling(parent, target.getFileName(), "tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        OutputStream out = Channels.newOutputStream(ch);
        body.write(out);
        out.flush();
        ch.force(true);
      }
      move(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Writes a directory atomically: fills a temporary sibling, then renames it into place.
   *
   * @throws IOException if the target is a file, or a non-empty directory this class did not write
   */
  public static void directory(Path target, DirectoryBody body) throws IOException {
    Path abs = target.toAbsolutePath();
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new IOException(target + ": exists and is not a directory");
    }
    if (Files.isDirectory(abs) && !isEmpty(abs) && !Files.exists(abs.resolve(MARKER))) {
      throw new IOException(target + ": exists and was not written by Tailguard; choose another directory");
    }
    Path parent = abs.getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createDirectory(sibling(parent, abs.getFileName(), "tmp"));
    try {
      body.write(tmp);
      Files.writeString(tmp.resolve(MARKER), "written by Tailguard; this directory may be replaced\n");
      if (Files.isDirectory(abs)) {
        // rename(2) cannot replace a non-empty directory: move the old one aside first.
        Path old = sibling(parent, abs.getFileName(), "old");
        Files.move(abs, old, StandardCopyOption.ATOMIC_MOVE);
        try {
          Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          Files.move(old, abs, StandardCopyOption.ATOMIC_MOVE);
          throw e;
        }
        deleteTree(old);
      } else {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
      }
    } finally {
      if (Files.exists(tmp)) {
        deleteTree(tmp);
      }
    }
  }

  /**
   * A fresh hidden sibling name. Not {@code Files.createTemp*}: those make owner-only files, and the
   * result should get the user's usual permissions (umask).
   */
  private static Path sibling(Path parent, Path name, String kind) {
    return parent.resolve("." + name + "." + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet()
        + "." + kind);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        try {
          Files.delete(dir);
        } catch (DirectoryNotEmptyException ignored) {
          // a concurrent writer added a file; leave the rest
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
