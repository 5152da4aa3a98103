package org.tailguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.monitor.MonitorConfig;

/**
 * The REST API's contract: writes refused without the bearer token (401), bodies over the limit refused (413)
 * whether or not they declare their length, invalid input refused with a JSON error naming the field (400),
 * nothing served from outside the dashboard folder or the pipelines folder, and an OpenAPI description that
 * covers exactly the routes the server registers.
 */
class ApiTest {
  static final String TOKEN = "api-test-token-0123456789";
  static final long LIMIT = 64 * 1024;
  /** No human reference: these tests check the API, not the indicators, and need not train the reference LM. */
  static final MonitorConfig NO_REFERENCE = MonitorConfig.defaults().withReference(MonitorConfig.NONE, MonitorConfig.NONE);

  @TempDir
  static Path dir;
  static TailguardServer server;
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws IOException {
    Path pipelines = dir.resolve("data/pipelines");
    Files.createDirectories(pipelines.resolve("mix-a"));
    Files.writeString(pipelines.resolve("mix-a/summary.json"), DashboardFixture.pipelineSummary());
    // A secret outside the data folder, and a link to it from inside: the API must not follow it.
    Files.createDirectories(dir.resolve("outside"));
    Files.writeString(dir.resolve("outside/summary.json"), "{\"secret\": \"do-not-serve\"}");
    Files.createSymbolicLink(pipelines.resolve("escape"), dir.resolve("outside"));
    server = TailguardServer.start(ServerConfig.of(dir.resolve("data"), 0).withToken(TOKEN).withLimits(LIMIT, 500)
        .withMonitor(NO_REFERENCE));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String path, String body, String token) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws IOException {
    return Json.MAPPER.readTree(r.body());
  }

  static String record(String model, String version, String response) {
    return "{\"model\":\"" + model + "\",\"version\":\"" + version + "\",\"response\":\"" + response + "\"}\n";
  }

  /** Status and body of a raw HTTP/1.1 request, so the path reaches the server exactly as written. */
  static String raw(String path) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void ingest_withoutToken_is401AndStoresNothing() throws Exception {
    HttpResponse<String> none = post("/api/v1/ingest", record("auth-model", "v1", "hello there"), null);
    assertEquals(401, none.statusCode());
    assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    assertEquals("unauthorized", json(none).path("error").path("code").asText());
    assertEquals(401, post("/api/v1/ingest", record("auth-model", "v1", "hello"), "wrong-token-0123456789").statusCode());
    assertEquals(401, post("/api/v1/models/auth-model/evaluate", "", null).statusCode());
    assertEquals(404, get("/api/v1/models/auth-model/versions").statusCode(), "nothing was stored");
  }

  @Test
  void ingest_jsonlAndArray_areCommittedAndListed() throws Exception {
    HttpResponse<String> a = post("/api/v1/ingest", record("m1", "v1", "the cat sat") + record("m1", "v1", "a dog ran")
        + record("m1", "v2", "the cat sat"), TOKEN);
    assertEquals(200, a.statusCode(), a.body());
    assertEquals(3, json(a).path("accepted").asLong());
    HttpResponse<String> b = post("/api/v1/ingest", "[{\"model\":\"m1\",\"version\":\"v2\",\"response\":\"birds sing\","
        + "\"prompt_id\":\"p1\",\"meta\":{\"k\":1}}, {\"model\":\"m1\",\"version\":\"v2\",\"response\":\"fish swim\"}]", TOKEN);
    assertEquals(200, b.statusCode(), b.body());
    assertEquals(2, json(b).path("accepted").asLong());
    JsonNode versions = json(get("/api/v1/models/m1/versions"));
    assertEquals(2, versions.size());
    assertEquals("v1", versions.get(0).path("version").asText());
    long total = 0;
    for (JsonNode v : versions) {
      total += v.path("records").asLong() + v.path("pending").asLong();
    }
    assertEquals(5, total);
    assertTrue(json(get("/api/v1/models")).toString().contains("\"model\":\"m1\""));
    HttpResponse<String> evaluated = post("/api/v1/ingest?evaluate=true", record("m1", "v3", "a cat"), TOKEN);
    assertEquals(200, evaluated.statusCode(), evaluated.body());
    assertTrue(json(evaluated).path("warnings").isArray());
    assertEquals(200, post("/api/v1/models/m1/evaluate", "", TOKEN).statusCode());
    assertTrue(json(get("/api/v1/models/m1/indicators")).path("versions").size() == 3);
  }

  @Test
  void ingest_overLimit_is413() throws Exception {
    String big = record("big", "v1", "x".repeat((int) LIMIT));
    HttpResponse<String> declared = post("/api/v1/ingest", big, TOKEN);
    assertEquals(413, declared.statusCode());
    // Chunked: no Content-Length, so only counting the bytes read can catch it.
    HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/ingest"))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
        .build();
    HttpResponse<String> r = HTTP.send(chunked, HttpResponse.BodyHandlers.ofString());
    assertEquals(413, r.statusCode(), r.body());
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 501; i++) {
      many.append(record("big", "v1", "r" + i));
    }
    HttpResponse<String> tooMany = post("/api/v1/ingest", many.toString(), TOKEN);
    assertEquals(413, tooMany.statusCode());
    assertEquals("too_many_records", json(tooMany).path("error").path("code").asText());
    assertEquals(404, get("/api/v1/models/big/versions").statusCode(), "nothing was stored");
  }

  @Test
  void invalidInput_is400WithTheField() throws Exception {
    HttpResponse<String> noResponse = post("/api/v1/ingest", "{\"model\":\"m2\",\"version\":\"v1\"}\n", TOKEN);
    assertEquals(400, noResponse.statusCode());
    assertTrue(json(noResponse).path("error").path("message").asText().contains("response"), noResponse.body());
    HttpResponse<String> badJson = post("/api/v1/ingest", "[{\"model\": ", TOKEN);
    assertEquals(400, badJson.statusCode());
    HttpResponse<String> notObjects = post("/api/v1/ingest", "[1, 2]", TOKEN);
    assertEquals(400, notObjects.statusCode());
    assertTrue(json(notObjects).path("error").path("message").asText().startsWith("body[0]"));
    HttpResponse<String> empty = post("/api/v1/ingest", "", TOKEN);
    assertEquals(400, empty.statusCode());
    HttpResponse<String> control = post("/api/v1/ingest", record("m\\u0001x", "v1", "hi"), TOKEN);
    assertEquals(400, control.statusCode());
    assertTrue(json(control).path("error").path("message").asText().contains("model"), control.body());
    HttpRequest xml = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/ingest"))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/xml")
        .POST(HttpRequest.BodyPublishers.ofString("<a/>")).build();
    assertEquals(415, HTTP.send(xml, HttpResponse.BodyHandlers.ofString()).statusCode());
    post("/api/v1/ingest", record("m3", "v1", "one two three"), TOKEN);
    HttpResponse<String> limit = get("/api/v1/models/m3/versions/v1/samples?limit=abc");
    assertEquals(400, limit.statusCode());
    assertTrue(json(limit).path("error").path("message").asText().startsWith("limit:"));
    assertEquals(400, get("/api/v1/models/m3/versions/v1/samples?limit=0").statusCode());
    assertEquals(400, get("/api/v1/models/m3/compare?reference=v1").statusCode());
    assertEquals(400, get("/api/v1/models/m3/warnings?include_cleared=maybe").statusCode());
    assertEquals(404, get("/api/v1/models/nope/indicators").statusCode());
    assertEquals(404, get("/api/v1/models/m3/versions/v9/indicators").statusCode());
    HttpResponse<String> unknown = get("/api/v1/no-such-thing");
    assertEquals(404, unknown.statusCode());
    assertEquals("not_found", json(unknown).path("error").path("code").asText());
    assertEquals(400, get("/api/v1/runs/bad%20id").statusCode());
    assertEquals(404, get("/api/v1/runs/nope").statusCode());
  }

  @Test
  void staticFiles_traversalIsRefused() throws Exception {
    String index = raw("/");
    assertTrue(index.startsWith("HTTP/1.1 200"), index.lines().findFirst().orElse(""));
    assertTrue(index.contains("Content-Security-Policy"));
    assertTrue(raw("/webjars/chart.js/4.5.1/dist/chart.umd.min.js").startsWith("HTTP/1.1 200"));
    // Each would reach a file outside the dashboard folder if the path were joined naively.
    for (String path : new String[] {"/../../../../../../etc/passwd", "/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/../openapi.json", "/%2e%2e/openapi.json", "/..%2fopenapi.json",
        "/../TailguardServer.class", "/.%2e/TailguardServer.class", "/webjars/../org/tailguard/server/openapi.json",
        "/webjars/chart.js/4.5.1/../../../org/tailguard/server/TailguardServer.class", "/%5c..%5c..%5cetc%5cpasswd",
        "/..\\..\\etc\\passwd", "/dashboard/../../openapi.json", "//etc/passwd", "/%252e%252e/openapi.json"}) {
      String r = raw(path);
      String status = r.lines().findFirst().orElse("");
      assertFalse(status.contains(" 200 "), path + " → " + status);
      assertFalse(r.contains("root:x:0"), path);
      assertFalse(r.contains("\"openapi\""), path);
      assertFalse(r.contains("\u00ca\u00fe\u00ba\u00be"), path); // class file magic
    }
    // Pipeline names: pattern-checked, and a link out of the folder is not followed.
    for (String path : new String[] {"/api/v1/pipelines/..", "/api/v1/pipelines/..%2f..%2foutside",
        "/api/v1/pipelines/%2e%2e", "/api/v1/pipelines/escape", "/api/v1/pipelines/.hidden"}) {
      String r = raw(path);
      String status = r.lines().findFirst().orElse("");
      assertFalse(status.contains(" 200 "), path + " → " + status);
      assertFalse(r.contains("do-not-serve"), path);
    }
    assertEquals(200, get("/api/v1/pipelines/mix-a").statusCode());
    JsonNode list = json(get("/api/v1/pipelines"));
    assertEquals(1, list.size(), list.toString()); // the link is not listed
    assertEquals(2, list.get(0).path("sources").asInt());
  }

  @Test
  void openApi_describesEveryRoute() throws Exception {
    HttpResponse<String> r = get("/api/v1/openapi.json");
    assertEquals(200, r.statusCode());
    JsonNode doc = json(r);
    assertTrue(doc.path("openapi").asText().startsWith("3."));
    Set<String> described = new HashSet<>();
    for (Map.Entry<String, JsonNode> p : doc.path("paths").properties()) {
      p.getValue().fieldNames().forEachRemaining(m -> described.add(m.toUpperCase() + " " + p.getKey()));
      for (Map.Entry<String, JsonNode> op : p.getValue().properties()) {
        for (JsonNode param : op.getValue().path("parameters")) {
          if (param.path("in").asText().equals("path")) {
            assertTrue(p.getKey().contains("{" + param.path("name").asText() + "}"), p.getKey() + " " + param);
          }
        }
      }
    }
    Set<String> registered = new HashSet<>();
    for (TailguardServer.Route route : server.apiRoutes()) {
      String key = route.method() + " " + route.path();
      registered.add(key);
      JsonNode op = doc.path("paths").path(route.path()).path(route.method().toLowerCase());
      assertFalse(op.isMissingNode(), key + " is not described");
      assertEquals(route.write(), op.path("security").toString().contains("bearer"), key + ": security");
      if (route.write()) {
        assertTrue(op.path("responses").has("401"), key + " documents 401");
      }
    }
    assertEquals(registered, described);
  }

  @Test
  void token_generatedIntoTheDataFolderOwnerOnly() throws Exception {
    Path data = dir.resolve("generated");
    try (TailguardServer s = TailguardServer.start(ServerConfig.of(data, 0).withMonitor(NO_REFERENCE))) {
      Path file = data.resolve(Tokens.FILE);
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      assertEquals(Files.readString(file).strip(), s.token());
      assertTrue(s.token().length() >= 40);
      HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/v1/ingest"))
          .header("Authorization", "Bearer " + s.token()).POST(HttpRequest.BodyPublishers.ofString(record("t", "v", "ok"))).build();
      assertEquals(200, HTTP.send(req, HttpResponse.BodyHandlers.ofString()).statusCode());
    }
    try (TailguardServer again = TailguardServer.start(ServerConfig.of(data, 0).withMonitor(NO_REFERENCE))) {
      assertEquals(Files.readString(data.resolve(Tokens.FILE)).strip(), again.token(), "reused across restarts");
    }
    Files.setPosixFilePermissions(data.resolve(Tokens.FILE), PosixFilePermissions.fromString("rw-r--r--"));
    var e = org.junit.jupiter.api.Assertions.assertThrows(org.tailguard.spec.SpecException.class,
        () -> TailguardServer.start(ServerConfig.of(data, 0).withMonitor(NO_REFERENCE)));
    assertTrue(e.getMessage().contains("readable by others"), e.getMessage());
  }

  @Test
  void reads_needNoTokenAndCarrySecurityHeaders() throws Exception {
    HttpResponse<String> h = get("/api/v1/health");
    assertEquals(200, h.statusCode());
    assertEquals("nosniff", h.headers().firstValue("X-Content-Type-Options").orElse(""));
    assertEquals("no-store", h.headers().firstValue("Cache-Control").orElse(""));
    assertNotEquals("", h.headers().firstValue("Content-Security-Policy").orElse(""));
    assertEquals("[]", get("/api/v1/runs").body());
    assertTrue(json(get("/api/v1/indicators")).size() >= 20);
    // index.html names the Chart.js version on the classpath (a WebJar upgrade must update it).
    java.util.Properties webjar = new java.util.Properties();
    try (InputStream in = ApiTest.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/chart.js/pom.properties");
        InputStream html = ApiTest.class.getResourceAsStream("/org/tailguard/server/dashboard/index.html")) {
      webjar.load(in);
      assertTrue(new String(html.readAllBytes(), StandardCharsets.UTF_8)
          .contains("/webjars/chart.js/" + webjar.getProperty("version") + "/dist/chart.umd.min.js"));
    }
  }
}
