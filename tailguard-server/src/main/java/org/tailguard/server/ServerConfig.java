package org.tailguard.server;

import java.nio.file.Path;
import org.tailguard.monitor.MonitorConfig;
import org.tailguard.spec.Check;

/**
 * How the server runs: where it listens, its data folder, its write token and its request limits.
 *
 * @param dataDir the data folder: the lab's run store {@code tailguard.db}, the monitor store {@code monitor.db},
 *     guard pipeline runs under {@code pipelines/}, and the generated {@code server.token}
 * @param bind the address to listen on; {@code 127.0.0.1} unless the service must be reachable from elsewhere
 * @param port the port, 0 for any free port
 * @param token the bearer token every write must carry, or null to read {@code <dataDir>/server.token} or
 *     generate it there (mode 0600)
 * @param maxBodyBytes the largest request body accepted (413 beyond)
 * @param maxRecords the most records one ingest request may carry (413 beyond)
 * @param monitor the settings of a new monitor store, or null for the defaults (an existing store keeps its own)
 */
public record ServerConfig(Path dataDir, String bind, int port, String token, long maxBodyBytes, int maxRecords,
    MonitorConfig monitor) {
  /** 8 MiB: about 20,000 typical records in one request. */
  public static final long DEFAULT_MAX_BODY = 8L << 20;
  public static final int DEFAULT_MAX_RECORDS = 50_000;

  public ServerConfig {
    Check.required("data_dir", dataDir);
    Check.required("bind", bind);
    if (port < 0 || port > 65_535) {
      throw new org.tailguard.spec.SpecException("port", "must be in 0..65535, got " + port);
    }
    if (token != null && token.strip().length() < 16) {
      throw new org.tailguard.spec.SpecException("token", "must be at least 16 characters, got " + token.strip().length());
    }
    Check.atLeast("max_body_bytes", maxBodyBytes, 1024);
    Check.atLeast("max_records", maxRecords, 1);
  }

  /** Loopback, the given port, a generated or stored token and the default limits. */
  public static ServerConfig of(Path dataDir, int port) {
    return new ServerConfig(dataDir, "127.0.0.1", port, null, DEFAULT_MAX_BODY, DEFAULT_MAX_RECORDS, null);
  }

  public ServerConfig withToken(String t) {
    return new ServerConfig(dataDir, bind, port, t, maxBodyBytes, maxRecords, monitor);
  }

  public ServerConfig withLimits(long bodyBytes, int records) {
    return new ServerConfig(dataDir, bind, port, token, bodyBytes, records, monitor);
  }

  public ServerConfig withMonitor(MonitorConfig m) {
    return new ServerConfig(dataDir, bind, port, token, maxBodyBytes, maxRecords, m);
  }
}
