package org.tailguard.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The guard's pipeline runs: each is a folder {@code <data-dir>/pipelines/<name>/} holding the
 * {@code summary.json} the curate pipeline writes (per-source stage counters and histograms, and the mixture
 * result). Read generically as a JSON tree, so the API follows the pipeline's format as it grows. Names are
 * checked against a strict pattern and the resolved file must lie inside the pipelines folder (no
 * traversal, no symbolic link out).
 */
final class PipelineViews {
  /** The summary file's size limit: summaries are small; anything larger is not one. */
  static final long MAX_SUMMARY = 16L << 20;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final Path root;

  PipelineViews(Path dataDir) {
    this.root = dataDir.resolve("pipelines");
  }

  /** Every pipeline run with a summary: name, modification time, and the totals found in it. */
  ArrayNode list() {
    ArrayNode out = Json.array();
    if (!Files.isDirectory(root)) {
      return out;
    }
    List<Path> dirs = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
      for (Path d : ds) {
        if (NAME.matcher(d.getFileName().toString()).matches() && Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)
            && Files.isRegularFile(d.resolve("summary.json"), LinkOption.NOFOLLOW_LINKS)) {
          dirs.add(d);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list the pipelines folder: " + e.getMessage(), e);
    }
    dirs.sort(null);
    for (Path d : dirs) {
      ObjectNode o = out.addObject();
      String name = d.getFileName().toString();
      o.put("name", name);
      try {
        o.put("modified", Files.getLastModifiedTime(d.resolve("summary.json")).toInstant().toString());
        JsonNode s = summary(name);
        o.put("mixture", s.path("mixture").isTextual() ? s.path("mixture").asText() : null);
        long in = 0;
        long outDocs = 0;
        int sources = 0;
        for (JsonNode src : sources(s)) {
          sources++;
          in += src.path("documents_in").asLong();
          outDocs += src.path("documents_out").asLong();
        }
        o.put("sources", sources);
        o.put("documents_in", in);
        o.put("documents_out", outDocs);
      } catch (ApiException | IOException e) {
        o.put("error", e.getMessage());
      }
    }
    return out;
  }

  /** One run's summary, as written. */
  JsonNode summary(String name) throws IOException {
    if (name == null || !NAME.matcher(name).matches()) {
      throw ApiException.badRequest("name: must match " + NAME.pattern() + ", got '" + Views.clip(name) + "'");
    }
    Path file = root.resolve(name).resolve("summary.json");
    if (!Files.isDirectory(root.resolve(name), LinkOption.NOFOLLOW_LINKS)
        || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw ApiException.notFound("no pipeline run '" + name + "'");
    }
    Path real = file.toRealPath();
    if (!real.startsWith(root.toRealPath())) {
      throw ApiException.notFound("no pipeline run '" + name + "'");
    }
    if (Files.size(real) > MAX_SUMMARY) {
      throw new ApiException(422, "too_large", "the summary of '" + name + "' is larger than " + MAX_SUMMARY + " bytes");
    }
    try {
      return Json.MAPPER.readTree(real.toFile());
    } catch (IOException e) {
      throw new ApiException(422, "bad_summary", "the summary of '" + name + "' is not valid JSON");
    }
  }

  /** The per-source pipeline summaries: those under {@code sources}, or the root itself if it has stages. */
  static List<JsonNode> sources(JsonNode s) {
    List<JsonNode> out = new ArrayList<>();
    if (s.path("stages").isArray()) {
      out.add(s);
    }
    s.path("sources").forEach(n -> {
      if (n.path("stages").isArray()) {
        out.add(n);
      }
    });
    return out;
  }
}
