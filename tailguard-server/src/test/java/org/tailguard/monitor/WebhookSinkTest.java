package org.tailguard.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tailguard.spec.SpecException;

/** The webhook sink against a loopback HTTP server: body, headers, one retry, never throwing. */
class WebhookSinkTest {
  static Warning warning() {
    return new Warning("m", "v2", "distinct-n-down", "distinct_n", "v0", 0.6, 0.5, -1.0 / 6, 0.1, "m v2: distinct_n fell",
        "", new Examples(List.of(new Examples.PhraseShift("in the", 0.01, 0.02)),
            List.of(new Examples.VanishedWord("whale", 0.001, 12)), List.of(), List.of()), true, Instant.EPOCH);
  }

  @Test
  void posts_theWarningAsJson_withBearerToken_retryingOnce() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    List<String> auth = new CopyOnWriteArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hook", ex -> {
      bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      auth.add(ex.getRequestHeaders().getFirst("Authorization"));
      int status = calls.incrementAndGet() == 1 ? 503 : 204; // the first attempt fails
      ex.sendResponseHeaders(status, -1);
      ex.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
      new WebhookSink(url, Duration.ofSeconds(5), "s3cret").accept(warning());
      assertEquals(2, calls.get(), "one retry after a 503");
      JsonNode o = JsonMapper.builder().build().readTree(bodies.get(1));
      assertEquals("tailguard.monitor.warning", o.path("event").asText());
      assertEquals("distinct-n-down", o.path("warning").path("rule").asText(), o.toString());
      assertTrue(o.toString().contains("whale") && o.toString().contains("in the"), o.toString());
      assertEquals("Bearer s3cret", auth.get(0));
      // a dead endpoint is logged, not thrown
      server.stop(0);
      new WebhookSink(url, Duration.ofMillis(500), null).accept(warning());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void badUrl_namesTheField() {
    SpecException e = assertThrows(SpecException.class, () -> new WebhookSink("ftp://example/x"));
    assertTrue(e.getMessage().contains("webhook.url"), e.getMessage());
  }
}
