package org.tailguard.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a {@code FILE|-} argument as UTF-8 text, with a one-line error when the file cannot be read. */
final class Inputs {
  private Inputs() {}

  /** A reader of the file, or of standard input for {@code -}; the caller closes it. */
  static Reader open(String input) {
    if (input.equals("-")) {
      // standard input stays open for the JVM: closing this reader must not close System.in
      return new BufferedReader(new InputStreamReader(new java.io.FilterInputStream(System.in) {
        @Override
        public void close() {}
      }, StandardCharsets.UTF_8), 1 << 16);
    }
    Path p = Path.of(input);
    if (!Files.isRegularFile(p)) {
      throw new UserException(input + ": no such file");
    }
    try {
      return Files.newBufferedReader(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserException(input + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** The input's name in {@code name:line} messages. */
  static String name(String input) {
    return input.equals("-") ? "<stdin>" : input;
  }
}
