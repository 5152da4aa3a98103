package org.tailguard.text.lm.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Locale;
import org.tailguard.text.lm.Arpa;
import org.tailguard.text.lm.KneserNey;
import org.tailguard.text.lm.NgramLm;
import org.tailguard.text.token.Sentences;

/**
 * The program whose memory the LM benchmark compares with IRSTLM's {@code tlm}: it does only what
 * {@code tlm -lm=msb -o=FILE} does, in a JVM of its own: read a pre-tokenised text file ({@link PlainText},
 * min-count 1), build a modified Kneser–Ney model ({@link KneserNey}), write it as ARPA ({@link Arpa}).
 * {@code --nothing} starts and exits, to measure the JVM's fixed cost.
 *
 * <p>Run: {@code java -cp ... org.tailguard.text.lm.bench.BuildArpa TRAIN.txt ORDER OUT.arpa}. It prints one
 * line, {@code read=S build=S write=S heap_peak_mb=M ngrams=N}: the phases' wall seconds, the sum of the
 * heap pools' peak use over the whole run (an upper bound of the heap in use at any instant, garbage
 * included), and the number of n-grams.
 */
public final class BuildArpa {
  private BuildArpa() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 1 && args[0].equals("--nothing")) {
      return;
    }
    if (args.length != 3) {
      System.err.println("usage: BuildArpa TRAIN.txt ORDER OUT.arpa | BuildArpa --nothing");
      System.exit(2);
    }
    long t0 = System.nanoTime();
    Sentences train = PlainText.read(Path.of(args[0]), 1);
    long t1 = System.nanoTime();
    NgramLm lm = KneserNey.train(train, Integer.parseInt(args[1]));
    train = null; // what tlm keeps after its build: the model only
    long t2 = System.nanoTime();
    Arpa.write(lm, Path.of(args[2]));
    long t3 = System.nanoTime();
    long ngrams = 0;
    for (int k = 1; k <= lm.order(); k++) {
      ngrams += lm.ngrams(k);
    }
    System.out.printf(Locale.ROOT, "read=%.3f build=%.3f write=%.3f heap_peak_mb=%.1f ngrams=%d%n",
        (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, heapPeak() / 1e6, ngrams);
  }

  /** The sum of the heap pools' peaks since the JVM started. */
  static long heapPeak() {
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
