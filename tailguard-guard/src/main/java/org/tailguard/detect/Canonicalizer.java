package org.tailguard.detect;

import java.text.Normalizer;

/**
 * Undoes character-level disguises before a text is tokenised: Unicode NFKC normalisation, removal of
 * invisible format characters (zero-width space, joiners, word joiner, byte-order mark: general category
 * Cf), and folding of the Cyrillic and Greek homoglyphs of Latin letters that RAID's homoglyph attack uses
 * (Dugan et al. 2024) onto their Latin look-alikes. The lm-watermarking detector normalises the same way
 * (its {@code unicode} and {@code homoglyphs} normalisers; Kirchenbauer et al. 2023). Case and whitespace
 * need nothing here: the tokenizer lower-cases and splits on any run of spaces.
 */
public final class Canonicalizer {
  // pairs (look-alike, Latin); the Cyrillic and Greek capitals and small letters of RAID's mapping, and more
  private static final String FROM = "аАВеЕсСрРКОоМНТХхуІіΑΒΕΚΟΡΜΗΤΧΙΝΖονіјѕԁɡ";
  private static final String TO = "aABeEcCpPKOoMHTXxyIiABEKOPMHTXINZovijsdg";
  private static final char[] MAP = new char[0x10000];

  static {
    if (FROM.length() != TO.length()) {
      throw new AssertionError("homoglyph table misaligned");
    }
    for (int i = 0; i < FROM.length(); i++) {
      MAP[FROM.charAt(i)] = TO.charAt(i);
    }
  }

  private Canonicalizer() {}

  /** The canonical form of a text: NFKC, no format characters, homoglyphs folded to Latin. */
  public static String canonical(String text) {
    String t = Normalizer.normalize(text, Normalizer.Form.NFKC);
    StringBuilder b = null;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      char m = MAP[c];
      boolean drop = Character.getType(c) == Character.FORMAT;
      if (b == null && (m != 0 || drop)) {
        b = new StringBuilder(t.length());
        b.append(t, 0, i);
      }
      if (b != null && !drop) {
        b.append(m != 0 ? m : c);
      }
    }
    return b == null ? t : b.toString();
  }
}
