package org.tailguard.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Bridges picocli's writer to libraries that print to a PrintStream, so in-process tests capture them. */
final class WriterOutputStream extends OutputStream {
  private final PrintWriter w;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  private WriterOutputStream(PrintWriter w) {
    this.w = w;
  }

  /** A UTF-8 print stream that writes, line by line, to {@code w}. */
  static PrintStream printStream(PrintWriter w) {
    return new PrintStream(new WriterOutputStream(w), true, StandardCharsets.UTF_8);
  }

  @Override
  public void write(int b) {
    line.write(b);
    if (b == '\n') {
      flush();
    }
  }

  @Override
  public void flush() {
    w.print(line.toString(StandardCharsets.UTF_8));
    w.flush();
    line.reset();
  }
}
