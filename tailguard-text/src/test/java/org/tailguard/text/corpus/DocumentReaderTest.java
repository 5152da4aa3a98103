package org.tailguard.text.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.spec.SpecException;

/** The streaming reader on inputs written here, malformed ones included: each bad input fails or is counted. */
class DocumentReaderTest {
  @TempDir
  Path dir;

  private static final byte[] BAD_UTF8 = {'o', 'k', ' ', (byte) 0xC3, '(', '\n'}; // 0xC3 needs a continuation byte

  private Path write(String name, byte[]... parts) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.write(p);
    }
    Path p = dir.resolve(name);
    Files.write(p, b.toByteArray());
    return p;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(b);
    }
    return out.toByteArray();
  }

  private static List<Document> read(Path p, ReadOptions o) {
    try (Stream<Document> s = DocumentReader.open(p, o).stream()) {
      return s.toList();
    }
  }

  private static List<String> texts(List<Document> d) {
    return d.stream().map(Document::text).toList();
  }

  private static final ReadOptions LINES = ReadOptions.of(TextFormat.LINES);
  private static final ReadOptions JSONL = ReadOptions.of(TextFormat.JSONL);

  @Test
  void lines_oneDocumentPerLineWithCrlfBomAndNoFinalNewline() throws IOException {
    Path p = write("a.txt", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("first line\r\nsecond — ünïcode\nthird"));
    List<Document> d = read(p, LINES);
    assertEquals(List.of("first line", "second — ünïcode", "third"), texts(d));
    assertEquals(p + ":2", d.get(1).id());
  }

  @Test
  void file_oneDocumentPerFileAndPerFileOfADirectory() throws IOException {
    write("b.txt", utf8("two\nlines\n"));
    write("a.txt", utf8("one"));
    write(".hidden", utf8("never read"));
    List<Document> d = read(dir, ReadOptions.of(TextFormat.FILE));
    assertEquals(List.of("one", "two\nlines\n"), texts(d));
    assertEquals(dir.resolve("a.txt").toString(), d.getFirst().id());
  }

  @Test
  void jsonl_textIdAndScalarMetadata() throws IOException {
    Path p = write("d.jsonl", utf8("""
        {"id": "x1", "year": 1990, "text": "Hello \\"world\\"\\n\\u00e9", "ok": true, "nested": {"a": 1}, "none": null}
        {"text": "no id", "party": "Whig"}
        """));
    List<Document> d = read(p, JSONL);
    assertEquals("x1", d.get(0).id());
    assertEquals("Hello \"world\"\né", d.get(0).text());
    assertEquals(Map.of("year", "1990", "ok", "true"), d.get(0).metadata());
    assertEquals(List.of("year", "ok"), List.copyOf(d.get(0).metadata().keySet()));
    assertEquals(p + ":2", d.get(1).id());
    assertEquals("Whig", d.get(1).get("party"));
  }

  @Test
  void gzip_isReadTransparentlyWhateverTheName() throws IOException {
    Path p = write("plain-name.jsonl", gzip(utf8("{\"text\": \"zipped\"}\n")));
    assertEquals(List.of("zipped"), texts(read(p, JSONL)));
    assertEquals(TextFormat.JSONL, TextFormat.guess(Path.of("x/corpus.JSONL.gz")));
    assertEquals(TextFormat.LINES, TextFormat.guess(Path.of("corpus.txt.gz")));
  }

  @Test
  void invalidUtf8_failsNamingFileAndLine() throws IOException {
    Path p = write("bad.txt", utf8("fine\n"), BAD_UTF8, utf8("after\n"));
    SpecException e = assertThrows(SpecException.class, () -> read(p, LINES));
    assertEquals(p + ":2: invalid UTF-8: byte 0xC3 at byte 4 of the line (read with on-bad-input SKIP to skip and count such input)",
        e.getMessage());
  }

  @Test
  void invalidUtf8_inFileModeNamesTheLineOfTheFile() throws IOException {
    Path p = write("bad.txt", utf8("fine\n"), BAD_UTF8);
    SpecException e = assertThrows(SpecException.class, () -> read(p, ReadOptions.of(TextFormat.FILE)));
    assertTrue(e.getMessage().startsWith(p + ":2: invalid UTF-8: byte 0xC3 at byte 4 of the line"), e.getMessage());
  }

  @Test
  void encodedSurrogateAndOverlongForm_areInvalidUtf8() throws IOException {
    Path p = write("s.txt", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n', (byte) 0xC0, (byte) 0xAF, '\n'});
    DocumentReader r = DocumentReader.open(p, LINES.withOnBadInput(OnBadInput.SKIP));
    assertEquals(List.of(), r.stream().toList());
    assertEquals(2, r.skips().count(BadInput.INVALID_UTF8));
  }

  @Test
  void emptyDocuments_failOrAreCounted() throws IOException {
    Path p = write("e.txt", utf8("a\n\n  \t\nb\n"));
    SpecException e = assertThrows(SpecException.class, () -> read(p, LINES));
    assertTrue(e.getMessage().startsWith(p + ":2: empty document"), e.getMessage());
    DocumentReader r = DocumentReader.open(p, LINES.withOnBadInput(OnBadInput.SKIP));
    assertEquals(List.of("a", "b"), texts(r.stream().toList()));
    assertEquals(2, r.skips().count(BadInput.EMPTY));
    assertEquals(p + ":2", r.skips().firstAt(BadInput.EMPTY));
    Path j = write("e.jsonl", utf8("{\"text\": \"  \"}\n"));
    assertTrue(assertThrows(SpecException.class, () -> read(j, JSONL)).getMessage().startsWith(j + ":1: empty document: \"text\" is blank"));
  }

  @Test
  void overLongLine_failsOrIsSkippedWithoutLosingTheNextLine() throws IOException {
    Path p = write("long.txt", utf8("short\n" + "x".repeat(200_000) + "\nafter\n"));
    ReadOptions small = LINES.withMaxBytes(1000);
    SpecException e = assertThrows(SpecException.class, () -> read(p, small));
    assertTrue(e.getMessage().startsWith(p + ":2: too long: longer than 1000 bytes"), e.getMessage());
    DocumentReader r = DocumentReader.open(p, small.withOnBadInput(OnBadInput.SKIP));
    List<Document> d = r.stream().toList();
    assertEquals(List.of("short", "after"), texts(d));
    assertEquals(p + ":3", d.get(1).id());
    assertEquals(1, r.skips().count(BadInput.TOO_LONG));
    // A line of exactly the limit is accepted, a CR before its LF not counted.
    Path q = write("exact.txt", utf8("y".repeat(1000) + "\r\n"));
    assertEquals(1000, read(q, small).getFirst().text().length());
    Path f = write("whole.txt", utf8("z".repeat(1001)));
    assertTrue(assertThrows(SpecException.class, () -> read(f, ReadOptions.of(TextFormat.FILE).withMaxBytes(1000)))
        .getMessage().startsWith(f + ": too long"));
  }

  @Test
  void malformedJson_andMissingText_failOrAreCountedByReason() throws IOException {
    Path p = write("m.jsonl", utf8("""
        {"text": "good one"}
        {"text": "unterminated}
        [1, 2]
        {"text": "a"} {"text": "b"}
        {"text": "x", "text": "y"}
        {"id": 7}
        {"text": 42}
        {"text": {"nested": "no"}}
        """), BAD_UTF8, utf8("\n{\"text\": \"last\"}\n"));
    SpecException e = assertThrows(SpecException.class, () -> read(p, JSONL));
    assertTrue(e.getMessage().startsWith(p + ":2: malformed JSON: "), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    DocumentReader r = DocumentReader.open(p, JSONL.withOnBadInput(OnBadInput.SKIP));
    assertEquals(List.of("good one", "last"), texts(r.stream().toList()));
    SkipReport s = r.skips();
    assertEquals(4, s.count(BadInput.MALFORMED_JSON)); // unterminated, array, two objects, duplicate key
    assertEquals(3, s.count(BadInput.MISSING_TEXT));   // absent, number, object
    assertEquals(1, s.count(BadInput.INVALID_UTF8));
    assertEquals(1, s.count(BadInput.EMPTY));          // the blank line after the bad bytes
    assertEquals(9, s.total());
    assertEquals(p + ":6", s.firstAt(BadInput.MISSING_TEXT));
    assertTrue(s.toString().startsWith("skipped 9: 1 invalid UTF-8 (first at " + p + ":9), 1 empty document"), s.toString());
  }

  @Test
  void missingText_messageSaysWhatTextIs() throws IOException {
    Path p = write("t.jsonl", utf8("{\"text\": 42}\n"));
    assertEquals(p + ":1: no string field \"text\": \"text\" is a number (read with on-bad-input SKIP to skip and count such input)",
        assertThrows(SpecException.class, () -> read(p, JSONL)).getMessage());
    Path q = write("u.jsonl", utf8("{\"id\": 1}\n"));
    assertTrue(assertThrows(SpecException.class, () -> read(q, JSONL)).getMessage()
        .startsWith(q + ":1: no string field \"text\": the object has no \"text\" field"));
  }

  @Test
  void zstdAndCorruptGzip_areClearErrors() throws IOException {
    Path z = write("c.zst", new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0, 0});
    assertTrue(assertThrows(SpecException.class, () -> read(z, LINES)).getMessage().contains("zstd input is not supported"));
    byte[] gz = gzip(utf8("some text that is long enough to be compressed\n".repeat(50)));
    gz[gz.length / 2] ^= 0x55;
    Path c = write("c.gz", gz);
    RuntimeException e = assertThrows(RuntimeException.class, () -> read(c, LINES));
    assertTrue(e instanceof SpecException || e instanceof UncheckedIOException, e.toString());
    assertTrue(e.getMessage().startsWith(c.toString()), e.getMessage());
  }

  @Test
  void missingPath_isASpecError() {
    assertTrue(assertThrows(SpecException.class, () -> DocumentReader.open(dir.resolve("nope.txt"), LINES))
        .getMessage().contains("no such file or directory"));
  }

  @Test
  void readOptions_rejectBadLimits() {
    assertEquals("maxBytes: must be at least 1, got 0",
        assertThrows(SpecException.class, () -> LINES.withMaxBytes(0)).getMessage());
    assertThrows(SpecException.class, () -> LINES.withMaxBytes(Integer.MAX_VALUE));
    assertEquals(TextFormat.JSONL, TextFormat.parse("format", "JSONL"));
    assertEquals("format: unknown text format 'csv'; known: lines, file, jsonl",
        assertThrows(SpecException.class, () -> TextFormat.parse("format", "csv")).getMessage());
  }

  /** Any non-blank Unicode text, newlines and astral characters included, comes back unchanged from a JSONL line. */
  @Test
  void jsonl_roundTripsAnyText() {
    ObjectMapper json = new ObjectMapper();
    qt().withFixedSeed(31L).withExamples(200)
        .forAll(lists().of(strings().allPossible().ofLengthBetween(1, 40)).ofSizeBetween(1, 8))
        .check(texts -> {
          // Lone surrogates have no UTF-8 form (the generator makes them), so they cannot be in a file.
          List<String> kept = texts.stream()
              .filter(t -> !t.isBlank() && StandardCharsets.UTF_8.newEncoder().canEncode(t)).toList();
          StringBuilder b = new StringBuilder();
          for (String t : kept) {
            try {
              b.append(json.writeValueAsString(Map.of("text", t))).append('\n');
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
          DocumentReader r = DocumentReader.open(new ByteArrayInputStream(utf8(b.toString())), "mem", JSONL);
          List<String> back = texts(r.stream().toList());
          return back.equals(kept);
        });
  }
}
