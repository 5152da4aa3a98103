package org.tailguard.provenance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ledger's canonical JSON encoding: the single byte sequence that is hashed and signed for a value.
 *
 * <p>It is the JSON Canonicalization Scheme (RFC 8785, JCS) restricted to the value types the ledger needs,
 * for which JCS's output is exactly:
 * <ul>
 *   <li>objects with keys sorted by their UTF-16 code units (Java's {@link String#compareTo}), no duplicate
 *       keys; arrays in their given order;</li>
 *   <li>no whitespace anywhere outside strings;</li>
 *   <li>strings in UTF-8, escaping only {@code "} and {@code \} (as {@code \"} and {@code \\}), the control
 *       characters U+0008, U+0009, U+000A, U+000C, U+000D as {@code \b \t \n \f \r}, and every other
 *       character below U+0020 as {@code \}{@code u00xx} with lowercase hex; all else literal (non-ASCII as
 *       UTF-8); a lone surrogate is an error;</li>
 *   <li>numbers only as integers within ±(2<sup>53</sup> − 1), written in plain decimal (so JCS's
 *       ECMAScript number formatting gives the same digits); no fractions, exponents or {@code -0};</li>
 *   <li>{@code true} and {@code false}; no {@code null}: an absent field is omitted.</li>
 * </ul>
 * Java values map as: {@link Map} with {@link String} keys → object, {@link List} → array, {@link String},
 * {@link Long}/{@link Integer} and {@link Boolean}. Parsing accepts any JSON of these types and returns
 * sorted maps, lists, strings, longs and booleans; {@link #requireCanonical} also demands the exact
 * canonical bytes, which is how the verifier spots an edited entry that is still valid JSON.
 */
public final class CanonicalJson {
  /** The largest integer JCS (an IEEE double) represents exactly, 2^53 − 1. */
  public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private CanonicalJson() {}

  /**
   * Encodes a value canonically.
   *
   * @throws IllegalArgumentException on a null, a non-string key, an unsupported type, an integer out of
   *     range or a lone surrogate
   */
  public static byte[] encode(Object value) {
    Out out = new Out();
    write(out, value);
    return out.toByteArray();
  }

  /** Encodes a value canonically as a Java string (for display and tests). */
  public static String encodeToString(Object value) {
    return new String(encode(value), StandardCharsets.UTF_8);
  }

  /**
   * Parses JSON of the supported types (any whitespace and key order) into sorted maps, lists, strings,
   * longs and booleans.
   *
   * @throws IllegalArgumentException with a short reason if the bytes are not such JSON
   */
  public static Object parse(byte[] json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new IllegalArgumentException("empty input");
      }
      Object v = read(p, t);
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("trailing content after the JSON value");
      }
      return v;
    } catch (IOException e) {
      throw new IllegalArgumentException(oneLine(e.getMessage()), e);
    }
  }

  /** Parses a JSON object (see {@link #parse}). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(byte[] json) {
    Object v = parse(json);
    if (!(v instanceof Map)) {
      throw new IllegalArgumentException("not a JSON object");
    }
    return (Map<String, Object>) v;
  }

  /**
   * Parses bytes that must already be in canonical form.
   *
   * @throws IllegalArgumentException if they are not JSON of the supported types, or not canonical
   */
  public static Map<String, Object> requireCanonical(byte[] json) {
    Map<String, Object> v = parseObject(json);
    if (!Arrays.equals(json, encode(v))) {
      throw new IllegalArgumentException("not in canonical form");
    }
    return v;
  }

  private static Object read(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new TreeMap<>();
        for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
          String key = p.currentName();
          m.put(key, read(p, p.nextToken()));
        }
        yield m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          l.add(read(p, e));
        }
        yield l;
      }
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> {
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          throw new IllegalArgumentException("integer out of range: " + p.getText());
        }
        long v = p.getLongValue();
        if (Math.abs(v) > MAX_SAFE_INTEGER) {
          throw new IllegalArgumentException("integer out of range: " + v);
        }
        yield v;
      }
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> throw new IllegalArgumentException("null is not allowed (omit the field)");
      case VALUE_NUMBER_FLOAT -> throw new IllegalArgumentException("only integers are allowed, got " + p.getText());
      default -> throw new IllegalArgumentException("unexpected JSON token " + t);
    };
  }

  private static void write(Out out, Object v) {
    switch (v) {
      case null -> throw new IllegalArgumentException("null is not allowed in canonical JSON");
      case String s -> writeString(out, s);
      case Boolean b -> out.writeBytes(b ? TRUE : FALSE);
      case Long l -> writeLong(out, l);
      case Integer i -> writeLong(out, i);
      case Map<?, ?> m -> {
        TreeMap<String, Object> sorted = new TreeMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (!(e.getKey() instanceof String k)) {
            throw new IllegalArgumentException("object keys must be strings, got " + e.getKey());
          }
          sorted.put(k, e.getValue());
        }
        out.write('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
          if (!first) {
            out.write(',');
          }
          first = false;
          writeString(out, e.getKey());
          out.write(':');
          write(out, e.getValue());
        }
        out.write('}');
      }
      case List<?> l -> {
        out.write('[');
        for (int i = 0; i < l.size(); i++) {
          if (i > 0) {
            out.write(',');
          }
          write(out, l.get(i));
        }
        out.write(']');
      }
      default -> throw new IllegalArgumentException("unsupported type in canonical JSON: " + v.getClass().getName());
    }
  }

  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

  private static void writeLong(Out out, long v) {
    if (Math.abs(v) > MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("integer out of the exactly representable range: " + v);
    }
    out.writeBytes(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
  }

  private static void writeString(Out out, String s) {
    out.write('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> { out.write('\\'); out.write('"'); }
        case '\\' -> { out.write('\\'); out.write('\\'); }
        case '\b' -> { out.write('\\'); out.write('b'); }
        case '\t' -> { out.write('\\'); out.write('t'); }
        case '\n' -> { out.write('\\'); out.write('n'); }
        case '\f' -> { out.write('\\'); out.write('f'); }
        case '\r' -> { out.write('\\'); out.write('r'); }
        default -> {
          if (c < 0x20) {
            out.write('\\');
            out.write('u');
            out.write('0');
            out.write('0');
            out.write(HEX[c >> 4]);
            out.write(HEX[c & 0xf]);
          } else if (c < 0x80) {
            out.write(c);
          } else if (c < 0x800) {
            out.write(0xc0 | (c >> 6));
            out.write(0x80 | (c & 0x3f));
          } else if (Character.isHighSurrogate(c)) {
            if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
              throw new IllegalArgumentException("lone surrogate in a string at index " + i);
            }
            int cp = Character.toCodePoint(c, s.charAt(++i));
            out.write(0xf0 | (cp >> 18));
            out.write(0x80 | ((cp >> 12) & 0x3f));
            out.write(0x80 | ((cp >> 6) & 0x3f));
            out.write(0x80 | (cp & 0x3f));
          } else if (Character.isLowSurrogate(c)) {
            throw new IllegalArgumentException("lone surrogate in a string at index " + i);
          } else {
            out.write(0xe0 | (c >> 12));
            out.write(0x80 | ((c >> 6) & 0x3f));
            out.write(0x80 | (c & 0x3f));
          }
        }
      }
    }
    out.write('"');
  }

  /** A growable byte buffer; unlike ByteArrayOutputStream its writes are not synchronised (the hot path). */
  private static final class Out {
    private byte[] buf = new byte[512];
    private int len;

    void write(int b) {
      if (len == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      buf[len++] = (byte) b;
    }

    void writeBytes(byte[] b) {
      if (len + b.length > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + b.length));
      }
      System.arraycopy(b, 0, buf, len, b.length);
      len += b.length;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, len);
    }
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "malformed JSON";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
