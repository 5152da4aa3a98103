package org.tailguard.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailguard.monitor.LogSink;
import org.tailguard.monitor.Monitor;
import org.tailguard.spec.SpecException;
import org.tailguard.store.StoreException;

/**
 * Tailguard's HTTP service: the versioned REST API {@code /api/v1} for the monitor (ingest, models, versions,
 * indicators, warnings, comparisons), the lab's runs and the guard's pipeline runs, its OpenAPI 3.1
 * description, and the web dashboard, on Javalin 7 (Jetty 12).
 *
 * <p>Security follows the OWASP REST Security Cheat Sheet: every write needs {@code Authorization: Bearer
 * <token>} (RFC 6750; 401 otherwise), request bodies are size-limited (413), inputs are validated with JSON
 * errors naming the field (400), responses carry {@code nosniff}, a strict Content-Security-Policy and no
 * framing, and static files come only from the dashboard folder bundled in the jar and the Chart.js WebJar;
 * the only files read from the data folder are the stores and {@code pipelines/<name>/summary.json}, with
 * names checked and the resolved path kept inside the folder.
 *
 * <pre>{@code
 * try (TailguardServer s = TailguardServer.start(ServerConfig.of(Path.of("tailguard-data"), 8080))) {
 *   System.out.println(s.uri() + " token in " + s.config().dataDir().resolve(Tokens.FILE));
 *   s.awaitStop();
 * }
 * }</pre>
 */
public final class TailguardServer implements AutoCloseable {
  /** The API's base path. */
  public static final String API = "/api/v1";
  private static final Logger LOG = LoggerFactory.getLogger(TailguardServer.class);
  private static final String JSON_TYPE = "application/json";
  private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  /**
   * One API route.
   *
   * @param method GET or POST
   * @param path the Javalin path, {@code {name}} for a parameter (the same syntax as OpenAPI)
   * @param write whether it changes state (and so needs the bearer token)
   * @param handler what it does
   */
  public record Route(String method, String path, boolean write, Handler handler) {}

  private final ServerConfig config;
  private final String token;
  private final Monitor monitor;
  private final MonitorViews monitorViews;
  private final LabViews lab;
  private final PipelineViews pipelines;
  private final List<Route> routes;
  private final Javalin app;
  private final Object stopped = new Object();
  private boolean closed;

  private TailguardServer(ServerConfig config) {
    this.config = config;
    Path dir = config.dataDir();
    try {
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new SpecException("data_dir", dir + " is a file, not a folder");
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new SpecException("data_dir: cannot create " + dir + ": " + e.getMessage(), e);
    }
    this.token = Tokens.resolve(config.token(), dir);
    this.monitor = config.monitor() == null ? Monitor.open(dir.resolve("monitor.db"))
        : Monitor.open(dir.resolve("monitor.db"), config.monitor());
    this.monitor.addSink(new LogSink());
    this.monitorViews = new MonitorViews(monitor);
    this.lab = new LabViews(dir.resolve("tailguard.db"));
    this.pipelines = new PipelineViews(dir);
    this.routes = routes();
    Javalin a = null;
    try {
      a = Javalin.create(cfg -> {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.http.maxRequestSize = config.maxBodyBytes();
        cfg.http.defaultContentType = JSON_TYPE;
        cfg.jetty.host = config.bind();
        cfg.jetty.port = config.port();
        cfg.staticFiles.add(sf -> {
          sf.hostedPath = "/";
          sf.directory = "/org/tailguard/server/dashboard";
          sf.location = Location.CLASSPATH;
        });
        cfg.staticFiles.enableWebjars();
        cfg.routes.before(this::guard);
        for (Route r : routes) {
          switch (r.method()) {
            case "GET" -> cfg.routes.get(r.path(), r.handler());
            case "POST" -> cfg.routes.post(r.path(), r.handler());
            default -> throw new IllegalStateException("unsupported method " + r.method());
          }
        }
        cfg.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
        cfg.routes.exception(SpecException.class, (e, ctx) -> error(ctx, 400, "bad_request", e.getMessage()));
        cfg.routes.exception(StoreException.class, (e, ctx) -> {
          LOG.warn("store error on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
          error(ctx, 503, "store_unavailable", "the store cannot serve this request now; see the server log");
        });
        cfg.routes.exception(Exception.class, (e, ctx) -> {
          LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e);
          error(ctx, 500, "internal", "internal error; see the server log");
        });
        cfg.routes.error(404, ctx -> {
          if (ctx.path().startsWith("/api/") && !isApiError(ctx)) {
            error(ctx, 404, "not_found", "no such endpoint: " + ctx.method() + " " + Views.clip(ctx.path()));
          }
        });
        cfg.routes.error(405, ctx -> {
          if (ctx.path().startsWith("/api/") && !isApiError(ctx)) {
            error(ctx, 405, "method_not_allowed", "method not allowed: " + ctx.method() + " " + Views.clip(ctx.path()));
          }
        });
      });
      a.start();
    } catch (RuntimeException e) {
      if (a != null) {
        a.stop();
      }
      monitor.close();
      lab.close();
      throw e;
    }
    this.app = a;
  }

  /**
   * Opens the data folder's stores and starts listening.
   *
   * @throws SpecException if the data folder or the token cannot be used, or the monitor store is locked
   */
  public static TailguardServer start(ServerConfig config) {
    return new TailguardServer(Objects.requireNonNull(config, "config"));
  }

  public ServerConfig config() {
    return config;
  }

  /** The bearer token writes must carry. */
  public String token() {
    return token;
  }

  /** The port it listens on (the chosen one when started with port 0). */
  public int port() {
    return app.port();
  }

  /** The dashboard's address. */
  public URI uri() {
    String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
    if (host.equals("0.0.0.0")) {
      host = "127.0.0.1";
    }
    return URI.create("http://" + host + ":" + port() + "/");
  }

  /** The monitor the server writes (for in-process callers such as the demo). */
  public Monitor monitor() {
    return monitor;
  }

  /** The API's routes, in registration order: what the OpenAPI description must cover. */
  public List<Route> apiRoutes() {
    return List.copyOf(routes);
  }

  /** Blocks until {@link #close()} is called (by a shutdown hook, for instance). */
  public void awaitStop() throws InterruptedException {
    synchronized (stopped) {
      while (!closed) {
        stopped.wait();
      }
    }
  }

  /** Stops listening, then closes the stores: acknowledged records are already committed. */
  @Override
  public void close() {
    synchronized (stopped) {
      if (closed) {
        return;
      }
      closed = true;
      stopped.notifyAll();
    }
    try {
      app.stop();
    } finally {
      try {
        monitor.close();
      } finally {
        lab.close();
      }
    }
  }

  // ------------------------------------------------------------------------------------------ routes

  private List<Route> routes() {
    List<Route> r = new ArrayList<>();
    r.add(new Route("GET", API + "/health", false, ctx -> {
      ObjectNode o = Json.object();
      o.put("status", "ok");
      o.put("api", "v1");
      long[] committed = monitor.committed();
      o.put("batches_committed", committed[0]);
      o.put("records_committed", committed[1]);
      json(ctx, o);
    }));
    r.add(new Route("GET", API + "/openapi.json", false, ctx -> {
      try (InputStream in = TailguardServer.class.getResourceAsStream("openapi.json")) {
        ctx.contentType(JSON_TYPE).result(new String(Objects.requireNonNull(in, "openapi.json").readAllBytes(),
            StandardCharsets.UTF_8));
      }
    }));
    r.add(new Route("POST", API + "/ingest", true, ctx -> {
      checkContentType(ctx);
      byte[] body = body(ctx);
      ObjectNode o = monitorViews.ingest(body, "api:" + ctx.ip(), config.maxRecords());
      if (bool(ctx, "evaluate")) {
        // "model/version" pairs: names may hold '/', so match them against the known models, longest first.
        List<String> known = monitor.models().stream().sorted((x, y) -> y.length() - x.length()).toList();
        java.util.LinkedHashSet<String> models = new java.util.LinkedHashSet<>();
        o.path("versions").forEach(v -> known.stream().filter(m -> v.asText().startsWith(m + "/")).findFirst()
            .ifPresent(models::add));
        com.fasterxml.jackson.databind.node.ArrayNode warnings = o.putArray("warnings");
        models.forEach(m -> monitorViews.evaluate(m).forEach(warnings::add));
      }
      json(ctx, o);
    }));
    r.add(new Route("GET", API + "/indicators", false, ctx -> json(ctx, MonitorViews.catalogue())));
    r.add(new Route("GET", API + "/models", false, ctx -> json(ctx, monitorViews.models())));
    r.add(new Route("GET", API + "/models/{model}/versions", false,
        ctx -> json(ctx, monitorViews.versions(ctx.pathParam("model")))));
    r.add(new Route("GET", API + "/models/{model}/indicators", false,
        ctx -> json(ctx, monitorViews.indicators(ctx.pathParam("model")))));
    r.add(new Route("GET", API + "/models/{model}/versions/{version}/indicators", false,
        ctx -> json(ctx, monitorViews.indicators(ctx.pathParam("model"), ctx.pathParam("version")))));
    r.add(new Route("GET", API + "/models/{model}/versions/{version}/samples", false,
        ctx -> json(ctx, monitorViews.samples(ctx.pathParam("model"), ctx.pathParam("version"),
            integer(ctx, "limit", 20, 1, 1000)))));
    r.add(new Route("GET", API + "/models/{model}/warnings", false,
        ctx -> json(ctx, monitorViews.warnings(ctx.pathParam("model"), bool(ctx, "include_cleared")))));
    r.add(new Route("POST", API + "/models/{model}/evaluate", true,
        ctx -> json(ctx, monitorViews.evaluate(ctx.pathParam("model")))));
    r.add(new Route("GET", API + "/models/{model}/compare", false,
        ctx -> json(ctx, monitorViews.compare(ctx.pathParam("model"), required(ctx, "reference"),
            required(ctx, "current")))));
    r.add(new Route("GET", API + "/runs", false, ctx -> json(ctx, lab.runs())));
    r.add(new Route("GET", API + "/runs/{run}", false, ctx -> json(ctx, lab.run(ctx.pathParam("run")))));
    r.add(new Route("GET", API + "/runs/{run}/summaries", false,
        ctx -> json(ctx, lab.summaries(ctx.pathParam("run")))));
    r.add(new Route("GET", API + "/runs/{run}/seed-table", false,
        ctx -> json(ctx, lab.seedTable(ctx.pathParam("run")))));
    r.add(new Route("GET", API + "/pipelines", false, ctx -> json(ctx, pipelines.list())));
    r.add(new Route("GET", API + "/pipelines/{name}", false,
        ctx -> json(ctx, pipelines.summary(ctx.pathParam("name")))));
    return r;
  }

  /** Runs before every request: security headers, the bearer token on writes, the body-size limit. */
  private void guard(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Content-Security-Policy", CSP);
    if (ctx.path().startsWith("/api/")) {
      ctx.header("Cache-Control", "no-store");
    }
    String method = ctx.method().name();
    boolean write = !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
    if (write) {
      if (!Tokens.matches(ctx.header("Authorization"), token)) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"tailguard\"");
        throw new ApiException(401, "unauthorized", "this endpoint needs 'Authorization: Bearer <token>' (the token is "
            + "given with --token or $TAILGUARD_TOKEN, or kept in the data folder's " + Tokens.FILE + ")");
      }
      long length = ctx.req().getContentLengthLong();
      if (length > config.maxBodyBytes()) {
        throw tooLarge();
      }
    }
  }

  private ApiException tooLarge() {
    return new ApiException(413, "too_large", "the request body is larger than " + config.maxBodyBytes() + " bytes");
  }

  /** The body, read up to the limit whatever the Content-Length says (chunked bodies have none). */
  private byte[] body(Context ctx) throws IOException {
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, config.maxBodyBytes() + 1));
      if (b.length > config.maxBodyBytes()) {
        throw tooLarge();
      }
      if (b.length == 0) {
        throw ApiException.badRequest("body: empty; send JSONL records or a JSON array of records");
      }
      return b;
    }
  }

  private static void checkContentType(Context ctx) {
    String ct = ctx.contentType();
    if (ct == null) {
      return;
    }
    String base = ct.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!List.of("application/json", "application/x-ndjson", "application/jsonl", "application/x-jsonlines",
        "text/plain", "application/octet-stream").contains(base)) {
      throw new ApiException(415, "unsupported_media_type", "Content-Type " + Views.clip(base)
          + " is not accepted; send application/x-ndjson (JSONL) or application/json (an array of records)");
    }
  }

  private static String required(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      throw ApiException.badRequest(name + ": missing query parameter");
    }
    return v;
  }

  private static int integer(Context ctx, String name, int dflt, int min, int max) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return dflt;
    }
    try {
      int x = Integer.parseInt(v);
      if (x < min || x > max) {
        throw ApiException.badRequest(name + ": must be in " + min + ".." + max + ", got " + x);
      }
      return x;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + ": must be an integer, got '" + Views.clip(v) + "'");
    }
  }

  private static boolean bool(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return false;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw ApiException.badRequest(name + ": must be true or false, got '" + Views.clip(v) + "'");
    };
  }

  private static void json(Context ctx, JsonNode n) {
    ctx.contentType(JSON_TYPE).result(Json.write(n));
  }

  /** Whether the response already holds one of our JSON errors (Javalin's error handlers run after ours). */
  private static boolean isApiError(Context ctx) {
    String r = ctx.result();
    return r != null && r.startsWith("{\"error\"");
  }

  private static void error(Context ctx, int status, String code, String message) {
    ObjectNode o = Json.object();
    ObjectNode e = o.putObject("error");
    e.put("status", status);
    e.put("code", code);
    e.put("message", message);
    ctx.status(status).contentType(JSON_TYPE).result(Json.write(o));
  }
}
