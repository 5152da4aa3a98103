package org.tailguard.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.curate.StageContext;
import org.tailguard.exec.LocalExecutor;
import org.tailguard.exec.RunSummary;
import org.tailguard.exec.Shard;

/**
 * End to end on a real Spark standalone cluster on loopback: a {@code Master} and a {@code Worker} from
 * Spark's own classes run as child JVMs with the test classpath, the worker launches executor JVMs as it would
 * on a cluster node, and the pipeline runs against {@code spark://127.0.0.1:PORT}. Its files must equal the
 * embedded executor's byte for byte.
 */
class SparkStandaloneTest {
  /** JDK 25 flags Spark wants (see java-stack.md §5.5); harmless where not needed. */
  static final List<String> JVM_FLAGS = List.of("-Xss4m", "--enable-native-access=ALL-UNNAMED",
      "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
      "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false");

  @TempDir
  Path tmp;

  @Test
  void standaloneCluster_writesTheEmbeddedExecutorsFiles() throws Exception {
    long start = System.nanoTime();
    List<Shard> shards = Inputs.shards(tmp.resolve("in"), "sotu:test", 2, 60);
    String classpath = String.join(File.pathSeparator, classpath());
    // A minimal SPARK_HOME: the worker resolves "jars/" there; our classpath reaches executors as extraClassPath.
    Path home = Files.createDirectories(tmp.resolve("spark-home").resolve("jars")).getParent();
    int masterPort = freePort();
    String url = "spark://127.0.0.1:" + masterPort;
    Process master = null;
    Process worker = null;
    try {
      // The master starts while this JVM runs the embedded executor for the expected files; the worker starts
      // once the master listens (its registration retries are seconds apart), and the driver meanwhile.
      master = launch(classpath, home, tmp.resolve("master.log"), "org.apache.spark.deploy.master.Master",
          "--host", "127.0.0.1", "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(freePort()));
      new LocalExecutor(tmp.resolve("local"), 2).run(Inputs.pipeline(), shards);
      awaitPort(masterPort, master, tmp.resolve("master.log"));
      worker = launch(classpath, home, tmp.resolve("worker.log"), "org.apache.spark.deploy.worker.Worker",
          "--host", "127.0.0.1", "--cores", "2", "--memory", "1g", "--webui-port", Integer.toString(freePort()),
          "--work-dir", tmp.resolve("worker").toString(), url);
      try (JavaSparkContext spark = new JavaSparkContext(Inputs.conf(url)
          .set("spark.executor.memory", "512m")
          .set("spark.cores.max", "2")
          .set("spark.executor.extraClassPath", classpath)
          .set("spark.executor.extraJavaOptions", String.join(" ", JVM_FLAGS) + " -XX:+UseSerialGC"))) {
        awaitExecutor(spark, worker, tmp.resolve("worker.log"));
        long t0 = System.nanoTime();
        System.out.printf("standalone cluster: master, worker and an executor up after %.2f s%n", (t0 - start) / 1e9);
        RunSummary s = new SparkExecutor(spark, tmp.resolve("spark"), new StageContext()).run(Inputs.pipeline(), shards);
        System.out.printf("standalone cluster (1 worker, 2 cores): pipeline %.2f s%n", (System.nanoTime() - t0) / 1e9);
        assertTrue(s.stage("exact_dedup").get("dropped_exact_duplicate") > 0);
        assertTrue(s.stage("near_dedup").get("dropped_near_duplicate") > 0);
        // The tasks ran in executor JVMs that the worker launched, not in this one.
        assertTrue(spark.sc().getExecutorMemoryStatus().size() >= 2, "an executor besides the driver");
      }
      Map<String, String> expected = Inputs.digest(tmp.resolve("local"));
      assertEquals(expected, Inputs.digest(tmp.resolve("spark")));
      assertEquals(Inputs.summary(tmp.resolve("local")), Inputs.summary(tmp.resolve("spark")));
    } finally {
      stop(worker);
      stop(master);
    }
  }

  /** The test's classpath entries (expanding surefire's manifest-only booter jar if it is used). */
  static List<String> classpath() throws IOException {
    String cp = System.getProperty("java.class.path");
    List<String> out = new ArrayList<>();
    for (String e : cp.split(File.pathSeparator)) {
      if (e.contains("surefirebooter") && e.endsWith(".jar")) {
        try (JarFile jar = new JarFile(e)) {
          String refs = jar.getManifest().getMainAttributes().getValue("Class-Path");
          for (String ref : refs.trim().split("\\s+")) {
            out.add(Path.of(URI.create(ref)).toString());
          }
        }
      } else {
        out.add(e);
      }
    }
    return out;
  }

  private static Process launch(String classpath, Path home, Path log, String mainClass, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(JVM_FLAGS);
    // Daemons only route messages: the client compiler and serial GC start them with less CPU.
    cmd.addAll(List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath, mainClass));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_HOME", home.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void awaitPort(int port, Process p, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      assertTrue(p.isAlive(), () -> "master exited: " + tail(log));
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new AssertionError("master did not listen on " + port + " in 60 s: " + tail(log));
  }

  private static void awaitExecutor(JavaSparkContext spark, Process worker, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    while (spark.sc().getExecutorMemoryStatus().size() < 2) {
      assertTrue(worker.isAlive(), () -> "worker exited: " + tail(log));
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no executor registered in 90 s: " + tail(log));
      }
      Thread.sleep(200);
    }
  }

  /** The end of a child's log and of every executor's stderr under the worker's folder beside it. */
  private static String tail(Path log) {
    StringBuilder b = new StringBuilder();
    List<Path> logs = new ArrayList<>(List.of(log));
    try (var files = Files.walk(log.resolveSibling("worker"))) {
      files.filter(f -> f.getFileName().toString().equals("stderr")).forEach(logs::add);
    } catch (IOException | UncheckedIOException ignored) {
      // no executor started
    }
    for (Path f : logs) {
      try {
        List<String> lines = Files.readAllLines(f);
        b.append("\n--- ").append(f).append('\n')
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
      } catch (IOException e) {
        b.append("\n(no log ").append(f).append(": ").append(e).append(')');
      }
    }
    return b.toString();
  }

  /** Stops a child JVM we started and the executor JVMs it started. */
  private static void stop(Process p) throws InterruptedException {
    if (p == null) {
      return;
    }
    List<ProcessHandle> children = p.descendants().toList();
    p.destroy();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }
}
