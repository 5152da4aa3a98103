package org.tailguard.provenance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The canonical encoding: JCS (RFC 8785) on the subset of JSON the ledger uses. */
class CanonicalJsonTest {
  private static String enc(Object v) {
    return CanonicalJson.encodeToString(v);
  }

  @Test
  void keys_areSortedAndSpaceIsRemoved() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", 1L);
    m.put("a", List.of(true, false, "x"));
    m.put("A", Map.of("z", 2, "y", -3L));
    assertEquals("{\"A\":{\"y\":-3,\"z\":2},\"a\":[true,false,\"x\"],\"b\":1}", enc(m));
    assertEquals("{\"A\":{\"y\":-3,\"z\":2},\"a\":[true,false,\"x\"],\"b\":1}",
        enc(CanonicalJson.parse("{ \"b\" : 1,\n \"a\":[true, false,\"x\"], \"A\":{\"z\":2,\"y\":-3}}"
            .getBytes(StandardCharsets.UTF_8))));
  }

  /** RFC 8785 §3.2.3 sorts keys by UTF-16 code units, which differs from code-point order above U+FFFF. */
  @Test
  void keys_sortByUtf16CodeUnits() {
    // "\u20ac" (0x20AC) < "\ud83d\ude00" (0xD83D…) < "\ufb33" (0xFB33) in UTF-16, unlike in code points.
    Map<String, Object> m = new TreeMap<>(Map.of("\ufb33", 1L, "\ud83d\ude00", 2L, "\u20ac", 3L));
    assertEquals("{\"\u20ac\":3,\"\ud83d\ude00\":2,\"\ufb33\":1}", enc(m));
  }

  @Test
  void strings_escapeOnlyWhatJcsEscapes() {
    assertEquals("\"\\\"\\\\\\b\\t\\n\\f\\r\\u0000\\u001f/\u007f\u00e9\u2028\ud83d\ude00\"",
        enc("\"\\\b\t\n\f\r\u0000\u001f/\u007f\u00e9\u2028\ud83d\ude00"));
    assertArrayEquals(new byte[] {'"', (byte) 0xc3, (byte) 0xa9, '"'}, CanonicalJson.encode("\u00e9"));
  }

  @Test
  void unsupportedValues_areRejected() {
    assertThrows(IllegalArgumentException.class, () -> enc(1.5));
    assertThrows(IllegalArgumentException.class, () -> enc(CanonicalJson.MAX_SAFE_INTEGER + 1));
    assertThrows(IllegalArgumentException.class, () -> enc("\ud800x"));
    assertThrows(IllegalArgumentException.class, () -> enc(java.util.Collections.singletonMap("a", null)));
    for (String bad : List.of("{\"a\":1,\"a\":2}", "{\"a\":1.0}", "{\"a\":null}", "{\"a\":1e3}", "{} {}", "",
        "{\"a\":9007199254740992}")) {
      assertThrows(IllegalArgumentException.class, () -> CanonicalJson.parse(bad.getBytes(StandardCharsets.UTF_8)), bad);
    }
  }

  @Test
  void requireCanonical_rejectsAnyOtherSpelling() {
    byte[] ok = "{\"a\":1,\"b\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8);
    assertEquals(Map.of("a", 1L, "b", "\u00e9"), CanonicalJson.requireCanonical(ok));
    for (String other : List.of("{\"b\":\"\u00e9\",\"a\":1}", "{\"a\": 1,\"b\":\"\u00e9\"}", "{\"a\":1,\"b\":\"\\u00e9\"}",
        "{\"a\":01,\"b\":\"\u00e9\"}", " {\"a\":1,\"b\":\"\u00e9\"}")) {
      assertThrows(IllegalArgumentException.class,
          () -> CanonicalJson.requireCanonical(other.getBytes(StandardCharsets.UTF_8)), other);
    }
  }

  @Test
  void encoding_roundTripsAndIsIdempotent() {
    qt().withFixedSeed(7L).withExamples(300)
        .forAll(lists().of(strings().allPossible().ofLengthBetween(0, 12)).ofSizeBetween(0, 6),
            lists().of(longs().between(-CanonicalJson.MAX_SAFE_INTEGER, CanonicalJson.MAX_SAFE_INTEGER))
                .ofSizeBetween(0, 6), integers().between(0, 5))
        .checkAssert((keys, nums, depth) -> {
          Map<String, Object> m = new TreeMap<>();
          for (int i = 0; i < keys.size(); i++) {
            String k = wellFormed(keys.get(i));
            m.put(k, i < nums.size() ? nums.get(i) : List.of(k, i % 2 == 0, Map.of("d", (long) depth)));
          }
          byte[] once = CanonicalJson.encode(m);
          assertEquals(m, CanonicalJson.requireCanonical(once));
          assertArrayEquals(once, CanonicalJson.encode(CanonicalJson.parse(once)));
        });
  }

  /** Replaces lone surrogates, which JCS forbids, so that the generator yields valid strings. */
  private static String wellFormed(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        b.append(c).append(s.charAt(++i));
      } else {
        b.append(Character.isSurrogate(c) ? '?' : c);
      }
    }
    return b.toString();
  }
}
