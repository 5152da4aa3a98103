package org.tailguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end, in-process (exit status, one-line errors, output) and as a killed child process. */
class CliTest {
  record Result(int status, String out, String err) {}

  static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(status, out.toString(), err.toString());
  }

  static final String SPEC = """
      name: cli-test
      seed: 4
      chains: 20
      generations: 6
      model:
        family: gaussian
      workflow:
        type: replace
        samples: 50
      """;

  @Test
  void help_listsTheCommands() {
    Result r = cli("--help");
    assertEquals(0, r.status());
    for (String c : List.of("demo", "run", "runs", "families")) {
      assertTrue(r.out().contains(c), r.out());
    }
    assertEquals(0, cli("runs", "export", "--help").status());
  }

  @Test
  void run_thenListShowExportReport(@TempDir Path dir) throws Exception {
    Path spec = Files.writeString(dir.resolve("s.yaml"), SPEC);
    String data = dir.resolve("data").toString();
    Result run = cli("run", spec.toString(), "--data-dir", data, "--progress", "none", "--threads", "2");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("finished: generations 0..6 × 20 chains"), run.out());
    assertTrue(run.out().contains("variance"), run.out());
    String id = run.out().lines().findFirst().orElseThrow().split(" ")[1];
    Result list = cli("runs", "list", "--data-dir", data);
    assertTrue(list.out().contains(id) && list.out().contains("finished"), list.out());
    Result show = cli("runs", "show", id.substring(0, 20), "--data-dir", data);
    assertEquals(0, show.status(), show.err());
    assertTrue(show.out().contains("family: gaussian"), show.out());
    Path csv = dir.resolve("out.csv");
    assertEquals(0, cli("runs", "export", id, "--per-chain", "-o", csv.toString(), "--data-dir", data).status());
    // 7 generations × 20 chains × 3 default indicators, plus the header
    assertEquals(1 + 7 * 20 * 3, Files.readAllLines(csv).size());
    assertTrue(Files.exists(dir.resolve("data/runs").resolve(id).resolve("report/index.html")));
  }

  @Test
  void badInput_exitsTwoWithOneLine(@TempDir Path dir) throws Exception {
    String data = dir.resolve("data").toString();
    Result missing = cli("run", dir.resolve("nope.yaml").toString(), "--data-dir", data);
    assertEquals(2, missing.status());
    assertEquals("tailguard: " + dir.resolve("nope.yaml") + ": no such file", missing.err().strip());
    Path bad = Files.writeString(dir.resolve("bad.yaml"), SPEC.replace("samples: 50", "samples: 1"));
    Result invalid = cli("run", bad.toString(), "--data-dir", data);
    assertEquals(2, invalid.status());
    assertEquals("tailguard: " + bad + ":9: workflow.samples: must be at least 2, got 1", invalid.err().strip());
    Path good = Files.writeString(dir.resolve("good.yaml"), SPEC);
    Result threads = cli("run", good.toString(), "--threads", "0", "--data-dir", data);
    assertEquals(2, threads.status());
    assertEquals("tailguard: --threads: must be at least 1, got 0", threads.err().strip());
    Result unknownRun = cli("runs", "show", "zzz", "--data-dir", data);
    assertEquals(2, unknownRun.status(), unknownRun.err());
    assertEquals(1, unknownRun.err().strip().lines().count(), unknownRun.err());
    Result unknownOption = cli("run", good.toString(), "--frobnicate");
    assertEquals(2, unknownOption.status());
  }

  /**
   * A run killed mid-way (SIGKILL, no chance to clean up) resumes from its last checkpoint when the same
   * command runs again, and ends with exactly the per-chain values of an uninterrupted run.
   */
  @Test
  void killedRun_resumesToTheSameNumbers(@TempDir Path dir) throws Exception {
    Path spec = Files.writeString(dir.resolve("long.yaml"), SPEC.replace("chains: 20", "chains: 200")
        .replace("generations: 6", "generations: 250"));
    Path killed = dir.resolve("killed");
    Path checkpoints = killed.resolve("checkpoints");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "run", spec.toString(), "--data-dir", killed.toString(), "--progress", "none", "--threads", "1"));
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("child.txt").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && child.isAlive() && !hasCheckpoint(checkpoints)) {
      Thread.sleep(20);
    }
    assertTrue(child.isAlive(), "the child finished before it could be killed: " + Files.readString(dir.resolve("child.txt")));
    // While the child writes, a second writer is refused with one line naming the store and the holder.
    Result busy = cli("run", spec.toString(), "--data-dir", killed.toString(), "--progress", "none");
    assertEquals(2, busy.status(), busy.err());
    assertTrue(busy.err().strip().matches("tailguard: .*tailguard\\.db: another Tailguard process is writing this store \\(pid "
        + child.pid() + ".*"), busy.err());
    Thread.sleep(300);
    child.destroyForcibly().waitFor();
    Result stopped = cli("runs", "list", "--data-dir", killed.toString());
    assertTrue(stopped.out().contains("stopped (run the spec again to resume)"), stopped.out());
    Result resumed = cli("run", spec.toString(), "--data-dir", killed.toString(), "--progress", "none", "--no-report");
    assertEquals(0, resumed.status(), resumed.err());
    assertTrue(resumed.out().contains("(resumed)"), resumed.out());
    Result clean = cli("run", spec.toString(), "--data-dir", dir.resolve("clean").toString(), "--progress", "none",
        "--no-report");
    assertEquals(0, clean.status(), clean.err());
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    assertEquals(0, cli("runs", "export", idOf(resumed), "--per-chain", "-o", a.toString(), "--data-dir", killed.toString()).status());
    assertEquals(0, cli("runs", "export", idOf(clean), "--per-chain", "-o", b.toString(), "--data-dir", dir.resolve("clean").toString()).status());
    List<String> la = Files.readAllLines(a).stream().map(CliTest::dropRunId).toList();
    List<String> lb = Files.readAllLines(b).stream().map(CliTest::dropRunId).toList();
    assertEquals(lb.size(), la.size());
    assertEquals(lb, la);
  }

  private static boolean hasCheckpoint(Path dir) throws java.io.IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (var s = Files.list(dir)) {
      return s.anyMatch(p -> !p.toString().endsWith(".tmp"));
    }
  }

  private static String idOf(Result r) {
    return r.out().lines().findFirst().orElseThrow().split(" ")[1];
  }

  private static String dropRunId(String csvLine) {
    return csvLine.replaceAll("\\d{8}-\\d{4}-[a-z-]+-[0-9a-f]{4}(-\\d+)?", "RUN");
  }
}
