package org.tailguard.monitor;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailguard.spec.SpecException;

/**
 * POSTs each warning as JSON to a URL with the JDK's {@link HttpClient}:
 * {@code {"event": "tailguard.monitor.warning", "warning": {...}}} ({@link WarningJson}),
 * {@code Content-Type: application/json}. A response outside 2xx, a timeout or an I/O error is retried once
 * and then logged; it never fails the evaluation. Delivery is synchronous, so a returned
 * {@link Monitor#evaluate} has tried every webhook.
 */
public final class WebhookSink implements WarningSink {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSink.class);

  private final URI uri;
  private final Duration timeout;
  private final HttpClient client;
  private final String bearer;

  /**
   * @param url an http or https URL
   * @param timeout per attempt
   * @param bearerToken sent as {@code Authorization: Bearer …} if not null
   * @throws SpecException naming {@code webhook.url} if the URL is not http(s)
   */
  public WebhookSink(String url, Duration timeout, String bearerToken) {
    URI u;
    try {
      u = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new SpecException("webhook.url", "not a URL: " + url);
    }
    if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
      throw new SpecException("webhook.url", "must be an http or https URL, got " + url);
    }
    this.uri = u;
    this.timeout = timeout;
    this.bearer = bearerToken;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** A webhook with a 5-second timeout and no token. */
  public WebhookSink(String url) {
    this(url, Duration.ofSeconds(5), null);
  }

  /** The request body for a warning. */
  static String body(Warning w) {
    ObjectNode o = JsonMapper.builder().build().createObjectNode();
    o.put("event", "tailguard.monitor.warning");
    o.set("warning", WarningJson.toJson(w));
    return o.toString();
  }

  @Override
  public void accept(Warning warning) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body(warning), StandardCharsets.UTF_8));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    HttpRequest request = b.build();
    String problem = null;
    for (int attempt = 1; attempt <= 2; attempt++) {
      try {
        HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 == 2) {
          return;
        }
        problem = "HTTP " + r.statusCode();
      } catch (IOException e) {
        problem = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        problem = "interrupted";
        break;
      }
    }
    LOG.warn("webhook {}: could not deliver warning {} of {} {}: {}", uri, warning.rule(), warning.model(),
        warning.version(), problem);
  }
}
