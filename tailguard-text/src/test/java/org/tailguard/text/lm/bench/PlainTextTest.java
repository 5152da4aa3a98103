package org.tailguard.text.lm.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/** The streaming reader gives what the list-based one gave, and the regex-free split equals {@code split("\\s+")}. */
class PlainTextTest {
  @TempDir
  Path dir;

  @Test
  void split_equalsRegexSplitOnStrippedLines() {
    qt().withFixedSeed(7L).withExamples(2000).forAll(strings().betweenCodePoints(0x8, 0x7e).ofLengthBetween(0, 40))
        .assuming(s -> !s.strip().isEmpty())
        .checkAssert(s -> assertArrayEquals(s.strip().split("\\s+"), PlainText.split(s.strip()), s));
  }

  @Test
  void read_streamsTheSameSentencesAsTheListReader() throws IOException {
    Path f = dir.resolve("t.txt");
    Files.writeString(f, "the cat sat\n\n  the  dog\tsat \nrare words here\r\nthe end\n", StandardCharsets.UTF_8);
    List<String[]> lines = PlainText.lines(f);
    assertEquals(4, lines.size());
    Sentences expected = PlainText.encode(lines, Vocabulary.build(lines, 2));
    assertEquals(expected, PlainText.read(f, 2));
    assertEquals(PlainText.encode(lines, expected.vocabulary()), PlainText.read(f, expected.vocabulary()));
    assertArrayEquals(new String[] {"the", "dog", "sat"}, lines.get(1));
  }
}
