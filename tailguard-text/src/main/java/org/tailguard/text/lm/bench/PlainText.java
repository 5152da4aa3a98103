package org.tailguard.text.lm.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
          out.add(s.split("\\s+"));
        }
      }
    }
    return out;
  }

  /** Sentences over a vocabulary of the words seen at least {@code minCount} times. */
  public static Sentences read(Path file, int minCount) throws IOException {
    List<String[]> lines = lines(file);
    return encode(lines, Vocabulary.build(lines, minCount));
  }

  /** Sentences over a given vocabulary; unknown words become {@code <unk>}. */
  public static Sentences read(Path file, Vocabulary vocabulary) throws IOException {
    return encode(lines(file), vocabulary);
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
}
