package org.tailguard.provenance;

import java.nio.file.Path;
import java.util.Iterator;

/**
 * A second process for the crash test: appends batches of document claims forever, printing
 * {@code BATCH b} after each commit. In {@code pause} mode it prints {@code MID b} halfway through each batch,
 * inside the batch's transaction, and waits there for a second so that the parent can kill it mid-batch.
 *
 * <pre>  LEDGER KEYFILE BATCHSIZE pause|run</pre>
 */
public final class LedgerWriterMain {
  private LedgerWriterMain() {}

  public static void main(String[] args) throws Exception {
    Path ledger = Path.of(args[0]);
    int size = Integer.parseInt(args[2]);
    boolean pause = args[3].equals("pause");
    try (Ledger l = Ledger.openForWriting(ledger, Path.of(args[1]))) {
      int next = 1;
      for (long b = l.head().batch() + 1; ; b++) {
        long batch = b;
        int first = next;
        Iterator<Claim> claims = new Iterator<>() {
          int i = 0;

          @Override
          public boolean hasNext() {
            return i < size;
          }

          @Override
          public Claim next() {
            if (pause && i == size / 2) {
              System.out.println("MID " + batch);
              System.out.flush();
              try {
                Thread.sleep(1000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return LedgerFixtures.doc(first + i++);
          }
        };
        BatchReceipt r = l.appendAll(claims, size).getFirst();
        next += size;
        System.out.println("BATCH " + r.batch() + " " + (r.firstSeq() + r.count() - 1));
        System.out.flush();
      }
    } catch (LedgerException e) {
      System.out.println("ERROR " + e.getMessage());
      System.exit(2);
    }
  }
}
