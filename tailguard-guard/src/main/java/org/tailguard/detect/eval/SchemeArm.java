package org.tailguard.detect.eval;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.detect.TextFeature;
import org.tailguard.text.lm.NgramLm;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;
import org.tailguard.watermark.Watermark;
import org.tailguard.watermark.WatermarkKey;
import org.tailguard.watermark.WatermarkSampler;
import org.tailguard.watermark.WatermarkSpec;

/**
 * A watermark scheme of {@code org.tailguard.watermark} in the evaluation: a preset ({@code kgw},
 * {@code synthid}, …) with a key over the generators' shared vocabulary. Text is written by
 * {@link WatermarkSampler}; the evidence is −log10 of {@link Watermark#detect(String)}'s exact p-value (capped
 * at {@value #CAP}, p = 1e-300).
 *
 * @param preset the scheme's preset name ({@link WatermarkSpec#names()})
 * @param key the secret key
 * @param vocabulary the generators' vocabulary, which is the watermark's tokenizer
 */
public record SchemeArm(String preset, WatermarkKey key, Vocabulary vocabulary) implements WatermarkArm {
  /** The largest evidence reported. */
  public static final double CAP = 300;

  @Override
  public String name() {
    return preset;
  }

  Watermark watermark() {
    return Watermark.of(WatermarkSpec.named("watermark", preset), key, vocabulary);
  }

  @Override
  public List<String[]> text(NgramLm lm, int length, UniformRandomProvider rng) {
    Sentences s = new WatermarkSampler(lm, watermark()).document(length, rng);
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      if (s.sentences()[i].length > 0) {
        out.add(s.words(i));
      }
    }
    return out;
  }

  @Override
  public TextFeature evidence() {
    Watermark wm = watermark();
    String name = "watermark." + preset;
    return new TextFeature() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public double value(List<String[]> sentences, String text) {
        double p = wm.detect(text).pValue();
        return Math.min(CAP, -Math.log10(Math.max(p, 1e-300)));
      }
    };
  }
}
