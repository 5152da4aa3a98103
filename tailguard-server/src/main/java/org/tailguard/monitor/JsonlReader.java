package org.tailguard.monitor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;

/**
 * Streams JSONL response records from bytes, one line at a time, validating each: well-formed UTF-8
 * (RFC 3629, strict: no overlong forms or encoded surrogates), one JSON object per line, the known fields
 * only, each of its type. Memory is bounded by the longest allowed line. A bad line yields a one-line
 * message naming the line and the field, such as {@code line 7: field "response": missing}. Blank lines
 * are skipped; a UTF-8 byte order mark on the first line is dropped.
 */
final class JsonlReader implements Closeable {
  /** The default longest line: 4 MiB. */
  static final int DEFAULT_MAX_LINE_BYTES = 4 << 20;

  static final Set<String> FIELDS = Set.of("model", "version", "prompt_id", "prompt", "response", "timestamp", "meta");
  private static final String KNOWN = "model, version, prompt_id, prompt, response, timestamp, meta";

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /** One line's outcome: a record, or the reason it was refused. */
  record Item(long line, ResponseRecord record, String error) {}

  private final InputStream in;
  private final int max;
  private final byte[] chunk = new byte[1 << 16];
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private int pos;
  private int limit;
  private byte[] line = new byte[1 << 12];
  private int length;
  private boolean tooLong;
  private long number;
  private boolean eof;

  private final String defaultModel;
  private final String defaultVersion;

  JsonlReader(InputStream in, int maxLineBytes) {
    this(in, maxLineBytes, null, null);
  }

  /**
   * A reader that fills a missing {@code model} or {@code version} with a default (when not null) and
   * refuses a line that names another one.
   */
  JsonlReader(InputStream in, int maxLineBytes, String defaultModel, String defaultVersion) {
    this.in = in;
    this.max = maxLineBytes;
    this.defaultModel = defaultModel;
    this.defaultVersion = defaultVersion;
  }

  /** The next non-blank line's outcome, or null at the end of the input. */
  Item next() throws IOException {
    while (readLine()) {
      if (tooLong) {
        return new Item(number, null, "line " + number + ": longer than " + max + " bytes");
      }
      if (blank()) {
        continue;
      }
      return parse();
    }
    return null;
  }

  /** The number of lines read so far. */
  long lines() {
    return number;
  }

  private boolean blank() {
    for (int i = 0; i < length; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private Item parse() {
    String text;
    ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
    CharBuffer chars = CharBuffer.allocate(length);
    utf8.reset();
    CoderResult r = utf8.decode(bytes, chars, true);
    if (r.isError()) {
      return bad("invalid UTF-8 at byte " + (bytes.position() + 1));
    }
    r = utf8.flush(chars);
    if (r.isError()) {
      return bad("invalid UTF-8 at the end of the line");
    }
    chars.flip();
    text = chars.toString();
    JsonNode o;
    try {
      o = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return bad("malformed JSON: " + e.getOriginalMessage().replace('\n', ' '));
    }
    if (o == null || !o.isObject()) {
      return bad("not a JSON object");
    }
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!FIELDS.contains(k)) {
        return bad("unknown field \"" + k + "\" (known: " + KNOWN + ")");
      }
    }
    try {
      String model = withDefault("model", name(o, "model", defaultModel == null, false), defaultModel);
      String version = withDefault("version", name(o, "version", defaultVersion == null, true), defaultVersion);
      String promptId = name(o, "prompt_id", false, true);
      String prompt = string(o, "prompt", false);
      String response = string(o, "response", true);
      Instant ts = timestamp(o);
      JsonNode meta = o.get("meta");
      if (meta != null && !meta.isNull() && !meta.isObject()) {
        throw new FieldError("meta", "must be a JSON object, got " + kind(meta));
      }
      String metaText = meta == null || meta.isNull() ? null : meta.toString();
      return new Item(number, new ResponseRecord(model, version, promptId, prompt, response, ts, metaText), null);
    } catch (FieldError e) {
      return bad("field \"" + e.field + "\": " + e.getMessage());
    }
  }

  private Item bad(String message) {
    return new Item(number, null, "line " + number + ": " + message);
  }

  private static final class FieldError extends Exception {
    final String field;

    FieldError(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }
  }

  private static String name(JsonNode o, String key, boolean required, boolean integerAllowed) throws FieldError {
    JsonNode v = o.get(key);
    String s;
    if (v == null || v.isNull()) {
      if (required) {
        throw new FieldError(key, "missing");
      }
      return null;
    } else if (v.isTextual()) {
      s = v.asText();
    } else if (integerAllowed && v.isIntegralNumber()) {
      s = v.asText();
    } else {
      throw new FieldError(key, "must be a string" + (integerAllowed ? " or an integer" : "") + ", got " + kind(v));
    }
    String problem = ResponseRecord.nameProblem(s);
    if (problem != null) {
      throw new FieldError(key, problem);
    }
    return s;
  }

  private static String withDefault(String key, String value, String dflt) throws FieldError {
    if (value == null) {
      return dflt;
    }
    if (dflt != null && !dflt.equals(value)) {
      throw new FieldError(key, "is \"" + value + "\" but the default " + key + " given is \"" + dflt + "\"");
    }
    return value;
  }

  private static String string(JsonNode o, String key, boolean required) throws FieldError {
    JsonNode v = o.get(key);
    if (v == null || v.isNull()) {
      if (required) {
        throw new FieldError(key, "missing");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new FieldError(key, "must be a string, got " + kind(v));
    }
    return v.asText();
  }

  private static Instant timestamp(JsonNode o) throws FieldError {
    JsonNode v = o.get("timestamp");
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return Instant.ofEpochMilli(v.asLong());
    }
    if (v.isTextual()) {
      try {
        return OffsetDateTime.parse(v.asText()).toInstant();
      } catch (DateTimeParseException e) {
        try {
          return Instant.parse(v.asText());
        } catch (DateTimeParseException e2) {
          throw new FieldError("timestamp", "must be an ISO-8601 date-time with offset (2026-01-31T12:00:00Z) or "
              + "epoch milliseconds, got \"" + WarningEngine.abbreviate(v.asText(), 40) + "\"");
        }
      }
    }
    throw new FieldError("timestamp", "must be an ISO-8601 string or epoch milliseconds, got " + kind(v));
  }

  private static String kind(JsonNode v) {
    return switch (v.getNodeType()) {
      case ARRAY -> "an array";
      case BOOLEAN -> v.asText();
      case NUMBER -> "the number " + v.asText();
      case OBJECT -> "an object";
      case STRING -> "a string";
      default -> v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** Reads the next line into {@code line}; false at the end. A longer line than the limit streams past. */
  private boolean readLine() throws IOException {
    length = 0;
    tooLong = false;
    if (eof) {
      return false;
    }
    boolean any = false;
    while (true) {
      if (pos == limit) {
        int n = in.read(chunk, 0, chunk.length);
        if (n <= 0) {
          eof = true;
          pos = limit = 0;
          if (!any) {
            return false;
          }
          break;
        }
        pos = 0;
        limit = n;
      }
      any = true;
      int nl = -1;
      for (int i = pos; i < limit; i++) {
        if (chunk[i] == '\n') {
          nl = i;
          break;
        }
      }
      int end = nl < 0 ? limit : nl;
      append(pos, end - pos);
      pos = nl < 0 ? limit : nl + 1;
      if (nl >= 0) {
        break;
      }
    }
    number++;
    if (!tooLong && length > 0 && line[length - 1] == '\r') {
      length--;
    }
    if (length > max) {
      tooLong = true;
      length = 0;
    }
    if (number == 1 && length >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB && (line[2] & 0xff) == 0xBF) {
      System.arraycopy(line, 3, line, 0, length - 3);
      length -= 3;
    }
    return true;
  }

  private void append(int from, int n) {
    if (tooLong) {
      return;
    }
    if ((long) length + n > (long) max + 1) { // +1: a CR before the LF does not count
      tooLong = true;
      length = 0;
      return;
    }
    if (length + n > line.length) {
      line = Arrays.copyOf(line, (int) Math.min(Math.max((long) line.length * 2, length + n), (long) max + 1));
    }
    System.arraycopy(chunk, from, line, length, n);
    length += n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
