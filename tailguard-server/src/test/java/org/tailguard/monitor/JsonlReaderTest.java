package org.tailguard.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonlReaderTest {
  private static List<JsonlReader.Item> read(byte[] bytes, int max) throws IOException {
    List<JsonlReader.Item> out = new ArrayList<>();
    try (JsonlReader r = new JsonlReader(new ByteArrayInputStream(bytes), max)) {
      for (JsonlReader.Item i = r.next(); i != null; i = r.next()) {
        out.add(i);
      }
    }
    return out;
  }

  private static List<JsonlReader.Item> read(String text) throws IOException {
    return read(text.getBytes(StandardCharsets.UTF_8), 1 << 20);
  }

  private static String error(String line) throws IOException {
    List<JsonlReader.Item> items = read(line);
    assertEquals(1, items.size());
    assertNull(items.get(0).record(), "expected an error for " + line);
    return items.get(0).error();
  }

  @Test
  void read_validRecord_allFields() throws IOException {
    List<JsonlReader.Item> items = read("{\"model\":\"m\",\"version\":\"v1\",\"prompt_id\":\"p1\",\"prompt\":\"Hi\","
        + "\"response\":\"Hello there.\",\"timestamp\":\"2026-01-31T12:00:00+01:00\",\"meta\":{\"temperature\":0.7}}\n");
    ResponseRecord r = items.get(0).record();
    assertEquals("m", r.model());
    assertEquals("v1", r.version());
    assertEquals("p1", r.promptId());
    assertEquals("Hi", r.prompt());
    assertEquals("Hello there.", r.response());
    assertEquals(Instant.parse("2026-01-31T11:00:00Z"), r.timestamp());
    assertEquals("{\"temperature\":0.7}", r.meta());
  }

  @Test
  void read_integerVersionAndEpochTimestamp_accepted() throws IOException {
    ResponseRecord r = read("{\"model\":\"m\",\"version\":3,\"prompt_id\":17,\"response\":\"\",\"timestamp\":1000}").get(0).record();
    assertEquals("3", r.version());
    assertEquals("17", r.promptId());
    assertEquals("", r.response());
    assertEquals(Instant.ofEpochMilli(1000), r.timestamp());
  }

  @Test
  void read_missingResponse_namesLineAndField() throws IOException {
    List<JsonlReader.Item> items = read("{\"model\":\"m\",\"version\":\"v\",\"response\":\"a\"}\n"
        + "{\"model\":\"m\",\"version\":\"v\"}\n");
    assertEquals("line 2: field \"response\": missing", items.get(1).error());
    assertEquals(2, items.get(1).line());
  }

  @Test
  void read_badFields_oneLineMessages() throws IOException {
    assertEquals("line 1: field \"model\": missing", error("{\"version\":\"v\",\"response\":\"a\"}"));
    assertEquals("line 1: field \"model\": must not be empty", error("{\"model\":\"\",\"version\":\"v\",\"response\":\"a\"}"));
    assertEquals("line 1: field \"version\": must be a string or an integer, got true",
        error("{\"model\":\"m\",\"version\":true,\"response\":\"a\"}"));
    assertEquals("line 1: field \"response\": must be a string, got the number 12",
        error("{\"model\":\"m\",\"version\":\"v\",\"response\":12}"));
    assertEquals("line 1: field \"meta\": must be a JSON object, got an array",
        error("{\"model\":\"m\",\"version\":\"v\",\"response\":\"a\",\"meta\":[1]}"));
    assertTrue(error("{\"model\":\"m\",\"version\":\"v\",\"response\":\"a\",\"extra\":1}")
        .startsWith("line 1: unknown field \"extra\" (known: model, version"));
    assertTrue(error("{\"model\":\"m\",\"version\":\"v\",\"response\":\"a\",\"timestamp\":\"yesterday\"}")
        .startsWith("line 1: field \"timestamp\": must be an ISO-8601 date-time"));
    assertTrue(error("{\"model\":\"m\",\"version\":\"v\",\"response\":\"a\"").startsWith("line 1: malformed JSON: "));
    assertTrue(error("{\"model\":\"m\",\"model\":\"n\",\"version\":\"v\",\"response\":\"a\"}").contains("Duplicate field"));
    assertEquals("line 1: not a JSON object", error("[1, 2]"));
    assertTrue(error("{\"model\":\"m\",\"version\":\"v\",\"response\":\"a\"} {}").startsWith("line 1: malformed JSON"));
    assertTrue(error("{\"model\":\"a\\u0001b\",\"version\":\"v\",\"response\":\"a\"}")
        .startsWith("line 1: field \"model\": must not contain control characters"));
  }

  @Test
  void read_invalidUtf8_namesByte() throws IOException {
    byte[] prefix = "{\"model\":\"m\",\"version\":\"v\",\"response\":\"".getBytes(StandardCharsets.UTF_8);
    byte[][] bad = {
        {(byte) 0xC0, (byte) 0xAF}, // overlong '/'
        {(byte) 0x80}, // lone continuation byte
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // encoded surrogate U+D800
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
        {(byte) 0xE2, (byte) 0x82}}; // truncated sequence
    for (byte[] b : bad) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(prefix);
      out.write(b);
      out.write("\"}".getBytes(StandardCharsets.UTF_8));
      List<JsonlReader.Item> items = read(out.toByteArray(), 1 << 20);
      assertEquals("line 1: invalid UTF-8 at byte " + (prefix.length + 1), items.get(0).error());
    }
  }

  @Test
  void read_blankLinesBomAndCrlf_handled() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    String body = "{\"model\":\"m\",\"version\":\"v\",\"response\":\"a\"}\r\n\r\n   \n{\"model\":\"m\",\"version\":\"v\",\"response\":\"b\"}";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bom);
    out.write(body.getBytes(StandardCharsets.UTF_8));
    List<JsonlReader.Item> items = read(out.toByteArray(), 1 << 20);
    assertEquals(2, items.size());
    assertEquals("a", items.get(0).record().response());
    assertEquals("b", items.get(1).record().response());
    assertEquals(4, items.get(1).line());
  }

  @Test
  void read_tooLongLine_skippedWithMessage_nextLineRead() throws IOException {
    String longLine = "{\"model\":\"m\",\"version\":\"v\",\"response\":\"" + "x".repeat(200) + "\"}";
    List<JsonlReader.Item> items = read((longLine + "\n{\"model\":\"m\",\"version\":\"v\",\"response\":\"ok\"}\n")
        .getBytes(StandardCharsets.UTF_8), 100);
    assertEquals("line 1: longer than 100 bytes", items.get(0).error());
    assertEquals("ok", items.get(1).record().response());
  }
}
