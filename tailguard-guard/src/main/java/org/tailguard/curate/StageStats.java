package org.tailguard.curate;

import java.util.Map;
import java.util.TreeMap;

/**
 * The counters of one stage over some documents, as datatrove's stats: {@code total} seen, {@code kept},
 * {@code dropped_<reason>}, plus word counts in and out; and the histogram of the stage's primary score.
 *
 * <p>Stats merge by adding, so the stats of all shards add up to the run's; {@link #check} asserts
 * {@code total = kept + Σ dropped}.
 */
public final class StageStats {
  private final String stage;
  private final TreeMap<String, Long> counters = new TreeMap<>();
  private final Histogram histogram;

  public StageStats(String stage, Histogram.Spec histogram) {
    this.stage = stage;
    this.histogram = histogram == null ? null : new Histogram(histogram);
    counters.put("total", 0L);
    counters.put("kept", 0L);
  }

  /** Rebuilds stats from stored counters and histogram counts (null if none). */
  public static StageStats of(String stage, Map<String, Long> counters, Histogram.Spec spec, long[] histogram) {
    StageStats s = new StageStats(stage, spec);
    s.counters.putAll(counters);
    if (spec != null && histogram != null) {
      s.histogram.merge(Histogram.of(spec, histogram));
    }
    return s;
  }

  public String stage() {
    return stage;
  }

  /** Records one verdict on a document of {@code wordsIn} words. */
  public void record(Verdict v, int wordsIn) {
    add("total", 1);
    add("words_in", wordsIn);
    switch (v) {
      case Verdict.Keep k -> {
        add("kept", 1);
        add("words_kept", k.doc() == null ? 0 : Words.count(k.doc().text()));
      }
      case Verdict.Drop d -> add("dropped_" + d.reason(), 1);
    }
    if (histogram != null) {
      histogram.add(v.score());
    }
  }

  /** Records a removal decided by a global stage. */
  public void recordDrop(String reason, double score, int wordsIn) {
    add("total", 1);
    add("words_in", wordsIn);
    add("dropped_" + reason, 1);
    if (histogram != null) {
      histogram.add(score);
    }
  }

  /** Records a document a global stage kept. */
  public void recordKeep(double score, int words) {
    add("total", 1);
    add("kept", 1);
    add("words_in", words);
    add("words_kept", words);
    if (histogram != null) {
      histogram.add(score);
    }
  }

  /** Adds {@code n} to a counter. */
  public void add(String counter, long n) {
    counters.merge(counter, n, Long::sum);
  }

  /** Adds another shard's stats of the same stage. */
  public void merge(StageStats o) {
    if (!o.stage.equals(stage)) {
      throw new IllegalArgumentException("cannot merge stats of " + o.stage + " into " + stage);
    }
    o.counters.forEach(this::add);
    if (histogram != null && o.histogram != null) {
      histogram.merge(o.histogram);
    }
  }

  /** The counters, sorted by name. */
  public Map<String, Long> counters() {
    return java.util.Collections.unmodifiableMap(counters);
  }

  public long get(String counter) {
    return counters.getOrDefault(counter, 0L);
  }

  /** The sum of the {@code dropped_*} counters. */
  public long dropped() {
    return counters.entrySet().stream().filter(e -> e.getKey().startsWith("dropped_")).mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** The histogram, or null. */
  public Histogram histogram() {
    return histogram;
  }

  /**
   * Checks {@code total = kept + Σ dropped}.
   *
   * @throws IllegalStateException naming the stage if the counters disagree
   */
  public void check() {
    if (get("total") != get("kept") + dropped()) {
      throw new IllegalStateException("stage " + stage + ": total " + get("total") + " != kept " + get("kept")
          + " + dropped " + dropped());
    }
  }
}
