package org.tailguard.watermark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tailguard.spec.SpecException;

/** Parameter records: defaults from the papers, and errors that name the field. */
class SpecTest {
  private static String field(Runnable r) {
    return assertThrows(SpecException.class, r::run).field();
  }

  @Test
  void defaults_areThePapers() {
    KgwSpec k = KgwSpec.defaults();
    assertEquals(0.25, k.gamma());
    assertEquals(2.0, k.delta());
    assertEquals(4, k.context());
    assertEquals(ContextHash.ORDERED, k.hash());
    assertTrue(k.ignoreRepeated());
    assertEquals(ContextHash.SELF_HASH, KgwSpec.selfHash().hash());
    assertEquals(0.5, UnigramSpec.defaults().gamma());
    assertEquals(4, ExpSpec.defaults().context());
    SynthIdSpec s = SynthIdSpec.defaults();
    assertEquals(30, s.depth());
    assertEquals(4, s.context());
    assertEquals(1024, s.candidates());
  }

  @Test
  void named_coversEveryPresetAndRoundTrips() {
    for (String n : WatermarkSpec.names()) {
      assertEquals(n, WatermarkSpec.named("w", n).name());
    }
    assertEquals("kgw-h2", new KgwSpec(null, null, 2, null, null).name());
    assertEquals("kgw-selfhash-h3", new KgwSpec(null, null, 3, ContextHash.SELF_HASH, null).name());
    SpecException e = assertThrows(SpecException.class, () -> WatermarkSpec.named("cli.scheme", "kgb"));
    assertEquals("cli.scheme", e.field());
    assertTrue(e.getMessage().contains("kgw-selfhash"));
  }

  @Test
  void badValues_nameTheirField() {
    assertEquals("watermark.gamma", field(() -> new KgwSpec(1.0, null, null, null, null)));
    assertEquals("watermark.gamma", field(() -> new UnigramSpec(0.0, null, null)));
    assertEquals("watermark.delta", field(() -> new KgwSpec(null, -1.0, null, null, null)));
    assertEquals("watermark.delta", field(() -> new UnigramSpec(null, Double.NaN, null)));
    assertEquals("watermark.context", field(() -> new KgwSpec(null, null, 0, null, null)));
    assertEquals("watermark.context", field(() -> new ExpSpec(17)));
    assertEquals("watermark.depth", field(() -> new SynthIdSpec(65, null, null)));
    assertEquals("watermark.candidates", field(() -> new SynthIdSpec(null, null, 1)));
    assertEquals("watermark.scan.min_window", field(() -> new Scan(1, null, null)));
    assertEquals("watermark.scan.growth", field(() -> new Scan(null, 1.0, null)));
    assertEquals("watermark.scan.stride", field(() -> new Scan(null, null, 0.0)));
    assertEquals("radioactivity.shares", field(() -> new Radioactivity.Config(null, null, null, List.of(1.0),
        null, null, null, null)));
    assertEquals("radioactivity.watermark", field(() -> new Radioactivity.Config(null, null, null, null,
        ExpSpec.defaults(), null, null, null)));
  }
}
