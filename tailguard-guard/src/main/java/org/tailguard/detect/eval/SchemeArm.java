package org.tailguard.detect.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.detect.DetectorModel;
import org.tailguard.detect.TextFeature;
import org.tailguard.spec.SpecException;
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
 * <p>A saved detector model that reads a watermark keeps the arms beside its manifest ({@value #FILE}: the
 * presets, their keys as hex, and the shared vocabulary), so that {@link #loadModel} restores the model
 * whole. The keys of the evaluation are experiment keys drawn from its seed; a deployed key is a secret and
 * the file must be protected like one.
 *
 * @param preset the scheme's preset name ({@link WatermarkSpec#names()})
 * @param key the secret key
 * @param vocabulary the generators' vocabulary, which is the watermark's tokenizer
 */
public record SchemeArm(String preset, WatermarkKey key, Vocabulary vocabulary) implements WatermarkArm {
  /** The largest evidence reported. */
  public static final double CAP = 300;

  /** The file, in a saved model's directory, that holds its watermark arms. */
  public static final String FILE = "watermarks.json";

  /** Writes the arms (which must share one vocabulary) to {@code dir/}{@value #FILE}; nothing if there are none. */
  public static void save(List<SchemeArm> arms, Path dir) throws IOException {
    if (arms.isEmpty()) {
      return;
    }
    Vocabulary v = arms.get(0).vocabulary();
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    ArrayNode a = root.putArray("arms");
    for (SchemeArm arm : arms) {
      if (!arm.vocabulary().equals(v)) {
        throw new IllegalArgumentException("watermark arms must share one vocabulary");
      }
      a.addObject().put("preset", arm.preset()).put("key", HexFormat.of().formatHex(arm.key().bytes()));
    }
    ArrayNode words = root.putArray("vocabulary");
    for (int i = 3; i < v.size(); i++) { // after <unk>, <s>, </s>, which Vocabulary.of adds back
      words.add(v.word(i));
    }
    Files.createDirectories(dir);
    json.writeValue(dir.resolve(FILE).toFile(), root);
  }

  /** The arms saved in {@code dir}, or none if it has no {@value #FILE}. */
  public static List<SchemeArm> load(Path dir) throws IOException {
    Path f = dir.resolve(FILE);
    if (!Files.exists(f)) {
      return List.of();
    }
    JsonNode root = new ObjectMapper().readTree(f.toFile());
    List<String> words = new ArrayList<>();
    root.path("vocabulary").forEach(w -> words.add(w.asText()));
    Vocabulary v = Vocabulary.of(words);
    List<SchemeArm> out = new ArrayList<>();
    for (JsonNode a : root.path("arms")) {
      String preset = a.path("preset").asText();
      WatermarkSpec.named(FILE + ".arms.preset", preset);
      out.add(new SchemeArm(preset, WatermarkKey.parse(FILE + ".arms.key", a.path("key").asText()), v));
    }
    return out;
  }

  /**
   * A saved detector model with its watermark arms, if any ({@link DetectorModel#load}).
   *
   * @throws SpecException if {@code dir} holds no model
   */
  public static DetectorModel loadModel(Path dir) throws IOException {
    if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
      throw new SpecException("model", dir + ": no saved detector model (manifest.json) there");
    }
    return DetectorModel.load(dir, load(dir).stream().map(SchemeArm::evidence).toList());
  }

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
