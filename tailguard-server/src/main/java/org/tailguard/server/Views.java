package org.tailguard.server;

/** Small helpers shared by the API's views. */
final class Views {
  private Views() {}

  /** A user-supplied value shortened for an error message. */
  static String clip(String s) {
    if (s == null) {
      return "";
    }
    String t = s.length() > 60 ? s.substring(0, 60) + "…" : s;
    StringBuilder b = new StringBuilder();
    for (char c : t.toCharArray()) {
      b.append(Character.isISOControl(c) ? '?' : c);
    }
    return b.toString();
  }
}
