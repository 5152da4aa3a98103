package org.tailguard.curate;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.Type;
import org.tailguard.spec.SpecException;

/**
 * Documents in Apache Parquet through parquet-hadoop's file API on local files ({@link LocalOutputFile},
 * {@link LocalInputFile}) with a plain configuration and our own codec factory, so that no Hadoop
 * {@code Configuration} or file system is ever created: zstd (level 3, zstd-jni) on writing; zstd, gzip,
 * snappy and uncompressed on reading (pyarrow writes snappy by default).
 *
 * <p>Schema: {@code id}, {@code text}, {@code source} (required strings), {@code added}, {@code created}
 * (optional strings), {@code metadata} (an optional string map). Files from other writers need {@code id}
 * and {@code text}; their other primitive columns become metadata. Row groups of 16 MiB bound a writer's
 * buffer; a reader holds one row group.
 */
final class ParquetDocs {
  static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
      message document {
        required binary id (STRING);
        required binary text (STRING);
        required binary source (STRING);
        optional binary added (STRING);
        optional binary created (STRING);
        optional group metadata (MAP) {
          repeated group key_value {
            required binary key (STRING);
            required binary value (STRING);
          }
        }
      }""");

  private ParquetDocs() {}

  /** zstd through zstd-jni, gzip through the JDK, snappy through snappy-java: no Hadoop codecs. */
  static final class Codecs implements CompressionCodecFactory {
    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
      if (codec != CompressionCodecName.ZSTD && codec != CompressionCodecName.UNCOMPRESSED) {
        throw new UnsupportedOperationException("writing " + codec + " is not supported; use ZSTD");
      }
      return new BytesInputCompressor() {
        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
          byte[] b = bytes.toByteArray();
          return BytesInput.from(codec == CompressionCodecName.ZSTD ? Zstd.compress(b, 3) : b);
        }

        @Override
        public CompressionCodecName getCodecName() {
          return codec;
        }

        @Override
        public void release() {}
      };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
      return new BytesInputDecompressor() {
        @Override
        public BytesInput decompress(BytesInput bytes, int size) throws IOException {
          return BytesInput.from(inflate(codec, bytes.toByteArray(), size));
        }

        @Override
        public void decompress(ByteBuffer in, int compressedSize, ByteBuffer out, int size) throws IOException {
          byte[] b = new byte[compressedSize];
          in.get(b);
          out.put(inflate(codec, b, size));
        }

        @Override
        public void release() {}
      };
    }

    static byte[] inflate(CompressionCodecName codec, byte[] b, int size) throws IOException {
      byte[] out = switch (codec) {
        case UNCOMPRESSED -> b;
        case ZSTD -> Zstd.decompress(b, size);
        case SNAPPY -> org.xerial.snappy.Snappy.uncompress(b);
        case GZIP -> {
          try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
            yield in.readAllBytes();
          }
        }
        default -> throw new IOException("unsupported Parquet codec " + codec + " (supported: zstd, gzip, snappy, none)");
      };
      if (out.length != size) {
        throw new IOException("corrupt " + codec + " page: " + out.length + " bytes, expected " + size);
      }
      return out;
    }

    @Override
    public void release() {}
  }

  /** An atomic Parquet writer: {@code NAME.tmp}, then a rename on commit. */
  static final class Writer implements DocWriter {
    private final Path target;
    private final Path tmp;
    private final ParquetWriter<Group> w;
    private final SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    private long count;
    private boolean done;

    Writer(Path target) {
      this.target = target;
      this.tmp = target.resolveSibling(target.getFileName() + ".tmp");
      try {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.deleteIfExists(tmp);
        w = ExampleParquetWriter.builder(new LocalOutputFile(tmp)).withConf(new PlainParquetConfiguration())
            .withType(SCHEMA).withCodecFactory(new Codecs()).withCompressionCodec(CompressionCodecName.ZSTD)
            .withRowGroupSize(16L << 20).withPageSize(1 << 20).withDictionaryEncoding(false).build();
      } catch (IOException e) {
        throw new UncheckedIOException(target + ": cannot create: " + e.getMessage(), e);
      }
    }

    @Override
    public void write(Doc d) {
      Group g = groups.newGroup().append("id", d.id()).append("text", d.text()).append("source", d.source());
      if (d.added() != null) {
        g.append("added", d.added());
      }
      if (d.created() != null) {
        g.append("created", d.created());
      }
      if (!d.metadata().isEmpty()) {
        Group m = g.addGroup("metadata");
        d.metadata().forEach((k, v) -> m.addGroup("key_value").append("key", k).append("value", v));
      }
      try {
        w.write(g);
        count++;
      } catch (IOException e) {
        throw new UncheckedIOException(tmp + ": " + e.getMessage(), e);
      }
    }

    @Override
    public long count() {
      return count;
    }

    @Override
    public void commit() {
      try {
        w.close();
        done = true;
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(target + ": cannot commit: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      if (done) {
        return;
      }
      done = true;
      try {
        w.close();
      } catch (IOException | RuntimeException ignored) {
        // abandoned
      }
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        throw new UncheckedIOException(tmp + ": " + e.getMessage(), e);
      }
    }
  }

  /** A streaming Parquet reader, one row group at a time. */
  static final class Reader implements DocReader {
    private final Path file;
    private final String source;
    private final ParquetFileReader r;
    private final MessageType schema;
    private final MessageColumnIO io;
    private RecordReader<Group> rows;
    private long left;
    private long row;
    private Doc next;

    Reader(Path file, String source) {
      this.file = file;
      this.source = source;
      try {
        r = ParquetFileReader.open(new LocalInputFile(file),
            ParquetReadOptions.builder(new PlainParquetConfiguration()).withCodecFactory(new Codecs()).build());
      } catch (IOException | RuntimeException e) {
        throw new SpecException(file + ": not a readable Parquet file: " + firstLine(e), e);
      }
      schema = r.getFooter().getFileMetaData().getSchema();
      for (String col : new String[] {"id", "text"}) {
        if (!schema.containsField(col) || !schema.getType(col).isPrimitive()) {
          close();
          throw new SpecException(file + ": missing column \"" + col + "\" (columns: "
              + schema.getFields().stream().map(Type::getName).toList() + ")");
        }
      }
      io = new ColumnIOFactory().getColumnIO(schema);
    }

    @Override
    public boolean hasNext() {
      if (next != null) {
        return true;
      }
      try {
        while (left == 0) {
          PageReadStore pages = r.readNextRowGroup();
          if (pages == null) {
            return false;
          }
          left = pages.getRowCount();
          rows = io.getRecordReader(pages, new GroupRecordConverter(schema));
        }
        Group g = rows.read();
        left--;
        row++;
        next = toDoc(g);
        return true;
      } catch (IOException | RuntimeException e) {
        if (e instanceof SpecException s) {
          throw s;
        }
        throw new SpecException(file + ": row " + (row + 1) + ": corrupt Parquet data: " + firstLine(e), e);
      }
    }

    private Doc toDoc(Group g) {
      String where = file + ": row " + row;
      String id = str(g, "id", where, true);
      String text = str(g, "text", where, true);
      String src = str(g, "source", where, false);
      TreeMap<String, String> meta = new TreeMap<>();
      GroupType t = g.getType();
      for (int i = 0; i < t.getFieldCount(); i++) {
        Type f = t.getType(i);
        String n = f.getName();
        if (n.equals("metadata") && !f.isPrimitive()) {
          for (int k = 0; k < g.getFieldRepetitionCount(i); k++) {
            Group m = g.getGroup(i, k);
            for (int e = 0; e < m.getFieldRepetitionCount(0); e++) {
              Group kv = m.getGroup(0, e);
              if (kv.getFieldRepetitionCount(1) > 0) {
                meta.put(kv.getValueToString(0, 0), kv.getValueToString(1, 0));
              }
            }
          }
        } else if (f.isPrimitive() && !java.util.Set.of("id", "text", "source", "added", "created").contains(n)
            && g.getFieldRepetitionCount(i) > 0) {
          meta.putIfAbsent(n, g.getValueToString(i, 0));
        }
      }
      try {
        return new Doc(id, text, src == null ? source : src, str(g, "added", where, false),
            str(g, "created", where, false), meta);
      } catch (SpecException e) {
        throw new SpecException(where + ": " + e.getMessage(), e);
      }
    }

    private String str(Group g, String col, String where, boolean required) {
      if (!g.getType().containsField(col) || g.getFieldRepetitionCount(col) == 0) {
        if (required) {
          throw new SpecException(where + ": " + col + " is null");
        }
        return null;
      }
      return g.getValueToString(g.getType().getFieldIndex(col), 0);
    }

    @Override
    public Doc next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Doc d = next;
      next = null;
      return d;
    }

    @Override
    public String where() {
      return file + ": row " + row;
    }

    @Override
    public void close() {
      try {
        r.close();
      } catch (IOException e) {
        throw new UncheckedIOException(file + ": " + e.getMessage(), e);
      }
    }

    private static String firstLine(Throwable e) {
      String m = String.valueOf(e.getMessage());
      int nl = m.indexOf('\n');
      return nl < 0 ? m : m.substring(0, nl);
    }
  }

}
