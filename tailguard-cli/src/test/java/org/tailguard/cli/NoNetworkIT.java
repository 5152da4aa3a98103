package org.tailguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users run Tailguard on air-gapped clusters: the demo must not try to reach any host.
 *
 * <p>Runs the packaged CLI's {@code demo --quick} inside a network namespace with only loopback
 * ({@code unshare -n}) under {@code strace -f -e trace=connect,sendto,sendmsg}, and fails on any attempt to
 * reach a non-loopback address (a telemetry probe, a DNS query to a resolver, a download). Needs root (as in
 * CI) and strace; elsewhere it is skipped with the reason. Runs after {@code package} (failsafe), because it
 * starts the shaded jar exactly as users do.
 */
class NoNetworkIT {
  private static final Pattern INET = Pattern.compile("sa_family=AF_INET6?, (?:sin_port|sin6_port)=htons\\((\\d+)\\), "
      + "(?:sin_addr=inet_addr\\(\"([^\"]+)\"\\)|sin6_flowinfo=[^,]*, inet_pton\\(AF_INET6, \"([^\"]+)\")");

  @Test
  void demo_makesNoOutboundConnection(@TempDir Path dir) throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for unshare -n (CI runs as root)");
    assumeTrue(onPath("unshare") && onPath("strace"), "needs unshare and strace (bin/setup installs them)");
    Path jar = Path.of("target", "tailguard-cli-all.jar").toAbsolutePath();
    assertTrue(Files.exists(jar), "the shaded jar must be built before this test: " + jar);
    Path trace = dir.resolve("trace.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = List.of("unshare", "-n", "strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg",
        "-o", trace.toString(), java, "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true",
        "-jar", jar.toString(), "demo", "--quick", "--progress", "none", "--data-dir", dir.resolve("data").toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "demo did not finish in 10 minutes");
    String output = Files.readString(dir.resolve("out.txt"));
    assertEquals(0, p.exitValue(), "demo failed offline:\n" + output);
    assertTrue(output.contains("claims reproduced"), output);
    List<String> outbound = outbound(Files.readAllLines(trace));
    assertTrue(outbound.isEmpty(), "outbound connection attempts:\n" + String.join("\n", outbound));
  }

  /** The strace lines that address anything but loopback. */
  static List<String> outbound(List<String> lines) {
    List<String> bad = new ArrayList<>();
    for (String line : lines) {
      Matcher m = INET.matcher(line);
      while (m.find()) {
        String addr = m.group(2) != null ? m.group(2) : m.group(3);
        if (!(addr.startsWith("127.") || addr.equals("::1") || addr.equals("::ffff:127.0.0.1"))) {
          bad.add(line);
        }
      }
    }
    return bad;
  }

  private static boolean onPath(String tool) throws IOException, InterruptedException {
    return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
  }

  /** The parser itself must catch what strace prints for an IPv4 and an IPv6 connect(). */
  @Test
  void outbound_recognisesStraceLines() {
    List<String> lines = List.of(
        "123 connect(5, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"169.254.169.254\")}, 16) = -1 ENETUNREACH",
        "124 connect(6, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"2606:4700::1\", &sin6_addr), sin6_scope_id=0}, 28) = -1",
        "125 connect(7, {sa_family=AF_INET, sin_port=htons(5432), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0",
        "126 connect(8, {sa_family=AF_UNIX, sun_path=\"/var/run/nscd/socket\"}, 110) = -1 ENOENT");
    assertEquals(2, outbound(lines).size());
  }
}
