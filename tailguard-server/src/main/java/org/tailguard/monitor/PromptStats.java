package org.tailguard.monitor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The answers one version gave to one prompt: how many, and the first {@code capacity} distinct normalised
 * answers (by hash) with their counts; answers beyond those are counted together as "other".
 *
 * <p>The monitor keeps these for a bottom-k sample of prompt ids by hash (Cohen and Kaplan, "Summarizing
 * data using bottom-k sketches", PODC 2007): the hash does not depend on the version, so two versions that
 * answered the same prompts keep the same ones and can be compared prompt by prompt.
 */
final class PromptStats {
  final String promptId;
  final String prompt;
  long answers;
  long other; // answers not among the tracked distinct ones
  long[] hashes;
  long[] counts;
  int distinct;

  PromptStats(String promptId, String prompt, int capacity) {
    this.promptId = promptId;
    this.prompt = prompt;
    this.hashes = new long[capacity];
    this.counts = new long[capacity];
  }

  /** Notes one answer, by its normalised hash. */
  void add(long hash) {
    answers++;
    for (int i = 0; i < distinct; i++) {
      if (hashes[i] == hash) {
        counts[i]++;
        return;
      }
    }
    if (distinct < hashes.length) {
      hashes[distinct] = hash;
      counts[distinct++] = 1;
    } else {
      other++;
    }
  }

  /** Whether distinct answers beyond the tracked ones may exist. */
  boolean overflowed() {
    return other > 0;
  }

  /** The tracked answer given most often (the first one on a tie), or 0 without answers. */
  long modalAnswer() {
    int best = -1;
    for (int i = 0; i < distinct; i++) {
      if (best < 0 || counts[i] > counts[best]) {
        best = i;
      }
    }
    return best < 0 ? 0 : hashes[best];
  }

  /** How many of this prompt's answers were the tracked answer with the given hash. */
  long count(long hash) {
    for (int i = 0; i < distinct; i++) {
      if (hashes[i] == hash) {
        return counts[i];
      }
    }
    return 0;
  }

  byte[] answersBytes() {
    ByteArrayOutputStream b = new ByteArrayOutputStream(16 + 16 * distinct);
    try (DataOutputStream out = new DataOutputStream(b)) {
      out.writeLong(answers);
      out.writeLong(other);
      out.writeInt(distinct);
      for (int i = 0; i < distinct; i++) {
        out.writeLong(hashes[i]);
        out.writeLong(counts[i]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.toByteArray();
  }

  static PromptStats read(String promptId, String prompt, byte[] bytes, int capacity) {
    PromptStats p = new PromptStats(promptId, prompt, capacity);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      p.answers = in.readLong();
      p.other = in.readLong();
      int n = in.readInt();
      if (n < 0 || n > 1 << 16) {
        throw new IOException("distinct answers " + n);
      }
      if (n > capacity) {
        p.hashes = Arrays.copyOf(p.hashes, n);
        p.counts = Arrays.copyOf(p.counts, n);
      }
      for (int i = 0; i < n; i++) {
        p.hashes[i] = in.readLong();
        p.counts[i] = in.readLong();
      }
      p.distinct = n;
    } catch (IOException e) {
      throw new IllegalStateException("damaged prompt answers of " + promptId + ": " + e.getMessage(), e);
    }
    return p;
  }
}
