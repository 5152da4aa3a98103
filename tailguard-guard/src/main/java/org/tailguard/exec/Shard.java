package org.tailguard.exec;

import java.io.Serializable;
import java.nio.file.Path;
import org.tailguard.spec.Check;

/**
 * One input file of a run, the unit of parallelism and of resumption (a datatrove task's file).
 *
 * @param id a name unique in the run, used for the shard's output files (letters, digits, '.', '_', '-')
 * @param path the input file ({@link org.tailguard.curate.DocFormat}), as a string so that it serialises
 * @param source the source of documents that do not name one
 */
public record Shard(String id, String path, String source) implements Serializable {
  public Shard {
    Check.name("shard.id", id);
    Check.required("shard.path", path);
    Check.required("shard.source", source);
  }

  /** A shard of a file, named after it (its name without extensions). */
  public static Shard of(Path file, String source) {
    String n = file.getFileName().toString();
    int dot = n.indexOf('.');
    return new Shard((dot > 0 ? n.substring(0, dot) : n).replaceAll("[^A-Za-z0-9._-]", "_"), file.toString(), source);
  }

  /** The input file. */
  public Path file() {
    return Path.of(path);
  }
}
