package org.tailguard.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;

/**
 * Where a run came from: the Tailguard version, the JVM, the machine and the command that started it.
 *
 * <p>Stored with every run beside its canonical spec and seed, so that a run can be rebuilt from its record
 * alone (the pattern of Tribuo's {@code ModelProvenance}). The spec and seed determine the numbers; the
 * thread count and machine do not (results are identical on any thread count), so they are kept only to
 * explain timings.
 *
 * @param tailguardVersion the Tailguard version that ran it
 * @param jdk the Java runtime, vendor and version
 * @param os the operating system name and version
 * @param arch the CPU architecture
 * @param cores the processors available to the JVM
 * @param threads the simulator's worker threads
 * @param commandLine the command-line arguments, as given
 */
public record Provenance(String tailguardVersion, String jdk, String os, String arch, int cores, int threads,
    List<String> commandLine) {

  public Provenance {
    commandLine = commandLine == null ? List.of() : List.copyOf(commandLine);
  }

  /** The provenance of the current process. */
  public static Provenance capture(int threads, List<String> commandLine) {
    return new Provenance(version(),
        System.getProperty("java.vendor", "?") + " " + Runtime.version(),
        System.getProperty("os.name", "?") + " " + System.getProperty("os.version", ""),
        System.getProperty("os.arch", "?"),
        Runtime.getRuntime().availableProcessors(), threads, commandLine);
  }

  /** The Tailguard version this module was built as, or {@code dev} when run from an IDE. */
  public static String version() {
    try (InputStream in = Provenance.class.getResourceAsStream("tailguard.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "dev");
      return v.startsWith("${") ? "dev" : v;
    } catch (IOException e) {
      return "dev";
    }
  }
}
