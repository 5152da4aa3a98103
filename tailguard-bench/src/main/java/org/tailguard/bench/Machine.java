package org.tailguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a benchmark ran on: cores, CPU model, operating system and Java runtime, recorded beside
 * every figure because a time means nothing without them.
 */
final class Machine {
  private Machine() {}

  /**
   * Such as {@code 2 cores, Intel(R) Xeon(R) Processor, Linux 6.1.0 (amd64), load average 0.12}: the load
   * when the run started says whether other work competed for the cores.
   */
  static String describe() {
    return Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel() + ", "
        + System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch")
        + ")" + loadAverage();
  }

  /** Such as {@code 25.0.3+9-LTS (Eclipse Adoptium)}. */
  static String jdk() {
    return System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")";
  }

  private static String loadAverage() {
    try {
      return ", load average " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | SecurityException e) {
      return "";
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
    } catch (IOException | SecurityException e) {
      return "unknown CPU"; // not Linux, or not readable: the core count still says the most
    }
  }
}
