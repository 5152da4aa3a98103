package org.tailguard.curate.dedup;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/** Runs index-addressed work on a bounded pool; each result lands at its index, so order never matters. */
final class Parallel {
  private Parallel() {}

  static void forEach(int n, int threads, IntConsumer task) {
    if (threads == 1 || n < 2) {
      for (int i = 0; i < n; i++) {
        task.accept(i);
      }
      return;
    }
    try (ForkJoinPool pool = new ForkJoinPool(threads)) {
      pool.submit(() -> IntStream.range(0, n).parallel().forEach(task)).join();
    }
  }
}
