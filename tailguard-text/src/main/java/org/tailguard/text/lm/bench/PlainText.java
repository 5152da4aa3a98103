package org.tailguard.text.lm.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/**
 * Pre-tokenised text, one sentence per line, tokens separated by white space: the input format of
 * IRSTLM's {@code tlm} and SRILM's {@code ngram-count}, so that both toolkits see exactly the same tokens.
 *
 * <p>Used by the peer cross-check and the benchmarks; the bundled corpora and the Lucene tokenizer live in
 * {@code org.tailguard.text.corpus} and {@code org.tailguard.text.token}.
 */
public final class PlainText {
  private PlainText() {}

  /** The file's non-empty lines, split on white space. */
  public static List<String[]> lines(Path file) throws IOException {
    List<String[]> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String s = line.strip();
        if (!s.isEmpty()) {
          out.add(split(s));
        }
      }
    }
    return out;
  }

  /**
   * Sentences over a vocabulary of the words seen at least {@code minCount} times. Streams the file twice
   * (word counts, then ids), so that only the encoded {@code int[]} sentences stay in memory, never the
   * text as {@code String}s.
   */
  public static Sentences read(Path file, int minCount) throws IOException {
    Iterable<String[]> lines = () -> new LineIterator(file);
    try {
      return encodeAll(lines, Vocabulary.build(lines, minCount));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Sentences over a given vocabulary; unknown words become {@code <unk>}. Streams the file once. */
  public static Sentences read(Path file, Vocabulary vocabulary) throws IOException {
    try {
      return encodeAll(() -> new LineIterator(file), vocabulary);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static Sentences encodeAll(Iterable<String[]> lines, Vocabulary vocabulary) {
    List<int[]> s = new ArrayList<>();
    for (String[] tokens : lines) {
      s.add(vocabulary.encode(tokens));
    }
    return new Sentences(vocabulary, s.toArray(new int[0][]));
  }

  public static Sentences encode(List<String[]> lines, Vocabulary vocabulary) {
    int[][] s = new int[lines.size()][];
    for (int i = 0; i < s.length; i++) {
      s[i] = vocabulary.encode(lines.get(i));
    }
    return new Sentences(vocabulary, s);
  }

  /** Writes sentences one per line, each wrapped in {@code <s> .. </s>} if {@code boundaries}. */
  public static void write(Sentences sentences, Path file, boolean boundaries) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < sentences.size(); i++) {
        if (boundaries) {
          w.write(Vocabulary.BOS_WORD);
          w.write(' ');
        }
        w.write(String.join(" ", sentences.words(i)));
        if (boundaries) {
          w.write(' ');
          w.write(Vocabulary.EOS_WORD);
        }
        w.write('\n');
      }
    }
  }

  /** A stripped, non-empty line split on runs of ASCII white space: {@code line.split("\\s+")}, without the regex. */
  static String[] split(String line) {
    int tokens = 0;
    boolean in = false;
    for (int i = 0; i < line.length(); i++) {
      boolean space = isSpace(line.charAt(i));
      if (!space && !in) {
        tokens++;
      }
      in = !space;
    }
    String[] out = new String[tokens];
    int t = 0;
    int begin = -1;
    for (int i = 0; i <= line.length(); i++) {
      boolean space = i == line.length() || isSpace(line.charAt(i));
      if (space && begin >= 0) {
        out[t++] = line.substring(begin, i);
        begin = -1;
      } else if (!space && begin < 0) {
        begin = i;
      }
    }
    return out;
  }

  /** The characters of the regex class {@code \s}. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /** The non-empty lines of a file, split on white space, read lazily; closes the file at its end. */
  private static final class LineIterator implements Iterator<String[]> {
    private final BufferedReader reader;
    private String[] next;

    LineIterator(Path file) {
      try {
        reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      advance();
    }

    private void advance() {
      try {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          String s = line.strip();
          if (!s.isEmpty()) {
            next = split(s);
            return;
          }
        }
        next = null;
        reader.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public String[] next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      String[] out = next;
      advance();
      return out;
    }
  }
}
