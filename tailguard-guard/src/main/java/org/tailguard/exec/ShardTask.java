package org.tailguard.exec;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tailguard.curate.Doc;
import org.tailguard.curate.DocReader;
import org.tailguard.curate.DocStage;
import org.tailguard.curate.DocWriter;
import org.tailguard.curate.GlobalStage;
import org.tailguard.curate.JsonlSink;
import org.tailguard.curate.StageStats;
import org.tailguard.curate.Verdict;
import org.tailguard.spec.SpecException;

/**
 * One phase of one shard: the unit of work every executor schedules (a datatrove task). It streams the
 * shard's documents through the phase, one at a time, and writes, in this order: the kept documents, the
 * exclusions and attributes of each stage, the keys of the closing global stage, then the statistics, then
 * the done marker, each file atomically. A crash at any point leaves either no done marker (the phase of the
 * shard reruns from scratch, overwriting what it finds) or a complete shard. The result depends only on the
 * shard, the stages and the removals, never on the thread or machine that runs it.
 */
public final class ShardTask {
  /** The pseudo-stage counting documents read from the shard (phase 0's statistics). */
  public static final String READ = "_read";
  /** The pseudo-stage counting documents written to the outputs (the last phase's statistics). */
  public static final String WRITTEN = "_written";

  private ShardTask() {}

  /**
   * Runs a phase on a shard.
   *
   * @param layout the run's directory layout
   * @param pipeline the pipeline (for the output format and stage order)
   * @param phase the phase, with built stages
   * @param shard the shard
   * @param removals the removals of {@code phase.applies()} for this shard, sorted by position (empty if none)
   * @return the shard's statistics per stage name
   * @throws SpecException on bad input, naming the file and line
   */
  public static Map<String, StageStats> run(Layout layout, Pipeline pipeline, Phase phase, Shard shard,
      List<GlobalStage.Removal> removals) {
    String id = shard.id();
    Map<String, StageStats> stats = new LinkedHashMap<>();
    GlobalStage applies = phase.applies();
    StageStats applyStats = applies == null ? null : new StageStats(applies.name(), applies.histogram());
    if (applyStats != null) {
      stats.put(applies.name(), applyStats);
    }
    List<DocStage> stages = phase.stages();
    StageStats[] st = new StageStats[stages.size()];
    for (int i = 0; i < st.length; i++) {
      st[i] = new StageStats(stages.get(i).name(), stages.get(i).histogram());
      stats.put(stages.get(i).name(), st[i]);
    }
    StageStats read = new StageStats(READ, null);
    StageStats written = new StageStats(WRITTEN, null);
    List<AutoCloseable> open = new ArrayList<>();
    try (DocReader in = phase.index() == 0 ? DocReader.open(shard.file(), shard.source())
        : DocReader.open(layout.between(phase.index() - 1, id), shard.source())) {
      DocWriter out = DocWriter.create(phase.last() ? layout.output(id, pipeline.output())
          : layout.between(phase.index(), id));
      open.add(out);
      JsonlSink applyExcluded = null;
      if (applies != null) {
        applyExcluded = JsonlSink.create(layout.excluded(applies.name(), id));
        open.add(applyExcluded);
      }
      JsonlSink[] excluded = new JsonlSink[st.length];
      JsonlSink[] attributes = new JsonlSink[st.length];
      for (int i = 0; i < st.length; i++) {
        excluded[i] = JsonlSink.create(layout.excluded(stages.get(i).name(), id));
        attributes[i] = JsonlSink.create(layout.attributes(stages.get(i).name(), id));
        open.add(excluded[i]);
        open.add(attributes[i]);
      }
      KeyWriter keys = phase.keys() == null ? null : new KeyWriter(layout.keys(phase.index(), id));
      if (keys != null) {
        open.add(keys);
      }
      int position = -1;
      int r = 0;
      docs:
      while (in.hasNext()) {
        Doc doc = in.next();
        position++;
        if (phase.index() == 0) {
          read.recordKeep(Double.NaN, doc.words());
        }
        if (applies != null) {
          while (r < removals.size() && removals.get(r).position() < position) {
            r++;
          }
          int words = doc.words();
          if (r < removals.size() && removals.get(r).position() == position) {
            GlobalStage.Removal rm = removals.get(r);
            Doc d = doc;
            applyExcluded.write(g -> {
              org.tailguard.curate.Exclusions.write(g, d, applies.name(), rm.reason(), rm.score());
              g.writeNumberField("kept_shard", rm.keptShard());
              g.writeNumberField("kept_position", rm.keptPosition());
            });
            applyStats.recordDrop(rm.reason(), rm.score(), words);
            continue;
          }
          applyStats.recordKeep(Double.NaN, words);
        }
        for (int i = 0; i < st.length; i++) {
          Verdict v;
          try {
            v = stages.get(i).apply(doc);
          } catch (RuntimeException e) {
            throw new IllegalStateException(in.where() + ": stage " + stages.get(i).name() + " failed on document "
                + doc.id() + ": " + e, e);
          }
          Doc d = doc;
          if (!v.attributes().isEmpty()) {
            attributes[i].write(g -> org.tailguard.curate.Exclusions.attributes(g, d, v.attributes()));
          }
          st[i].record(v, doc.words());
          switch (v) {
            case Verdict.Drop drop -> {
              String name = stages.get(i).name();
              excluded[i].write(g -> org.tailguard.curate.Exclusions.write(g, d, name, drop.reason(), drop.score()));
              continue docs;
            }
            case Verdict.Keep keep -> doc = keep.doc();
          }
        }
        out.write(doc);
        if (phase.last()) {
          written.recordKeep(Double.NaN, doc.words());
        }
        if (keys != null) {
          keys.write(phase.keys().key(doc));
        }
      }
      out.commit();
      if (applyExcluded != null) {
        applyExcluded.commit();
      }
      for (int i = 0; i < st.length; i++) {
        excluded[i].commit();
        attributes[i].commit();
      }
      if (keys != null) {
        keys.commit();
      }
      List<StageStats> all = new ArrayList<>(stats.values());
      if (phase.index() == 0) {
        all.add(read);
      }
      if (phase.last()) {
        all.add(written);
      }
      StatsFiles.write(layout.stats(phase.index(), id), shard, phase.index(), all);
      StatsFiles.touch(layout.done(phase.index(), id));
      return stats;
    } finally {
      for (AutoCloseable c : open) {
        try {
          c.close();
        } catch (Exception ignored) {
          // abandoning temporary files; the original failure propagates
        }
      }
    }
  }

  /** A binary file of keys: per document an int length and that many longs; atomic like the sinks. */
  static final class KeyWriter implements AutoCloseable {
    private final Path target;
    private final Path tmp;
    private final DataOutputStream out;
    private boolean done;

    KeyWriter(Path target) {
      this.target = target;
      this.tmp = target.resolveSibling(target.getFileName() + ".tmp");
      try {
        Files.createDirectories(target.getParent());
        out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16));
      } catch (IOException e) {
        throw new UncheckedIOException(target + ": " + e.getMessage(), e);
      }
    }

    void write(long[] key) {
      try {
        out.writeInt(key.length);
        for (long k : key) {
          out.writeLong(k);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(tmp + ": " + e.getMessage(), e);
      }
    }

    void commit() {
      try {
        out.close();
        done = true;
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(target + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void close() throws IOException {
      if (!done) {
        done = true;
        out.close();
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** Reads a shard's keys file. */
  public static long[][] readKeys(Path file) {
    List<long[]> out = new ArrayList<>();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      while (true) {
        int n;
        try {
          n = in.readInt();
        } catch (EOFException e) {
          break;
        }
        long[] k = new long[n];
        for (int i = 0; i < n; i++) {
          k[i] = in.readLong();
        }
        out.add(k);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
    return out.toArray(long[][]::new);
  }
}
