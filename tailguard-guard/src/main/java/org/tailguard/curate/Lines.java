package org.tailguard.curate;

import java.util.ArrayList;
import java.util.List;

/** Line splitting as Python's {@code str.splitlines()} (for \n, \r\n and \r), which datatrove's filters use. */
final class Lines {
  private Lines() {}

  /** The lines of a text without their terminators; an empty text has no lines, but a minimum of one is returned. */
  static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        out.add(text.substring(start, i));
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    if (start < n) {
      out.add(text.substring(start));
    }
    if (out.isEmpty()) {
      out.add(""); // Python would give no lines and datatrove would divide by zero; one empty line is safe
    }
    return out;
  }
}
