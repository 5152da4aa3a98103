package org.tailguard.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One JSON line per document, metadata kept, decisions at the model's calibrated threshold. */
class StreamScorerTest {
  final ObjectMapper json = new ObjectMapper();

  @Test
  void jsonl_givesOneLinePerDocumentWithMetadata() throws Exception {
    DetectorModel m = Fixtures.small().model();
    StringBuilder in = new StringBuilder();
    List<String> texts = List.of(Fixtures.small().human().get(0), Fixtures.small().machine().get(0));
    for (int i = 0; i < texts.size(); i++) {
      in.append(json.writeValueAsString(java.util.Map.of("id", "d" + i, "text", texts.get(i), "domain", "brown"))).append('\n');
    }
    in.append("\n{\"id\": \"bad\"}\nnot json\n");
    StringWriter out = new StringWriter();
    StreamScorer.Summary s = new StreamScorer(m, "classifier", 0.01).score(new StringReader(in.toString()),
        StreamScorer.Format.AUTO, out);
    String[] lines = out.toString().split("\n");
    assertEquals(4, lines.length);
    assertEquals(4, s.documents());
    assertEquals(2, s.errors());
    for (int i = 0; i < 2; i++) {
      JsonNode o = json.readTree(lines[i]);
      assertEquals("d" + i, o.path("id").asText());
      assertEquals("brown", o.path("domain").asText());
      assertTrue(o.path("text").isMissingNode(), "the text is not echoed");
      Decision d = m.decide("classifier", m.analyze(texts.get(i)), "brown", 0.01);
      assertEquals(d.score(), o.path("score").asDouble(), 1e-12);
      assertEquals(d.machine(), o.path("machine").asBoolean());
      assertEquals(m.detectors().size(), o.path("scores").size());
    }
    assertTrue(json.readTree(lines[2]).path("error").asText().contains("line 4"));
    assertTrue(json.readTree(lines[3]).path("error").asText().contains("invalid JSON"));
  }

  @Test
  void plainText_isOneDocument() throws Exception {
    DetectorModel m = Fixtures.small().model();
    StringWriter out = new StringWriter();
    new StreamScorer(m, "binoculars", 0.05).score(new StringReader("  " + Fixtures.small().human().get(1)),
        StreamScorer.Format.AUTO, out);
    JsonNode o = json.readTree(out.toString());
    assertEquals("binoculars", o.path("detector").asText());
    assertEquals(Fixtures.LENGTH, o.path("words").asInt());
    assertEquals(m.thresholds("binoculars", 0.05).threshold(null, 60), o.path("threshold").asDouble(), 0);
  }
}
