package org.tailguard.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tailguard.spec.SpecException;
import org.tailguard.text.lm.Arpa;
import org.tailguard.text.lm.NgramLm;

/**
 * A fixed, calibrated detector bundle: the observer and performer language models, the detectors (zero-shot,
 * trained and plug-in) and their thresholds per target false-positive rate, domain and length. Users score
 * with a saved model so that every decision uses the same calibration.
 *
 * <p>On disk a model is a directory: {@code manifest.json} (format {@value #FORMAT}: the detectors, the
 * trained weights as plain numbers, the thresholds, the primary detector) and the two models as ARPA files
 * ({@code observer.arpa}, {@code performer.arpa}). Plug-in features (such as a watermark key's detector)
 * are not stored: the caller passes them again to {@link #load}, by name.
 */
public final class DetectorModel {
  /** The manifest's format tag. */
  public static final String FORMAT = "tailguard-detector/1";

  private final Analyzer analyzer;
  private final Map<String, Detector> detectors;
  private final Map<String, List<Thresholds>> calibration;
  private final String primary;

  /**
   * @param analyzer turns text into evidence
   * @param detectors the detectors, in report order
   * @param calibration per detector name, its thresholds at each target rate
   * @param primary the detector whose decision {@link #decide(Evidence, String, double)} gives
   */
  public DetectorModel(Analyzer analyzer, List<Detector> detectors, Map<String, List<Thresholds>> calibration,
      String primary) {
    this.analyzer = analyzer;
    this.detectors = new LinkedHashMap<>();
    for (Detector d : detectors) {
      if (this.detectors.put(d.name(), d) != null) {
        throw new IllegalArgumentException("two detectors named " + d.name());
      }
    }
    if (!this.detectors.containsKey(primary)) {
      throw new IllegalArgumentException("primary detector " + primary + " is not among " + this.detectors.keySet());
    }
    this.calibration = new LinkedHashMap<>(calibration);
    this.primary = primary;
  }

  public Analyzer analyzer() {
    return analyzer;
  }

  public List<Detector> detectors() {
    return List.copyOf(detectors.values());
  }

  public String primary() {
    return primary;
  }

  /** The target false-positive rates calibrated for the primary detector. */
  public List<Double> fprs() {
    return calibration.getOrDefault(primary, List.of()).stream().map(Thresholds::fpr).toList();
  }

  public Map<String, List<Thresholds>> calibration() {
    return java.util.Collections.unmodifiableMap(calibration);
  }

  /** The detector named {@code name}. */
  public Detector detector(String name) {
    Detector d = detectors.get(name);
    if (d == null) {
      throw new SpecException("detector", "unknown detector '" + name + "'; known: " + String.join(", ", detectors.keySet()));
    }
    return d;
  }

  public Evidence analyze(String text) {
    return analyzer.analyze(text);
  }

  /** Every detector's score. */
  public Map<String, Double> scores(Evidence e) {
    Map<String, Double> out = new LinkedHashMap<>();
    detectors.forEach((n, d) -> out.put(n, d.score(e)));
    return out;
  }

  /** The primary detector's decision at target rate {@code fpr}. */
  public Decision decide(Evidence e, String domain, double fpr) {
    return decide(primary, e, domain, fpr);
  }

  /**
   * One detector's decision.
   *
   * @param domain the text's domain if known (its calibration is used), else null (the strictest domain's)
   * @throws SpecException if the detector or the rate was not calibrated
   */
  public Decision decide(String detector, Evidence e, String domain, double fpr) {
    Detector d = detector(detector);
    Thresholds t = thresholds(detector, fpr);
    double s = d.score(e);
    double th = t.threshold(domain, e.words());
    return new Decision(detector, s, th, fpr, s > th);
  }

  /** The thresholds of a detector at a target rate. */
  public Thresholds thresholds(String detector, double fpr) {
    for (Thresholds t : calibration.getOrDefault(detector, List.of())) {
      if (Math.abs(t.fpr() - fpr) < 1e-12) {
        return t;
      }
    }
    throw new SpecException("fpr", "detector " + detector + " is not calibrated at " + fpr + "; calibrated: "
        + calibration.getOrDefault(detector, List.of()).stream().map(Thresholds::fpr).toList());
  }

  // ---- persistence ------------------------------------------------------------------------------

  /** Writes the model into {@code dir} (created if needed). */
  public void save(Path dir) throws IOException {
    if (!(analyzer.observer() instanceof NgramScorer obs) || !(analyzer.performer() instanceof NgramScorer perf)) {
      throw new IllegalStateException("only n-gram scorers can be saved");
    }
    Files.createDirectories(dir);
    Arpa.write(obs.model(), dir.resolve("observer.arpa"));
    Arpa.write(perf.model(), dir.resolve("performer.arpa"));
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("format", FORMAT);
    root.put("primary", primary);
    root.putObject("observer").put("file", "observer.arpa").put("order", obs.model().order());
    root.putObject("performer").put("file", "performer.arpa").put("order", perf.model().order());
    ArrayNode ex = root.putArray("extras");
    analyzer.extras().forEach(f -> ex.add(f.name()));
    ArrayNode ds = root.putArray("detectors");
    for (Detector d : detectors.values()) {
      ObjectNode n = ds.addObject();
      n.put("name", d.name());
      switch (d) {
        case ZeroShotDetector z -> n.put("type", "zero-shot");
        case FeatureDetector f -> n.put("type", "feature").put("feature", f.feature());
        case LinearDetector l -> {
          n.put("type", "linear");
          ArrayNode fs = n.putArray("features");
          l.featureNames().forEach(fs::add);
          put(n.putArray("mean"), l.mean());
          put(n.putArray("scale"), l.scale());
          put(n.putArray("weights"), l.weights());
          n.put("bias", l.bias());
        }
        default -> throw new IllegalStateException("cannot save detector type " + d.getClass().getName());
      }
      ArrayNode cal = n.putArray("calibration");
      for (Thresholds t : calibration.getOrDefault(d.name(), List.of())) {
        ObjectNode c = cal.addObject();
        c.put("fpr", t.fpr());
        ObjectNode byDomain = c.putObject("thresholds");
        t.byDomain().forEach((dom, m) -> {
          ObjectNode o = byDomain.putObject(dom);
          m.forEach((len, th) -> o.put(Integer.toString(len), th));
        });
      }
    }
    json.writeValue(dir.resolve("manifest.json").toFile(), root);
  }

  private static void put(ArrayNode a, double[] v) {
    for (double x : v) {
      a.add(x);
    }
  }

  /**
   * Reads a saved model.
   *
   * @param extras the plug-in features the model was saved with, matched by name
   * @throws SpecException if the manifest is malformed or a plug-in feature is missing
   */
  public static DetectorModel load(Path dir, List<TextFeature> extras) throws IOException {
    JsonNode root = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
    if (!FORMAT.equals(root.path("format").asText())) {
      throw new SpecException("manifest.format", "expected " + FORMAT + ", got '" + root.path("format").asText() + "'");
    }
    NgramLm obs = Arpa.read(dir.resolve(root.path("observer").path("file").asText("observer.arpa")));
    NgramLm perf = Arpa.read(dir.resolve(root.path("performer").path("file").asText("performer.arpa")));
    Map<String, TextFeature> byName = new LinkedHashMap<>();
    extras.forEach(f -> byName.put(f.name(), f));
    List<TextFeature> used = new ArrayList<>();
    for (JsonNode e : root.path("extras")) {
      TextFeature f = byName.get(e.asText());
      if (f == null) {
        throw new SpecException("extras", "the model uses plug-in feature '" + e.asText() + "', which was not given");
      }
      used.add(f);
    }
    Analyzer analyzer = new Analyzer(new NgramScorer("observer", obs),
        new NgramScorer("performer", perf, obs.vocabulary()), used);
    Map<String, Detector> ds = new LinkedHashMap<>();
    Map<String, List<Thresholds>> cal = new LinkedHashMap<>();
    for (JsonNode n : root.path("detectors")) {
      String name = n.path("name").asText();
      Detector d = switch (n.path("type").asText()) {
        case "zero-shot" -> new ZeroShotDetector(name);
        case "feature" -> new FeatureDetector(name, n.path("feature").asText());
        case "linear" -> {
          List<String> fs = new ArrayList<>();
          n.path("features").forEach(f -> fs.add(f.asText()));
          yield new LinearDetector(name, Features.resolve(fs, ds), doubles(n.path("mean")), doubles(n.path("scale")),
              doubles(n.path("weights")), n.path("bias").asDouble());
        }
        default -> throw new SpecException("detectors." + name + ".type", "unknown type '" + n.path("type").asText() + "'");
      };
      ds.put(name, d);
      List<Thresholds> ts = new ArrayList<>();
      for (JsonNode c : n.path("calibration")) {
        Map<String, Map<Integer, Double>> byDomain = new TreeMap<>();
        c.path("thresholds").fields().forEachRemaining(e -> {
          Map<Integer, Double> m = new TreeMap<>();
          e.getValue().fields().forEachRemaining(l -> m.put(Integer.parseInt(l.getKey()), thresholdValue(l.getValue())));
          byDomain.put(e.getKey(), m);
        });
        ts.add(new Thresholds(c.path("fpr").asDouble(), byDomain));
      }
      cal.put(name, ts);
    }
    return new DetectorModel(analyzer, new ArrayList<>(ds.values()), cal, root.path("primary").asText());
  }

  // Jackson writes infinities as the strings "Infinity"/"-Infinity"
  private static double thresholdValue(JsonNode v) {
    return v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText());
  }

  private static double[] doubles(JsonNode a) {
    double[] v = new double[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).asDouble();
    }
    return v;
  }
}
