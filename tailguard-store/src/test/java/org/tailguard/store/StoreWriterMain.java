package org.tailguard.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.tailguard.models.Indicator;
import org.tailguard.sim.GenerationSink;

/**
 * A second process for the lock and crash tests ({@code FileChannel} locks are per process, so only a real
 * second JVM can test them). Prints one line per step on stdout.
 *
 * <pre>
 *   hold DB          write 3 generations, print "READY runId", keep the store open until stdin closes
 *   write DB CHAINS  write generations forever, printing "GEN g" after each commit, until killed
 * </pre>
 */
public final class StoreWriterMain {
  static final List<Indicator> INDICATORS = List.of(Indicator.of("a", "a"), Indicator.of("b", "b"),
      Indicator.of("c", "c"), Indicator.of("d", "d"), Indicator.log("e", "e"));

  private StoreWriterMain() {}

  public static void main(String[] args) throws IOException {
    Path db = Path.of(args[1]);
    int chains = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    try (RunStore store = RunStore.openForWriting(db)) {
      Run run = store.createRun(StoreFixtures.gaussian("child", ProcessHandle.current().pid(), chains, 1_000_000),
          StoreFixtures.LOADER, StoreFixtures.provenance());
      GenerationSink sink = store.sink(run.id());
      sink.start(INDICATORS, -1);
      double[][] rows = new double[chains][INDICATORS.size()];
      int stop = args[0].equals("hold") ? 3 : Integer.MAX_VALUE;
      for (int g = 0; g < stop; g++) {
        for (double[] row : rows) {
          for (int i = 0; i < row.length; i++) {
            row[i] = g + i * 0.1;
          }
        }
        sink.generation(g, rows);
        System.out.println("GEN " + g);
        System.out.flush();
      }
      System.out.println("READY " + run.id());
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold the store until the parent closes our stdin
      }
    } catch (StoreException e) {
      System.out.println("ERROR " + e.getMessage());
      System.exit(2);
    }
  }
}
