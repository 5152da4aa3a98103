package org.tailguard.text.corpus;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The bad input a reader skipped, counted by {@link BadInput} reason, with the first place of each reason.
 *
 * <p>datatrove's exclusion counters ({@code dropped_<reason>}): every skip is counted, so the documents read
 * plus the skips account for every line. Not thread-safe; a reader owns one and callers read it after (or
 * while) iterating.
 */
public final class SkipReport {
  private final EnumMap<BadInput, Long> counts = new EnumMap<>(BadInput.class);
  private final EnumMap<BadInput, String> first = new EnumMap<>(BadInput.class);

  void add(BadInput reason, String where) {
    counts.merge(reason, 1L, Long::sum);
    first.putIfAbsent(reason, where);
  }

  /** The number of skips for a reason. */
  public long count(BadInput reason) {
    return counts.getOrDefault(reason, 0L);
  }

  /** The number of skips for all reasons. */
  public long total() {
    long n = 0;
    for (long c : counts.values()) {
      n += c;
    }
    return n;
  }

  /** The first place ({@code file:line}) skipped for a reason, or null if none was. */
  public String firstAt(BadInput reason) {
    return first.get(reason);
  }

  /** The counts by reason, for reasons with at least one skip, in {@link BadInput} order. */
  public Map<BadInput, Long> counts() {
    return Collections.unmodifiableMap(new EnumMap<>(counts));
  }

  /** One line, such as {@code skipped 3: 1 invalid UTF-8 (first at a.txt:3), 2 empty document (first at a.txt:5)}. */
  @Override
  public String toString() {
    if (counts.isEmpty()) {
      return "skipped 0";
    }
    StringBuilder b = new StringBuilder("skipped ").append(total()).append(':');
    String sep = " ";
    for (Map.Entry<BadInput, Long> e : counts.entrySet()) {
      b.append(sep).append(e.getValue()).append(' ').append(e.getKey().description())
          .append(" (first at ").append(first.get(e.getKey())).append(')');
      sep = ", ";
    }
    return b.toString();
  }
}
