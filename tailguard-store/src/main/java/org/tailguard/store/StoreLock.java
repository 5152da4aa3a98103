package org.tailguard.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive writer lock of a store: an OS file lock on the sibling file {@code <store>.lock}.
 *
 * <p>SQLite alone would let two writers interleave whole runs in one file; this lock makes a second writer
 * fail at once with a message naming the holder. {@link FileChannel#tryLock} is an advisory {@code fcntl}
 * lock on Linux: the OS drops it when the holder dies, so a killed run never leaves a stale lock, and the
 * lock file itself may stay behind. The holder writes its PID into the file for the message.
 */
final class StoreLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private StoreLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static Path lockFile(Path store) {
    return store.resolveSibling(store.getFileName() + ".lock");
  }

  /** Takes the lock or throws a one-line {@link StoreException} naming the store, lock file and holder. */
  static StoreLock acquire(Path store) {
    Path file = lockFile(store);
    FileChannel ch;
    try {
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StoreException(store + ": cannot open lock file " + file + ": " + e.getMessage(), e);
    }
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      close(ch);
      throw new StoreException(store + ": already open for writing in this process (lock file " + file + ")");
    } catch (IOException e) {
      close(ch);
      throw new StoreException(store + ": cannot lock " + file + ": " + e.getMessage(), e);
    }
    if (lock == null) {
      String holder = holder(file);
      close(ch);
      throw new StoreException(store + ": another Tailguard process is writing this store ("
          + (holder.isEmpty() ? "unknown pid" : "pid " + holder) + ", lock file " + file + ")");
    }
    try {
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      ch.force(false);
    } catch (IOException e) {
      // The lock holds without the PID; only the message of a competing process gets poorer.
    }
    return new StoreLock(ch, lock);
  }

  /**
   * Whether a live process holds the store for writing: the PID its lock file names is alive. Reads
   * only, so it never competes for the lock; a recycled PID can make it answer yes for a dead writer.
   */
  static boolean writerAlive(Path store) {
    String pid = holder(lockFile(store));
    return !pid.isEmpty() && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
  }

  private static String holder(Path file) {
    try {
      String s = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return s.matches("\\d{1,19}") ? s : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void close(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      // nothing to release
    }
  }

  @Override
  public void close() {
    try {
      if (lock.isValid()) {
        channel.truncate(0);
        lock.release();
      }
    } catch (IOException e) {
      // closing the channel below releases the lock anyway
    } finally {
      close(channel);
    }
  }
}
