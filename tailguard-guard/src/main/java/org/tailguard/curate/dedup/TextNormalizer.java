package org.tailguard.curate.dedup;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Text normalisation before hashing, so that trivially different copies of a document hash alike.
 *
 * <p>The steps and their defaults follow datatrove's {@code TextNormConfig} / {@code simplify_text}
 * (huggingface/datatrove, {@code src/datatrove/utils/text.py}): lowercase, collapse whitespace, remove
 * punctuation, strip diacritics (NFD, drop non-spacing marks), replace digit runs by {@code 0}; weekday and
 * month-name replacement are off there and absent here. Two additions, each switchable: Unicode NFKC first
 * (compatibility forms such as full-width letters and ligatures fold to plain ones; datatrove only does NFD),
 * and full case folding ({@code toUpperCase} then {@code toLowerCase} in the root locale, so that {@code ß}
 * and {@code SS} agree, and final sigma folds to σ) instead of a plain lowercase. Exact dedup and
 * shingling share this one normaliser.
 */
public record TextNormalizer(
    boolean nfkc, boolean caseFold, boolean stripDiacritics, boolean removePunctuation, boolean digitsToZero,
    boolean collapseWhitespace) {

  /** datatrove's defaults plus NFKC and full case folding: every step on. */
  public static final TextNormalizer DEFAULT = new TextNormalizer(true, true, true, true, true, true);

  /** The identity: hash the text exactly as given (NeMo Curator's exact dedup hashes raw text). */
  public static final TextNormalizer NONE = new TextNormalizer(false, false, false, false, false, false);

  /*
   * Punctuation: every code point of Unicode category P* (punctuation) or S* (symbols) is removed, and
   * control characters (Cc, Cf) other than whitespace with them. This is datatrove's rule with its
   * hand-written PUNCTUATION string replaced by the Unicode categories it samples. One deviation: dash
   * punctuation (Pd: hyphen-minus, en and em dashes) becomes a space rather than nothing, because the
   * corpora join words with dashes ("ago—never") and deleting the dash would fuse two words into one
   * shingle token. Apostrophes are deleted as in datatrove ("don't" -> "dont").
   */

  /**
   * Normalises one text.
   *
   * @param text any text, possibly empty
   * @return the normalised text: single spaces between tokens, no leading or trailing space when
   *     whitespace collapsing is on
   */
  public String normalize(String text) {
    if (!(nfkc || caseFold || stripDiacritics || removePunctuation || digitsToZero || collapseWhitespace)) {
      return text;
    }
    String s = text;
    boolean ascii = isAscii(s);
    if (!ascii) {
      if (nfkc && !Normalizer.isNormalized(s, Normalizer.Form.NFKC)) {
        s = Normalizer.normalize(s, Normalizer.Form.NFKC);
      }
      if (caseFold) {
        // Upper then lower approximates Unicode full case folding (ß -> ss); lowercasing puts back the
        // context-dependent final sigma, which folding maps to σ.
        s = s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT).replace('ς', 'σ');
      }
      if (stripDiacritics) {
        s = Normalizer.normalize(s, Normalizer.Form.NFD);
      }
    }
    StringBuilder out = new StringBuilder(s.length());
    boolean pendingSpace = false;
    boolean inDigits = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (ascii && caseFold && cp >= 'A' && cp <= 'Z') {
        cp += 'a' - 'A';
      }
      int type = Character.getType(cp);
      if (stripDiacritics && type == Character.NON_SPACING_MARK) {
        continue;
      }
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)
          || removePunctuation && type == Character.DASH_PUNCTUATION) {
        if (collapseWhitespace) {
          pendingSpace = out.length() > 0;
          inDigits = false;
          continue;
        }
        out.appendCodePoint(Character.isWhitespace(cp) || Character.isSpaceChar(cp) ? cp : ' ');
        inDigits = false;
        continue;
      }
      if (removePunctuation && (isPunctuationOrSymbol(type) || type == Character.CONTROL
          || type == Character.FORMAT)) {
        continue;
      }
      if (pendingSpace) {
        out.append(' ');
        pendingSpace = false;
        inDigits = false;
      }
      if (digitsToZero && type == Character.DECIMAL_DIGIT_NUMBER) {
        if (!inDigits) {
          out.append('0');
          inDigits = true;
        }
        continue;
      }
      inDigits = false;
      out.appendCodePoint(cp);
    }
    String result = out.toString();
    if (!ascii && stripDiacritics && nfkc) {
      // NFD split precomposed letters whose marks were not all Mn; recompose what is left.
      result = Normalizer.normalize(result, Normalizer.Form.NFKC);
    }
    return result;
  }

  private static boolean isPunctuationOrSymbol(int type) {
    return switch (type) {
      case Character.CONNECTOR_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
           Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION,
           Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL ->
          true;
      default -> false;
    };
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
