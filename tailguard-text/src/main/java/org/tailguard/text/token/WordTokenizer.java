package org.tailguard.text.token;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * The project's word tokenizer: Lucene's {@code StandardTokenizer} (Unicode UAX #29 word boundaries) and
 * {@code LowerCaseFilter}, with sentence boundaries, giving each sentence as a {@code String[]} of words.
 *
 * <p>The choices, against the lower-cased, punctuation-free words of Guo et al. (collapse-science.md §A10,
 * NLTK's WordPunct tokenizer):
 * <ul>
 *   <li><b>Case</b>: lower-cased (locale-independent).</li>
 *   <li><b>Punctuation</b>: removed; no token is punctuation. Brown's {@code ``} and {@code ''} quotes vanish.</li>
 *   <li><b>Apostrophes</b>: kept inside a word, so "don't", "nation's" and "o'clock" are one word each
 *       (WordPunct would give "don", "t"). The typographic apostrophe ’ (and ʼ, ＇) is mapped to ', so
 *       "don’t" and "don't" are the same word.</li>
 *   <li><b>Hyphens</b>: split, so "hard-fought" is "hard", "fought" (as WordPunct, once its "-" is removed).</li>
 *   <li><b>Numbers</b>: kept as words, with inner separators: "1990", "3.5", "3,000,000". Inner periods stay
 *       in abbreviations too: "U.S." is "u.s".</li>
 *   <li><b>Sentences</b>: see {@link SentenceMode}; a sentence with no words (such as "—") is dropped.</li>
 * </ul>
 * Not thread-safe (it reuses one Lucene token stream and one {@code BreakIterator}): use one per thread.
 * Words are interned per tokenizer, so a large corpus holds one string per distinct word.
 */
public final class WordTokenizer {
  /** The interning cache stops growing here, so a long-lived tokenizer cannot exhaust the heap. */
  private static final int MAX_CACHED = 1 << 21;

  private final SentenceSplitter splitter;
  private final StandardTokenizer source = new StandardTokenizer();
  private final TokenStream stream = new LowerCaseFilter(source);
  private final CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
  private final CharArrayMap<String> interned = new CharArrayMap<>(1 << 12, false);
  private final List<String> current = new ArrayList<>();

  public WordTokenizer(SentenceMode mode) {
    this.splitter = new SentenceSplitter(mode);
  }

  /** The sentences of a text, each as its words in order. */
  public List<String[]> sentences(String text) {
    List<String[]> out = new ArrayList<>();
    sentences(text, out::add);
    return out;
  }

  /** Passes each sentence of a text to {@code sink}, in order. */
  public void sentences(String text, Consumer<String[]> sink) {
    IntArrayList spans = splitter.spans(text);
    int k = 0; // the sentence receiving words: spans[2k], spans[2k+1]
    try {
      source.setReader(new StringReader(text));
      stream.reset();
      while (stream.incrementToken()) {
        int start = offset.startOffset();
        while (k < spans.size() / 2 && start >= spans.getInt(2 * k + 1)) {
          flush(sink);
          k++;
        }
        if (k < spans.size() / 2 && start >= spans.getInt(2 * k)) {
          current.add(word());
        }
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    } finally {
      try {
        stream.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    flush(sink);
  }

  /** All words of a text, ignoring sentence boundaries. */
  public String[] words(String text) {
    List<String> all = new ArrayList<>();
    sentences(text, s -> all.addAll(List.of(s)));
    return all.toArray(String[]::new);
  }

  private void flush(Consumer<String[]> sink) {
    if (!current.isEmpty()) {
      sink.accept(current.toArray(String[]::new));
      current.clear();
    }
  }

  private String word() {
    char[] b = term.buffer();
    int n = term.length();
    String w = interned.get(b, 0, n);
    if (w == null) {
      w = normalize(new String(b, 0, n));
      if (interned.size() < MAX_CACHED) {
        interned.put(new String(b, 0, n), w);
      }
    }
    return w;
  }

  /** Typographic apostrophes (’ U+2019, ʼ U+02BC, ＇ U+FF07) become '. */
  private static String normalize(String w) {
    return w.indexOf('\u2019') < 0 && w.indexOf('\u02BC') < 0 && w.indexOf('\uFF07') < 0 ? w
        : w.replace('\u2019', '\'').replace('\u02BC', '\'').replace('\uFF07', '\'');
  }
}
