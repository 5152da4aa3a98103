package org.tailguard.detect.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Fixed-length texts from sentences, and their rendering.
 *
 * <p>A text of L words starts at a sentence start and ends after exactly L words, mid-sentence if need be,
 * for human windows and machine samples alike. Both are rendered the same way, from the project's
 * tokens: each sentence's words joined by spaces, its first letter capitalised, a full stop at its end. So
 * no detector can tell human from machine text by formatting (human text's original punctuation and case
 * are gone, as they are from the n-gram models' output); what is left to detect is the word sequence.
 */
public final class Texts {
  private Texts() {}

  /** The rendering: "Word word word. Word word." */
  public static String render(List<String[]> sentences) {
    StringBuilder b = new StringBuilder();
    for (String[] s : sentences) {
      if (s.length == 0) {
        continue;
      }
      if (!b.isEmpty()) {
        b.append(' ');
      }
      for (int i = 0; i < s.length; i++) {
        if (i > 0) {
          b.append(' ');
        }
        String w = s[i];
        if (i == 0 && !w.isEmpty()) {
          int cp = w.codePointAt(0);
          b.append(new String(Character.toChars(Character.toUpperCase(cp)))).append(w, Character.charCount(cp), w.length());
        } else {
          b.append(w);
        }
      }
      b.append('.');
    }
    return b.toString();
  }

  /** The number of words. */
  public static int words(List<String[]> sentences) {
    int n = 0;
    for (String[] s : sentences) {
      n += s.length;
    }
    return n;
  }

  /** The first {@code length} words, whole sentences but the last; null if there are fewer words. */
  public static List<String[]> truncate(List<String[]> sentences, int length) {
    List<String[]> out = new ArrayList<>();
    int n = 0;
    for (String[] s : sentences) {
      if (n + s.length >= length) {
        out.add(Arrays.copyOf(s, length - n));
        return out;
      }
      out.add(s);
      n += s.length;
    }
    return null;
  }

  /**
   * Non-overlapping human windows of {@code length} words: each starts at the first sentence after the
   * previous one ends, across all documents taken round-robin so that a cap keeps documents balanced.
   *
   * @param max the most windows to return
   */
  public static List<List<String[]>> windows(List<List<String[]>> documents, int length, int max) {
    List<List<List<String[]>>> perDoc = new ArrayList<>();
    for (List<String[]> doc : documents) {
      List<List<String[]>> w = new ArrayList<>();
      int i = 0;
      while (i < doc.size()) {
        List<String[]> win = truncate(doc.subList(i, doc.size()), length);
        if (win == null) {
          break;
        }
        w.add(win);
        i += win.size();
      }
      perDoc.add(w);
    }
    List<List<String[]>> out = new ArrayList<>();
    for (int r = 0; out.size() < max; r++) {
      boolean any = false;
      for (List<List<String[]>> w : perDoc) {
        if (r < w.size() && out.size() < max) {
          out.add(w.get(r));
          any = true;
        }
      }
      if (!any) {
        break;
      }
    }
    return out;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
