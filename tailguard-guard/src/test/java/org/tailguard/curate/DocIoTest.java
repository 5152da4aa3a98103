package org.tailguard.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.spec.SpecException;

/** Documents round-trip through every format; bad input gets a one-line error naming file and line or row. */
class DocIoTest {
  @TempDir
  Path tmp;

  static List<Doc> docs() {
    return List.of(new Doc("a", "Hello, world.\nSecond line é ü 中文.", "web", "2021-03-01T00:00:00Z", null,
            Map.of("url", "http://example.org/a", "lang", "en")),
        Doc.of("b", "", "web"), new Doc("c", "x".repeat(100_000), "books", null, "1851-10-18T00:00:00Z", Map.of()));
  }

  static List<Doc> read(Path f) {
    List<Doc> out = new ArrayList<>();
    try (DocReader r = DocReader.open(f, "default")) {
      r.forEachRemaining(out::add);
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"d.jsonl", "d.jsonl.gz", "d.jsonl.zst", "d.parquet"})
  void roundTrip_everyFormat(String name) {
    Path f = tmp.resolve(name);
    try (DocWriter w = DocWriter.create(f)) {
      docs().forEach(w::write);
      assertFalse(Files.exists(f), "nothing under the final name before commit");
      w.commit();
    }
    assertEquals(docs(), read(f));
    assertFalse(Files.exists(tmp.resolve(name + ".tmp")));
  }

  @Test
  void writer_closedWithoutCommit_leavesNothing() {
    Path f = tmp.resolve("x.jsonl.zst");
    try (DocWriter w = DocWriter.create(f)) {
      w.write(docs().getFirst());
    }
    assertFalse(Files.exists(f));
    assertFalse(Files.exists(tmp.resolve("x.jsonl.zst.tmp")));
  }

  static String error(Path f) {
    return assertThrows(SpecException.class, () -> read(f)).getMessage();
  }

  @Test
  void jsonl_badLines_nameFileAndLine() throws IOException {
    String ok = "{\"id\":\"1\",\"text\":\"fine\"}\n";
    Path f = tmp.resolve("bad.jsonl");
    Files.writeString(f, ok + ok + "{\"id\":\"3\",\"text\":\"unterminated\n");
    assertTrue(error(f).startsWith(f + ":3: malformed JSON"), error(f));
    Files.writeString(f, ok + "{\"text\":\"no id\"}\n");
    assertEquals(f + ":2: missing key \"id\" (every document needs a stable id)", error(f));
    Files.writeString(f, ok + "\n{\"id\":7}\n");
    assertEquals(f + ":3: missing key \"text\"", error(f));
    Files.writeString(f, "{\"id\":1,\"text\":[1]}\n");
    assertEquals(f + ":1: key \"text\" must be a string, got an array", error(f));
    Files.writeString(f, "{\"id\":1,\"text\":\"t\",\"added\":\"yesterday\"}\n");
    assertTrue(error(f).startsWith(f + ":1: doc.added: must be an ISO-8601 time"), error(f));
    byte[] bad = (ok + "{\"id\":\"2\",\"text\":\"caf").getBytes(StandardCharsets.UTF_8);
    bad = Arrays.copyOf(bad, bad.length + 4);
    bad[bad.length - 4] = (byte) 0xC3;
    bad[bad.length - 3] = (byte) 0x28;
    bad[bad.length - 2] = '"';
    bad[bad.length - 1] = '}';
    Files.write(f, bad);
    assertEquals(f + ":2: invalid UTF-8", error(f));
  }

  @Test
  void compressed_truncated_namesFile() throws IOException {
    for (String name : List.of("t.jsonl.gz", "t.jsonl.zst")) {
      Path f = tmp.resolve(name);
      try (DocWriter w = DocWriter.create(f)) {
        for (int i = 0; i < 2000; i++) {
          w.write(Doc.of("d" + i, "some text number " + i + " with more words to compress " + i * 31, "s"));
        }
        w.commit();
      }
      byte[] all = Files.readAllBytes(f);
      Files.write(f, Arrays.copyOf(all, all.length / 2));
      String m = error(f);
      assertTrue(m.startsWith(f + ":") && m.contains("corrupt compressed input"), m);
    }
  }

  @Test
  void parquet_badFiles_nameFileAndRow() throws IOException {
    Path junk = tmp.resolve("junk.parquet");
    Files.writeString(junk, "this is not parquet at all");
    assertTrue(error(junk).startsWith(junk + ": not a readable Parquet file"), error(junk));

    MessageType noText = MessageTypeParser.parseMessageType("message m { required binary id (STRING); "
        + "optional binary content (STRING); }");
    Path f = tmp.resolve("notext.parquet");
    write(f, noText, g -> g.append("id", "1").append("content", "x"));
    assertEquals(f + ": missing column \"text\" (columns: [id, content])", error(f));

    MessageType nullable = MessageTypeParser.parseMessageType("message m { required binary id (STRING); "
        + "optional binary text (STRING); optional int64 year; }");
    Path g = tmp.resolve("nulltext.parquet");
    write(g, nullable, x -> x.append("id", "1").append("text", "ok").append("year", 1851L),
        x -> x.append("id", "2"));
    assertEquals(g + ": row 2: text is null", error(g));
    try (DocReader r = DocReader.open(g, "src")) {
      assertEquals(Map.of("year", "1851"), r.next().metadata(), "other columns become metadata");
    }
    byte[] all = Files.readAllBytes(g);
    Files.write(g, Arrays.copyOf(all, all.length - 20));
    assertTrue(error(g).startsWith(g + ": not a readable Parquet file"), error(g));
  }

  @SafeVarargs
  static void write(Path f, MessageType schema, java.util.function.Consumer<Group>... rows) throws IOException {
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(f))
        .withConf(new PlainParquetConfiguration()).withType(schema).withCodecFactory(new ParquetDocs.Codecs())
        .withCompressionCodec(CompressionCodecName.ZSTD).build()) {
      SimpleGroupFactory gf = new SimpleGroupFactory(schema);
      for (var row : rows) {
        Group g = gf.newGroup();
        row.accept(g);
        w.write(g);
      }
    }
  }

  @Test
  void format_unknownExtension_isRefused() {
    assertThrows(SpecException.class, () -> DocFormat.of(Path.of("x.csv")));
    assertEquals(DocFormat.JSONL_ZST, DocFormat.of(Path.of("x.ndjson.zstd")));
  }
}
