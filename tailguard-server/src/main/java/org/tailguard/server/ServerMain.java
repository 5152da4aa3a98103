package org.tailguard.server;

import java.nio.file.Path;
import org.tailguard.monitor.MonitorConfig;

/**
 * Runs the server as its own process: {@code ServerMain --data-dir DIR [--port N] [--bind ADDR] [--token T]
 * [--no-reference true]} (without a human reference a new monitor store skips coverage, tail and perplexity).
 * Prints {@code listening <port>} once it accepts requests. The load test starts it this way to kill it with
 * SIGKILL mid-ingest; people use {@code tailguard serve}.
 */
public final class ServerMain {
  private ServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    Path dir = null;
    int port = 0;
    String bind = "127.0.0.1";
    String token = System.getenv("TAILGUARD_TOKEN");
    boolean noReference = false;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--data-dir" -> dir = Path.of(args[i + 1]);
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--bind" -> bind = args[i + 1];
        case "--token" -> token = args[i + 1];
        case "--no-reference" -> noReference = Boolean.parseBoolean(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (dir == null) {
      throw new IllegalArgumentException("--data-dir is required");
    }
    ServerConfig cfg = new ServerConfig(dir, bind, port, token, ServerConfig.DEFAULT_MAX_BODY, ServerConfig.DEFAULT_MAX_RECORDS,
        noReference ? MonitorConfig.defaults().withReference(MonitorConfig.NONE, MonitorConfig.NONE) : null);
    TailguardServer server = TailguardServer.start(cfg);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    System.out.println("listening " + server.port());
    System.out.flush();
    server.awaitStop();
  }
}
