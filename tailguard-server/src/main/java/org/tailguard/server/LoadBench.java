package org.tailguard.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.monitor.Monitor;
import org.tailguard.monitor.MonitorConfig;
import org.tailguard.monitor.VersionInfo;
import org.tailguard.random.RandomStreams;
import org.tailguard.spec.Check;

/**
 * A closed-loop load test of the service on loopback, bounded in time: writer threads POST batches of JSONL
 * records to {@code /api/v1/ingest} while reader threads GET a model's versions and indicators; it reports the
 * sustained ingest rate (acknowledged records per second) and the read latency percentiles measured under that
 * load, then checks durability: after the server stops — cleanly, or killed with SIGKILL mid-ingest — the
 * reopened store must hold at least every acknowledged record (and at most every record sent).
 *
 * <p>Closed-loop clients under-report latency when the server stalls (coordinated omission, Tene 2013): the
 * percentiles here are of completed requests and are a floor, not an SLA figure.
 */
public final class LoadBench {
  /** The model the load writes. */
  public static final String MODEL = "load-test";
  private static final String TOKEN = "load-bench-token-" + Long.toHexString(0x5EEDL);
  private static final String[] WORDS = ("the of and to a in that is was he for it with as his on be at by had are but from or "
      + "have an they which one you were her all she there would their we him been has when who will more no if out so "
      + "said what up its about into than them can only other new some could time these two may then do first any my now "
      + "such like our over man me even most made after also did many before must through back years where much your way "
      + "well down should because each just those people mr how too little state good very make world still own see men "
      + "work long get here between both life being under never day same another know while last might us great old year "
      + "off come since against go came right used take three river ocean harbour lantern quarry meadow orchard").split(" ");

  /**
   * @param dataDir the data folder the server uses (created; should be empty)
   * @param seconds how long the load runs
   * @param writers concurrent ingest clients
   * @param batch records per ingest request
   * @param readers concurrent read clients
   * @param kill stop the server with SIGKILL during ingest (a separate process) instead of a clean stop
   * @param seed the seed of the generated responses
   * @param reference whether the monitor uses its default human reference (coverage, tail mass and perplexity
   *     per response: the realistic cost; training the reference LM takes seconds at the first fold)
   */
  public record Options(Path dataDir, double seconds, int writers, int batch, int readers, boolean kill, long seed,
      boolean reference) {
    public Options {
      Check.required("data_dir", dataDir);
      Check.positive("seconds", seconds);
      Check.atLeast("writers", writers, 1);
      Check.atLeast("batch", batch, 1);
      Check.atLeast("readers", readers, 0);
    }
  }

  /**
   * What the load test measured.
   *
   * @param acknowledged records in ingest requests answered 200
   * @param sent records in every ingest request sent, answered or not
   * @param ingestRequests ingest requests answered 200
   * @param seconds the measured interval
   * @param recordsPerSecond acknowledged / seconds
   * @param ingestP50Ms median ingest request latency
   * @param ingestP99Ms 99th percentile ingest request latency
   * @param reads read requests completed
   * @param readP50Ms median read latency
   * @param readP99Ms 99th percentile read latency
   * @param readMaxMs the slowest read
   * @param errors requests that failed or were refused (a killed server's in-flight requests count here)
   * @param found records the reopened store holds (folded plus pending)
   * @param stop how the server was stopped: {@code clean} or {@code SIGKILL}
   */
  public record Result(long acknowledged, long sent, long ingestRequests, double seconds, double recordsPerSecond,
      double ingestP50Ms, double ingestP99Ms, long reads, double readP50Ms, double readP99Ms, double readMaxMs,
      long errors, long found, String stop) {
    /** Whether no acknowledged record was lost and nothing unsent appeared. */
    public boolean lossless() {
      return found >= acknowledged && found <= sent;
    }

    /** A one-screen report. */
    public String format() {
      return String.format(Locale.ROOT, """
          ingest: %,d records acknowledged in %,d requests over %.1f s = %,.0f records/s (p50 %.1f ms, p99 %.1f ms per request)
          reads while ingesting: %,d requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms
          errors: %,d (in-flight requests of a killed server count here)
          restart after %s: %,d records found, %,d acknowledged, %,d sent: %s""",
          acknowledged, ingestRequests, seconds, recordsPerSecond, ingestP50Ms, ingestP99Ms, reads, readP50Ms, readP99Ms,
          readMaxMs, errors, stop, found, acknowledged, sent, lossless() ? "nothing acknowledged was lost" : "RECORDS LOST");
    }
  }

  private LoadBench() {}

  /** Runs the load, stops the server, reopens the store and counts. */
  public static Result run(Options o, PrintStream log) throws IOException, InterruptedException {
    Files.createDirectories(o.dataDir());
    Process child = null;
    TailguardServer inProcess = null;
    int port;
    if (o.kill()) {
      child = startChild(o.dataDir(), o.reference());
      port = readPort(child, o.dataDir());
    } else {
      ServerConfig cfg = ServerConfig.of(o.dataDir(), 0).withToken(TOKEN);
      inProcess = TailguardServer.start(o.reference() ? cfg
          : cfg.withMonitor(MonitorConfig.defaults().withReference(MonitorConfig.NONE, MonitorConfig.NONE)));
      port = inProcess.port();
    }
    URI base = URI.create("http://127.0.0.1:" + port + TailguardServer.API);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong acked = new AtomicLong();
    AtomicLong sent = new AtomicLong();
    AtomicLong okRequests = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<LatencyLog> ingestLogs = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < o.writers(); w++) {
      UniformRandomProvider rng = RandomStreams.derive(o.seed(), w, 0, RandomStreams.Purpose.SAMPLE);
      LatencyLog lat = new LatencyLog();
      ingestLogs.add(lat);
      int writer = w;
      threads.add(Thread.ofPlatform().name("load-writer-" + w).start(() -> {
        long n = 0;
        while (running.get()) {
          String body = batch(rng, writer, n++, o.batch());
          HttpRequest req = HttpRequest.newBuilder(base.resolve(TailguardServer.API + "/ingest"))
              .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/x-ndjson")
              .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
          sent.addAndGet(o.batch());
          long t0 = System.nanoTime();
          try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
              lat.add(System.nanoTime() - t0);
              acked.addAndGet(o.batch());
              okRequests.incrementAndGet();
            } else {
              errors.incrementAndGet();
            }
          } catch (IOException e) {
            errors.incrementAndGet();
            if (!running.get()) {
              return;
            }
          } catch (InterruptedException e) {
            return;
          }
        }
      }));
    }
    List<LatencyLog> readLogs = new ArrayList<>();
    for (int r = 0; r < o.readers(); r++) {
      LatencyLog lat = new LatencyLog();
      readLogs.add(lat);
      int reader = r;
      threads.add(Thread.ofPlatform().name("load-reader-" + r).start(() -> {
        long n = 0;
        while (running.get()) {
          // Mostly the cheap listing, every 4th the indicators (recomputed whenever records were folded).
          String path = (n++ + reader) % 4 == 0 ? "/models/" + MODEL + "/indicators" : "/models/" + MODEL + "/versions";
          HttpRequest req = HttpRequest.newBuilder(base.resolve(TailguardServer.API + path)).timeout(Duration.ofSeconds(30))
              .GET().build();
          long t0 = System.nanoTime();
          try {
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() == 200 || resp.statusCode() == 404) { // 404 until the first batch lands
              lat.add(System.nanoTime() - t0);
            } else {
              errors.incrementAndGet();
            }
          } catch (IOException e) {
            if (running.get()) {
              errors.incrementAndGet();
            } else {
              return;
            }
          } catch (InterruptedException e) {
            return;
          }
        }
      }));
    }
    long start = System.nanoTime();
    Thread.sleep((long) (o.seconds() * 1000));
    double seconds = (System.nanoTime() - start) / 1e9;
    long ackedAtStop;
    String stop;
    if (o.kill()) {
      child.destroyForcibly(); // SIGKILL while writers are mid-request
      child.waitFor(20, TimeUnit.SECONDS);
      running.set(false);
      stop = "SIGKILL";
    } else {
      running.set(false);
      stop = "clean";
    }
    for (Thread t : threads) {
      t.join(35_000);
    }
    ackedAtStop = acked.get();
    if (inProcess != null) {
      inProcess.close();
    }
    long found;
    try (Monitor m = Monitor.open(o.dataDir().resolve("monitor.db"))) {
      found = m.models().contains(MODEL) ? m.versions(MODEL).stream().mapToLong(VersionInfo::acknowledged).sum() : 0;
    }
    long[] ing = merge(ingestLogs);
    long[] rd = merge(readLogs);
    Result res = new Result(ackedAtStop, sent.get(), okRequests.get(), seconds, ackedAtStop / seconds,
        ms(ing, 0.50), ms(ing, 0.99), rd.length, ms(rd, 0.50), ms(rd, 0.99), rd.length == 0 ? Double.NaN : rd[rd.length - 1] / 1e6,
        errors.get(), found, stop);
    if (log != null) {
      log.println(res.format());
    }
    return res;
  }

  /** One request's worth of JSONL: responses of 8–30 words drawn from a fixed word list. */
  private static String batch(UniformRandomProvider rng, int writer, long n, int size) {
    StringBuilder b = new StringBuilder(size * 160);
    String version = "v" + (n / 50) % 4; // a few versions, as a deployment would see
    for (int i = 0; i < size; i++) {
      b.append("{\"model\":\"").append(MODEL).append("\",\"version\":\"").append(version)
          .append("\",\"prompt_id\":\"p").append(rng.nextInt(200)).append("\",\"response\":\"");
      int len = 8 + rng.nextInt(23);
      for (int k = 0; k < len; k++) {
        if (k > 0) {
          b.append(' ');
        }
        // Zipf-like: low indices much more often, so the text has a head and a tail.
        double u = rng.nextDouble();
        b.append(WORDS[(int) (WORDS.length * u * u * u)]);
      }
      b.append(".\",\"meta\":{\"writer\":").append(writer).append("}}\n");
    }
    return b.toString();
  }

  private static Process startChild(Path dataDir, boolean reference) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), ServerMain.class.getName(), "--data-dir", dataDir.toString(),
        "--port", "0", "--token", TOKEN, "--no-reference", Boolean.toString(!reference));
    return new ProcessBuilder(cmd).redirectError(dataDir.resolve("server.log").toFile()).start();
  }

  private static int readPort(Process p, Path dataDir) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = r.readLine();
    if (line == null || !line.startsWith("listening ")) {
      p.destroyForcibly();
      throw new IOException("the server process did not start; see " + dataDir.resolve("server.log"));
    }
    Thread.ofPlatform().daemon().start(() -> {
      try {
        while (r.readLine() != null) {
          // drain, so the child never blocks on a full pipe
        }
      } catch (IOException ignored) {
        // the child died
      }
    });
    return Integer.parseInt(line.substring("listening ".length()).strip());
  }

  /** Every thread's latencies, sorted (read after the threads ended). */
  private static long[] merge(List<LatencyLog> logs) {
    long[] all = logs.stream().flatMapToLong(l -> Arrays.stream(l.buf, 0, l.n)).toArray();
    Arrays.sort(all);
    return all;
  }

  /** The q-quantile in milliseconds (nearest rank). */
  private static double ms(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  /** Latencies of one thread in nanoseconds, read by the main thread after joining it. */
  private static final class LatencyLog {
    long[] buf = new long[1024];
    int n;

    void add(long nanos) {
      if (n == buf.length) {
        buf = Arrays.copyOf(buf, n * 2);
      }
      buf[n++] = nanos;
    }
  }
}
