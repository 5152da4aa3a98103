package org.tailguard.server;

import java.nio.file.Path;

/**
 * Serves the dashboard test data for a person to look at: {@code DevServer DIR PORT} fills DIR (lab runs, pipeline,
 * monitor demo) and serves it on 127.0.0.1:PORT until killed. Prints how long each part took.
 */
final class DevServer {
  private DevServer() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    long t0 = System.nanoTime();
    DashboardFixture.labRuns(data);
    long t1 = System.nanoTime();
    DashboardFixture.pipeline(data, "web-books-70-30");
    TailguardServer server = TailguardServer.start(new ServerConfig(data, "127.0.0.1", Integer.parseInt(args[1]), ApiTest.TOKEN,
        ServerConfig.DEFAULT_MAX_BODY, ServerConfig.DEFAULT_MAX_RECORDS, DashboardFixture.monitorConfig()));
    long t2 = System.nanoTime();
    var demo = DashboardFixture.monitorDemo(server.monitor());
    long t3 = System.nanoTime();
    System.out.printf("lab runs %.1f s, server start %.1f s, monitor demo %.1f s; warnings: collapsing %d, control %d%n",
        (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, demo.collapsing().size(), demo.control().size());
    demo.collapsing().forEach(w -> System.out.println("  " + w.version() + " " + w.rule() + " " + w.message()));
    demo.control().forEach(w -> System.out.println("  control " + w.version() + " " + w.rule() + " " + w.message()));
    System.out.println("ready " + server.uri());
    server.awaitStop();
  }
}
