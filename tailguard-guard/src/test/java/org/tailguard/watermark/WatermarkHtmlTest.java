package org.tailguard.watermark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.random.RandomStreams;
import org.tailguard.text.token.Vocabulary;

/** The per-token HTML view: one span per token in the right colour, escaping, no network, atomic writes. */
class WatermarkHtmlTest {
  private static final Vocabulary V = Vocabulary.of(List.of("a", "b", "c", "d", "e"));

  @Test
  void render_colorsEveryTokenAndShowsTheTest() {
    Watermark wm = Watermark.of(KgwSpec.defaults(), WatermarkKey.of("html"), V);
    int[] ids = {3, 4, 5, 6, 7, 3, 4, 5, 6, 7};
    TokenScores s = wm.score(ids);
    String html = WatermarkHtml.render(s, V.decode(ids), 1e-4);
    Matcher m = Pattern.compile("<span class=\"t( g| r| x)\"").matcher(html);
    int green = 0;
    int red = 0;
    int repeat = 0;
    while (m.find()) {
      switch (m.group(1)) {
        case " g" -> green++;
        case " r" -> red++;
        default -> repeat++;
      }
    }
    Detection d = s.detection();
    // one span per token plus one of each class in the legend
    assertEquals(d.statistic() + 1, green);
    assertEquals(d.scored() - d.statistic() + 1, red);
    assertEquals(ids.length - d.scored() + 1, repeat);
    assertTrue(html.contains("No watermark found"));
    assertFalse(html.contains("<script"));
    assertFalse(html.contains("http"));
  }

  @Test
  void render_heatForContinuousSchemes() {
    Watermark wm = Watermark.of(ExpSpec.defaults(), WatermarkKey.of("html"), V);
    int[] ids = {3, 4, 5};
    String html = WatermarkHtml.render(wm.score(ids), V.decode(ids), 0.5);
    assertEquals(3 + 2, html.split("style=\"background:#").length - 1); // three tokens and the legend's two
    assertTrue(html.contains("mean &minus;ln(1&minus;r)"));
    assertEquals("#f4a096", WatermarkHtml.heat(0));
    assertEquals("#96dc8c", WatermarkHtml.heat(1));
  }

  @Test
  void render_escapesWords() {
    Watermark wm = Watermark.of(UnigramSpec.defaults(), WatermarkKey.of("html"), V);
    String html = WatermarkHtml.render(wm.score(new int[] {3}), new String[] {"<b>&\"'"}, 1e-4);
    assertTrue(html.contains("&lt;b&gt;&amp;&quot;&#39;"));
    assertThrows(IllegalArgumentException.class, () -> WatermarkHtml.render(wm.score(new int[] {3}), new String[0], 1e-4));
  }

  @Test
  void write_isAtomicAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
    Watermark wm = Watermark.of(KgwSpec.defaults(), WatermarkKey.of("html"), Fixtures.vocabulary());
    int[] ids = new WatermarkSampler(Fixtures.trigram(), wm).tokens(120, RandomStreams.of(5));
    String html = WatermarkHtml.render(wm.score(ids), Fixtures.vocabulary().decode(ids), 1e-4);
    assertTrue(html.contains("Watermarked at false-positive rate"));
    Path file = dir.resolve("sub/view.html");
    WatermarkHtml.write(file, "old");
    WatermarkHtml.write(file, html);
    assertEquals(html, Files.readString(file));
    try (var files = Files.list(file.getParent())) {
      assertEquals(List.of(file), files.toList());
    }
  }
}
