package org.tailguard.text.token;

/**
 * Where a {@link WordTokenizer} ends sentences.
 *
 * <p>{@link #DETECT} finds them in running prose; {@link #LINES} trusts text that is already one sentence
 * per line, as the Brown corpus is ({@link org.tailguard.text.corpus.BundledCorpus#sentencePerLine()}).
 */
public enum SentenceMode {
  /**
   * Sentences by the JDK's English sentence {@link java.text.BreakIterator} (UAX #29 sentence boundaries),
   * never across a blank line, and not after a title, an initial or {@code U.S.} (see {@link WordTokenizer}).
   * A single line break does not end a sentence, so hard-wrapped text reads correctly.
   */
  DETECT,
  /** Each non-blank line is one sentence. */
  LINES
}
