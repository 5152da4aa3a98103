package org.tailguard.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.tailguard.server.LoadBench;
import org.tailguard.server.ServerConfig;
import org.tailguard.server.TailguardServer;
import org.tailguard.server.Tokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tailguard serve}: the REST API and the dashboard on the data folder's stores. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    subcommands = {ServeCommand.Bench.class},
    description = {"Serves the dashboard and the REST API (/api/v1, described at /api/v1/openapi.json) for the",
        "monitor, the lab's runs and the guard's pipelines in the data folder. Writes need the bearer token:",
        "--token, $TAILGUARD_TOKEN, or the one generated into <data-dir>/server.token (mode 0600)."})
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0: any free port).")
  int port;

  @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes it to the network).")
  String bind;

  @Option(names = "--token", paramLabel = "TOKEN", description = "The write token (default: $TAILGUARD_TOKEN, else <data-dir>/server.token).")
  String token;

  @Option(names = "--max-body", paramLabel = "BYTES", description = "Largest request body (default: 8 MiB).")
  Long maxBody;

  @Mixin
  DataOptions data;

  @Spec
  CommandSpec cmd;

  @Override
  public Integer call() throws Exception {
    Path dir = data.ensureDir();
    String t = token != null ? token : System.getenv("TAILGUARD_TOKEN");
    ServerConfig cfg = new ServerConfig(dir, bind, port, t == null || t.isBlank() ? null : t,
        maxBody == null ? ServerConfig.DEFAULT_MAX_BODY : maxBody, ServerConfig.DEFAULT_MAX_RECORDS, null);
    TailguardServer server = TailguardServer.start(cfg);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "tailguard-serve-stop"));
    var out = cmd.commandLine().getOut();
    out.println("Tailguard dashboard: " + server.uri());
    out.println("API: " + server.uri() + "api/v1 (OpenAPI: " + server.uri() + "api/v1/openapi.json)");
    out.println("Writes need 'Authorization: Bearer <token>'; the token is "
        + (cfg.token() != null ? "the one given" : "in " + dir.resolve(Tokens.FILE)) + ". Stop with Ctrl-C.");
    out.flush();
    server.awaitStop();
    return 0;
  }

  /** {@code tailguard serve bench}: the load test on loopback. */
  @Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Load-tests the service on loopback: writers POST JSONL batches while readers GET a model's",
          "versions and indicators; prints the sustained ingest rate and read latency percentiles, then stops the",
          "server (SIGKILL with --kill) and checks that every acknowledged record is in the reopened store."},
      exitCodeListHeading = "%nExit status:%n",
      exitCodeList = {"0:no acknowledged record was lost", "1:records were lost"})
  static final class Bench implements Callable<Integer> {
    @Option(names = "--seconds", paramLabel = "S", defaultValue = "60", description = "Load duration (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--writers", paramLabel = "N", defaultValue = "4", description = "Ingest clients (default: ${DEFAULT-VALUE}).")
    int writers;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "100", description = "Records per request (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--readers", paramLabel = "N", defaultValue = "2", description = "Read clients (default: ${DEFAULT-VALUE}).")
    int readers;

    @Option(names = "--kill", description = "Run the server as a child process and SIGKILL it mid-ingest.")
    boolean kill;

    @Option(names = "--no-reference", description = "No human reference (skips coverage, tail mass and perplexity).")
    boolean noReference;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Data folder for the test (default: a temporary one, deleted after).")
    Path workDir;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() throws Exception {
      Path dir = workDir != null ? workDir : Files.createTempDirectory("tailguard-serve-bench");
      try {
        PrintStream log = WriterOutputStream.printStream(cmd.commandLine().getOut());
        log.printf("serve bench: %.0f s, %d writers × %d records/request, %d readers, %s stop, %s reference%n", seconds,
            writers, batch, readers, kill ? "SIGKILL" : "clean", noReference ? "no" : "default");
        LoadBench.Result r = LoadBench.run(new LoadBench.Options(dir.resolve("data"), seconds, writers, batch, readers, kill,
            2024, !noReference), log);
        log.flush();
        return r.lossless() ? 0 : 1;
      } finally {
        if (workDir == null) {
          deleteTree(dir);
        }
      }
    }

    private static void deleteTree(Path dir) throws IOException {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
