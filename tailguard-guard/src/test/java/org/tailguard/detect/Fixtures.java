package org.tailguard.detect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.detect.eval.Domain;
import org.tailguard.detect.eval.Generator;
import org.tailguard.detect.eval.Role;
import org.tailguard.detect.eval.Texts;
import org.tailguard.random.RandomStreams;
import org.tailguard.text.lm.Decoding;
import org.tailguard.text.lm.KneserNey;
import org.tailguard.text.lm.NgramLm;
import org.tailguard.text.lm.Sampler;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/**
 * A small calibrated detector model on 40 Brown files, built once per test JVM: trigram observer and
 * performer, a bigram generator at temperature 0.7 for machine text, the classifier trained on 60-word
 * texts, thresholds on the calibration fold.
 */
final class Fixtures {
  static final int LENGTH = 60;
  private static Built built;

  record Built(DetectorModel model, LinearTrainer.Trained classifier, List<String> human, List<String> machine) {}

  private Fixtures() {}

  static synchronized Built small() {
    if (built == null) {
      built = build();
    }
    return built;
  }

  private static Sentences encode(Vocabulary v, List<String[]> s) {
    return new Sentences(v, s.stream().map(v::encode).toArray(int[][]::new));
  }

  private static Built build() {
    Domain brown = Domain.load("brown", "brown", false, 40);
    List<String[]> obs = brown.sentences(Role.OBSERVER);
    List<String[]> perf = brown.sentences(Role.PERFORMER);
    List<String[]> both = new ArrayList<>(obs);
    both.addAll(perf);
    Vocabulary v = Vocabulary.build(both, 2);
    Analyzer an = new Analyzer(new NgramScorer("observer", KneserNey.train(encode(v, obs), 3)),
        new NgramScorer("performer", KneserNey.train(encode(v, perf), 3)), List.of());
    List<String[]> genText = brown.sentences(Role.EVAL_GENERATOR);
    Vocabulary gv = Vocabulary.build(genText, 1);
    NgramLm g = KneserNey.train(encode(gv, genText), 2);
    Generator gen = new Generator("kn2", g, Decoding.sample(0.7));
    Sampler sampler = gen.sampler();
    UniformRandomProvider rng = RandomStreams.of(77);
    List<String> machine = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      machine.add(Texts.render(gen.text(sampler, LENGTH, rng)));
    }
    List<String> human = Texts.windows(brown.documents(Role.FIT_HUMAN), LENGTH, 80).stream().map(Texts::render).toList();
    List<Evidence> h = human.stream().map(an::analyze).toList();
    List<Evidence> m = machine.subList(0, 40).stream().map(an::analyze).toList();
    LinearTrainer.Trained clf = LinearTrainer.defaults(1).train("classifier",
        Features.resolve(Features.classifierSet(), Map.of()), h, m);
    List<Detector> detectors = new ArrayList<>(ZeroShotDetector.ALL);
    detectors.add(clf.detector());
    List<Evidence> cal = Texts.windows(brown.documents(Role.CALIBRATION), LENGTH, 200).stream().map(Texts::render)
        .map(an::analyze).toList();
    Map<String, List<Thresholds>> calibration = new LinkedHashMap<>();
    for (Detector d : detectors) {
      double[] s = cal.stream().mapToDouble(d::score).toArray();
      List<Thresholds> ts = new ArrayList<>();
      for (double fpr : new double[] {0.01, 0.05}) {
        Map<String, Map<Integer, Double>> byDomain = new TreeMap<>();
        byDomain.put("brown", Map.of(LENGTH, Calibration.threshold(s, fpr)));
        ts.add(new Thresholds(fpr, byDomain));
      }
      calibration.put(d.name(), ts);
    }
    DetectorModel model = new DetectorModel(an, detectors, calibration, "classifier");
    return new Built(model, clf, human, machine.subList(40, 80));
  }
}
