package org.tailguard.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code kill -9} ({@link Process#destroyForcibly()}, SIGKILL on Linux) of a JVM in the middle of ingesting
 * loses no acknowledged record: after reopening the store, every record the child reported as stored
 * (an {@code ACK} line is printed only after the call or batch listener returned, i.e. after the SQLite
 * commit) is counted in its versions, and the store holds exactly the records of its logged batches (no torn
 * batch). Both paths are killed: streaming JSONL (one transaction per batch, straight into the sketches) and
 * small API calls (acknowledged through the inbox, folded later).
 */
class DurabilityTest {
  @TempDir Path dir;

  @Test
  void killDuringStreamIngest_losesNoAcknowledgedRecord() throws Exception {
    long acked = killAfter(dir.resolve("stream.db"), 8, "stream", "200000", "500", "false");
    long present = present(dir.resolve("stream.db"), acked);
    assertEquals(0, present % 500, "whole batches only: " + present);
  }

  @Test
  void killDuringSmallApiCalls_losesNoAcknowledgedRecord() throws Exception {
    long acked = killAfter(dir.resolve("api.db"), 40, "api", "200000", "50", "false");
    present(dir.resolve("api.db"), acked);
  }

  /** Runs the child until it has acknowledged {@code acks} times, kills it, and returns its last ACK. */
  long killAfter(Path db, int acks, String mode, String n, String batch, String reference) throws Exception {
    Path err = dir.resolve(mode + ".err");
    Process p = ChildJvm.start("256m", err, mode, db.toString(), n, batch, reference);
    long last = 0;
    int seen = 0;
    try (BufferedReader in = ChildJvm.lines(p)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("ACK ")) {
          last = Long.parseLong(line.substring(4));
          if (++seen == acks) {
            p.toHandle().destroyForcibly(); // SIGKILL; unlike Process.destroyForcibly it keeps our end of the pipe open
          }
        } else if (line.startsWith("DONE")) {
          throw new AssertionError("the child finished before it was killed: " + line);
        }
      }
      // lines the child printed before it died were acknowledged too: the loop read them all
    }
    p.waitFor();
    assertTrue(seen >= acks, "child acknowledged only " + seen + " times; stderr: " + read(err));
    assertEquals(137, p.exitValue(), "killed by SIGKILL");
    return last;
  }

  /** Reopens the store and checks it holds every acknowledged record and exactly its logged batches. */
  static long present(Path db, long lastAck) {
    try (Monitor m = Monitor.open(db)) {
      long records = m.versions("lm").stream().mapToLong(VersionInfo::acknowledged).sum();
      long[] log = m.committed();
      assertTrue(records >= lastAck, "acknowledged " + lastAck + ", present " + records);
      assertEquals(log[1], records, "the batch log and the versions agree");
      assertTrue(m.indicators("lm").get(0).value(MonitorIndicator.RECORDS) > 0);
      System.out.printf("kill -9: acknowledged %d, present %d in %d batches%n", lastAck, records, log[0]);
      return records;
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
