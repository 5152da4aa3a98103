package org.tailguard.detect.eval;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.detect.Analyzer;
import org.tailguard.detect.Calibration;
import org.tailguard.detect.Detector;
import org.tailguard.detect.DetectorModel;
import org.tailguard.detect.Evidence;
import org.tailguard.detect.FeatureDetector;
import org.tailguard.detect.Features;
import org.tailguard.detect.LinearDetector;
import org.tailguard.detect.LinearTrainer;
import org.tailguard.detect.NgramScorer;
import org.tailguard.detect.Roc;
import org.tailguard.detect.TextFeature;
import org.tailguard.detect.Thresholds;
import org.tailguard.detect.ZeroShotDetector;
import org.tailguard.detect.attack.Attack;
import org.tailguard.detect.attack.HumanInsertion;
import org.tailguard.random.RandomStreams;
import org.tailguard.random.RandomStreams.Purpose;
import org.tailguard.text.lm.KneserNey;
import org.tailguard.text.lm.NgramLm;
import org.tailguard.text.lm.Sampler;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;
import org.tailguard.watermark.WatermarkKey;

/**
 * The detection benchmark, following RAID's protocol (Dugan et al. 2024) on bundled data: human text from
 * held-out splits of several domains, machine text from our own n-gram models of several orders and
 * decodings (with and without watermark), thresholds calibrated per domain and length on separate human
 * text at target false-positive rates, TPR and FPR measured on held-out text, AUROC, lengths 50–400 words,
 * and RAID's and MarkLLM's attacks.
 *
 * <p>Data flow (each document has one {@link Role}, so no two parts share text):
 * <ol>
 *   <li>The observer and performer (Kneser–Ney, one shared vocabulary) train on disjoint in-domain folds.</li>
 *   <li>The trained detectors train on their own human fold and on machine text from generators trained
 *       on yet another fold; the combined detector stacks the zero-shot scores, the classifier's
 *       out-of-fold score and the watermark evidence.</li>
 *   <li>The evaluated machine text comes from generators trained on the EVAL_GENERATOR fold; Moby-Dick is
 *       a held-out domain that no detector component ever reads.</li>
 *   <li>Thresholds come from the CALIBRATION fold, rates from the EVALUATION fold.</li>
 * </ol>
 * Every random draw comes from {@link RandomStreams} named by (seed, task), so a seed fixes the result on
 * any number of threads.
 */
public final class Evaluation {
  static final String ALL = "all";
  static final String NONE = "none";
  /** The {@code bySource} slice of a watermark detector on the texts written with its scheme, pooled. */
  static final String WATERMARKED = "watermarked";

  private final EvalConfig config;
  private List<WatermarkArm> arms = List.of();
  private final PrintStream log;
  private final ExecutorService pool;

  private Evaluation(EvalConfig config, PrintStream log) {
    this.config = config;
    this.log = log;
    this.pool = Executors.newFixedThreadPool(config.threads());
  }

  /**
   * The generators' shared vocabulary: every word of every generator's training text (min count 1), so
   * that one watermark tokenizer serves all generators, as one model's tokenizer serves all its outputs.
   */
  public static Vocabulary generatorVocabulary(List<Domain> domains) {
    List<String[]> all = new ArrayList<>();
    for (Domain d : domains) {
      all.addAll(d.sentences(Role.EVAL_GENERATOR));
      if (!d.heldOut()) {
        all.addAll(d.sentences(Role.FIT_GENERATOR));
      }
    }
    return Vocabulary.build(all, 1);
  }

  /** One text of the benchmark. */
  record Sample(String domain, int length, boolean machine, String source, String text) {}

  /**
   * Runs the benchmark.
   *
   * @param log progress lines
   */
  public static EvalResult run(EvalConfig config, PrintStream log) {
    Evaluation e = new Evaluation(config, log);
    try {
      return e.run();
    } finally {
      e.pool.shutdownNow();
    }
  }

  private EvalResult run() {
    long t0 = System.nanoTime();
    List<Domain> domains = new ArrayList<>();
    for (EvalConfig.DomainSpec d : config.domains()) {
      domains.add(Domain.load(d.name(), d.split(), d.heldOut(), d.maxDocuments()));
    }
    log.printf("domains loaded (%s) in %.1f s%n", String.join(", ", domains.stream().map(Domain::name).toList()), secs(t0));

    // 1. observer and performer over one vocabulary
    List<String[]> obsText = new ArrayList<>();
    List<String[]> perfText = new ArrayList<>();
    for (Domain d : domains) {
      if (!d.heldOut()) {
        obsText.addAll(d.sentences(Role.OBSERVER));
        perfText.addAll(d.sentences(Role.PERFORMER));
      }
    }
    List<String[]> both = new ArrayList<>(obsText);
    both.addAll(perfText);
    Vocabulary vocab = Vocabulary.build(both, config.vocabularyMinCount());
    NgramLm observer = KneserNey.train(encode(vocab, obsText), config.observerOrder());
    NgramLm performer = KneserNey.train(encode(vocab, perfText), config.performerOrder());
    log.printf("observer %s, performer %s, vocabulary %d, in %.1f s%n", observer, performer, vocab.size(), secs(t0));
    // watermark schemes over the generators' shared vocabulary, with a key drawn from the seed
    Vocabulary genVocab = generatorVocabulary(domains);
    List<WatermarkArm> wm = new ArrayList<>();
    for (int i = 0; i < config.watermarks().size(); i++) {
      wm.add(new SchemeArm(config.watermarks().get(i),
          WatermarkKey.random(RandomStreams.derive(config.seed(), 77, i, Purpose.FIT)), genVocab));
    }
    arms = List.copyOf(wm);
    List<TextFeature> extras = arms.stream().map(WatermarkArm::evidence).toList();
    Analyzer analyzer = new Analyzer(new NgramScorer("observer", observer), new NgramScorer("performer", performer),
        extras);

    // 2. texts
    List<Sample> fit = new ArrayList<>();
    List<Sample> cal = new ArrayList<>();
    List<Sample> eval = new ArrayList<>();
    List<Future<List<Sample>>> gen = new ArrayList<>();
    for (int di = 0; di < domains.size(); di++) {
      Domain d = domains.get(di);
      for (int len : config.lengths()) {
        for (List<String[]> w : Texts.windows(d.documents(Role.CALIBRATION), len, config.calibrationTexts())) {
          cal.add(new Sample(d.name(), len, false, "human", Texts.render(w)));
        }
        for (List<String[]> w : Texts.windows(d.documents(Role.EVALUATION), len, config.evaluationTexts())) {
          eval.add(new Sample(d.name(), len, false, "human", Texts.render(w)));
        }
        if (!d.heldOut()) {
          for (List<String[]> w : Texts.windows(d.documents(Role.FIT_HUMAN), len, config.fitHumanTexts())) {
            fit.add(new Sample(d.name(), len, false, "human", Texts.render(w)));
          }
        }
      }
      gen.addAll(generate(d, di, Role.EVAL_GENERATOR, config.machinePerConfig(), genVocab));
      if (!d.heldOut()) {
        gen.addAll(generate(d, di, Role.FIT_GENERATOR, config.fitMachinePerConfig(), genVocab));
      }
    }
    for (Future<List<Sample>> f : gen) {
      for (Sample s : get(f)) {
        (s.source().startsWith("fit:") ? fit : eval).add(s);
      }
    }
    log.printf("texts: %d fit, %d calibration, %d evaluation, in %.1f s%n", fit.size(), cal.size(), eval.size(), secs(t0));

    // 3. evidence
    List<Evidence> fitE = analyze(analyzer, fit);
    List<Evidence> calE = analyze(analyzer, cal);
    List<Evidence> evalE = analyze(analyzer, eval);
    log.printf("analysed in %.1f s%n", secs(t0));

    // 4. trained detectors
    List<Detector> detectors = new ArrayList<>(ZeroShotDetector.ALL);
    List<Evidence> fitH = new ArrayList<>();
    List<Evidence> fitM = new ArrayList<>();
    for (int i = 0; i < fit.size(); i++) {
      (fit.get(i).machine() ? fitM : fitH).add(fitE.get(i));
    }
    LinearTrainer trainer = LinearTrainer.defaults(config.seed());
    LinearDetector style = trainer.train("stylometric", Features.resolve(Features.styleSet(), Map.of()), fitH, fitM)
        .detector();
    LinearDetector classifier = trainer.train("classifier", Features.resolve(Features.classifierSet(), Map.of()),
        fitH, fitM).detector();
    detectors.add(style);
    detectors.add(classifier);
    for (WatermarkArm a : arms) {
      detectors.add(new FeatureDetector("watermark-" + a.name(), a.evidence().name()));
    }
    LinearDetector combined = combined(trainer, fit, fitE, classifier);
    detectors.add(combined);
    log.printf("trained stylometric, classifier and combined detectors on %d human and %d machine texts, %.1f s%n",
        fitH.size(), fitM.size(), secs(t0));

    // 5. calibration per detector, rate, domain and length
    Map<String, List<Thresholds>> calibration = new LinkedHashMap<>();
    for (Detector det : detectors) {
      List<Thresholds> ts = new ArrayList<>();
      for (double fpr : config.fprs()) {
        Map<String, Map<Integer, Double>> byDomain = new TreeMap<>();
        for (Domain d : domains) {
          for (int len : config.lengths()) {
            List<Double> h = new ArrayList<>();
            for (int i = 0; i < cal.size(); i++) {
              Sample s = cal.get(i);
              if (s.domain().equals(d.name()) && s.length() == len) {
                h.add(det.score(calE.get(i)));
              }
            }
            double[] hs = h.stream().mapToDouble(Double::doubleValue).toArray();
            byDomain.computeIfAbsent(d.name(), k -> new TreeMap<>()).put(len, Calibration.threshold(hs, fpr));
          }
        }
        ts.add(new Thresholds(fpr, byDomain));
      }
      calibration.put(det.name(), ts);
    }
    DetectorModel model = new DetectorModel(analyzer, detectors, calibration, combined.name());

    // 6. clean evaluation
    List<Metrics> metrics = new ArrayList<>();
    Map<String, double[][]> roc = new LinkedHashMap<>();
    Map<Integer, double[][]> rocByLength = new TreeMap<>();
    List<String> domainNames = domains.stream().map(Domain::name).toList();
    for (Detector det : detectors) {
      double[] scores = evalE.stream().mapToDouble(det::score).toArray();
      for (int len : config.lengths()) {
        for (String dom : withAll(domainNames)) {
          metrics.add(measure(model, det, eval, evalE, scores, dom, len, NONE, s -> true));
        }
        if (len == config.reportLength()) {
          roc.put(det.name(), split(eval, scores, len));
        }
        if (det == combined) {
          rocByLength.put(len, split(eval, scores, len));
        }
      }
    }
    // per generator configuration, pooled over domains, at the report length
    List<Metrics> bySource = new ArrayList<>();
    List<String> sources = eval.stream().filter(Sample::machine).map(Sample::source).distinct().toList();
    for (Detector det : detectors) {
      double[] scores = evalE.stream().mapToDouble(det::score).toArray();
      for (String src : sources) {
        Metrics m = measure(model, det, eval, evalE, scores, ALL, config.reportLength(), NONE,
            s -> !s.machine() || s.source().equals(src));
        bySource.add(new Metrics(m.detector(), src, m.length(), m.attack(), m.humans(), m.machines(), m.auroc(),
            m.tpr1(), m.fpr1(), m.tpr5(), m.fpr5()));
      }
      // a watermark detector's job is watermarked text: pooled over the generators that embedded its scheme
      for (WatermarkArm a : arms) {
        if (det.name().equals("watermark-" + a.name())) {
          Metrics m = measure(model, det, eval, evalE, scores, ALL, config.reportLength(), NONE,
              s -> !s.machine() || s.source().endsWith("+wm-" + a.name()));
          bySource.add(new Metrics(m.detector(), WATERMARKED, m.length(), m.attack(), m.humans(), m.machines(), m.auroc(),
              m.tpr1(), m.fpr1(), m.tpr5(), m.fpr5()));
        }
      }
    }
    log.printf("evaluated in %.1f s%n", secs(t0));

    // 7. attacks at one length, on held-out human and machine text
    List<Metrics> attacked = new ArrayList<>();
    List<Sample> base = new ArrayList<>();
    for (String dom : domainNames) {
      List<Sample> h = eval.stream().filter(s -> s.domain().equals(dom) && s.length() == config.attackLength() && !s.machine())
          .limit(config.attackTexts()).toList();
      List<Sample> m = eval.stream().filter(s -> s.domain().equals(dom) && s.length() == config.attackLength() && s.machine())
          .limit(config.attackTexts()).toList();
      base.addAll(h);
      base.addAll(m);
    }
    List<Attack> attacks = config.attacks(eval.stream()
        .filter(s -> !s.machine() && s.length() == config.attackLength()).map(Sample::text).toList());
    for (int ai = 0; ai < attacks.size(); ai++) {
      Attack a = attacks.get(ai);
      List<Sample> hit = new ArrayList<>();
      for (int i = 0; i < base.size(); i++) {
        Sample s = base.get(i);
        boolean skip = !s.machine() && a instanceof HumanInsertion hi && !hi.applyToHuman();
        UniformRandomProvider rng = RandomStreams.derive(config.seed(), 1000 + ai, i, Purpose.METRIC);
        hit.add(new Sample(s.domain(), s.length(), s.machine(), s.source(), skip ? s.text() : a.apply(s.text(), rng)));
      }
      List<Evidence> hitE = analyze(analyzer, hit);
      for (Detector det : detectors) {
        double[] scores = hitE.stream().mapToDouble(det::score).toArray();
        attacked.add(measure(model, det, hit, hitE, scores, ALL, config.attackLength(), a.name(), s -> true));
      }
      log.printf("attack %s in %.1f s%n", a.name(), secs(t0));
    }
    return new EvalResult(config, model, domainNames, metrics, bySource, attacked, roc, rocByLength,
        Map.of("fit", fit.size(), "calibration", cal.size(), "evaluation", eval.size()), secs(t0), arms);
  }

  /** The combined detector: logistic regression over the zero-shot scores, the classifier's out-of-fold score and the watermark evidence. */
  private LinearDetector combined(LinearTrainer trainer, List<Sample> fit, List<Evidence> fitE, LinearDetector classifier) {
    // out-of-fold classifier scores, so the stacker does not learn from scores on the classifier's own training texts
    int k = 5;
    double[] oof = new double[fit.size()];
    for (int f = 0; f < k; f++) {
      List<Evidence> h = new ArrayList<>();
      List<Evidence> m = new ArrayList<>();
      for (int i = 0; i < fit.size(); i++) {
        if (i % k != f) {
          (fit.get(i).machine() ? m : h).add(fitE.get(i));
        }
      }
      LinearDetector c = trainer.train("classifier", classifier.features(), h, m).detector();
      for (int i = f; i < fit.size(); i += k) {
        oof[i] = c.score(fitE.get(i));
      }
    }
    List<String> names = new ArrayList<>(Features.ZERO_SHOT);
    names.add("detector.classifier");
    for (WatermarkArm a : arms) {
      names.add("extra." + a.evidence().name());
    }
    // training rows carry the out-of-fold score in place of the classifier's; scoring uses the classifier itself
    List<Evidence> h = new ArrayList<>();
    List<Evidence> m = new ArrayList<>();
    Map<Evidence, Double> oofByEvidence = new java.util.IdentityHashMap<>();
    for (int i = 0; i < fit.size(); i++) {
      oofByEvidence.put(fitE.get(i), oof[i]);
      (fit.get(i).machine() ? m : h).add(fitE.get(i));
    }
    Detector oofClassifier = new Detector() {
      @Override
      public String name() {
        return "classifier";
      }

      @Override
      public double score(Evidence e) {
        Double v = oofByEvidence.get(e);
        return v != null ? v : classifier.score(e);
      }
    };
    LinearDetector trained = trainer.train("combined", Features.resolve(names, Map.of("classifier", oofClassifier)), h, m)
        .detector();
    return new LinearDetector("combined", Features.resolve(names, Map.of("classifier", classifier)), trained.mean(),
        trained.scale(), trained.weights(), trained.bias());
  }

  private List<Future<List<Sample>>> generate(Domain d, int di, Role role, int perConfig, Vocabulary v) {
    List<String[]> text = d.sentences(role);
    Sentences s = encode(v, text);
    boolean[] seen = new boolean[v.size()];
    for (int[] sentence : s.sentences()) {
      for (int w : sentence) {
        seen[w] = true;
      }
    }
    seen[Vocabulary.UNK] = false;
    List<Future<List<Sample>>> out = new ArrayList<>();
    String prefix = role == Role.FIT_GENERATOR ? "fit:" : "";
    int ri = role.ordinal();
    for (int order : config.generatorOrders()) {
      NgramLm lm = KneserNey.train(s, order);
      for (int ci = 0; ci < config.decodings().size(); ci++) {
        Generator g = new Generator("kn" + order + "/" + EvalConfig.describe(config.decodings().get(ci)), lm,
            config.decodings().get(ci), w -> seen[w]);
        int chain = di * 10_000 + ri * 1000 + order * 100 + ci;
        out.add(pool.submit(() -> {
          List<Sample> samples = new ArrayList<>();
          Sampler sampler = g.sampler();
          for (int len : config.lengths()) {
            UniformRandomProvider rng = RandomStreams.derive(config.seed(), chain, len, Purpose.SAMPLE);
            for (int i = 0; i < perConfig; i++) {
              samples.add(new Sample(d.name(), len, true, prefix + g.name(), Texts.render(g.text(sampler, len, rng))));
            }
          }
          return samples;
        }));
      }
      // watermarked text: ancestral sampling under each scheme, one configuration per order and scheme
      for (int ai = 0; ai < arms.size(); ai++) {
        WatermarkArm a = arms.get(ai);
        int chain = di * 10_000 + ri * 1000 + order * 100 + 50 + ai;
        String name = prefix + "kn" + order + "/sample+wm-" + a.name();
        out.add(pool.submit(() -> {
          List<Sample> samples = new ArrayList<>();
          for (int len : config.lengths()) {
            UniformRandomProvider rng = RandomStreams.derive(config.seed(), chain, len, Purpose.SAMPLE);
            for (int i = 0; i < perConfig; i++) {
              samples.add(new Sample(d.name(), len, true, name, Texts.render(a.text(lm, len, rng))));
            }
          }
          return samples;
        }));
      }
    }
    return out;
  }

  private List<Evidence> analyze(Analyzer a, List<Sample> samples) {
    List<Future<List<Evidence>>> parts = new ArrayList<>();
    int chunk = 64;
    for (int from = 0; from < samples.size(); from += chunk) {
      List<Sample> part = samples.subList(from, Math.min(samples.size(), from + chunk));
      parts.add(pool.submit(() -> part.stream().map(s -> a.analyze(s.text())).toList()));
    }
    List<Evidence> out = new ArrayList<>();
    for (Future<List<Evidence>> f : parts) {
      out.addAll(get(f));
    }
    return out;
  }

  private static Metrics measure(DetectorModel model, Detector det, List<Sample> samples, List<Evidence> evidence,
      double[] scores, String domain, int length, String attack, java.util.function.Predicate<Sample> keep) {
    List<Double> h = new ArrayList<>();
    List<Double> m = new ArrayList<>();
    int[] flagged1 = new int[2];
    int[] flagged5 = new int[2];
    Thresholds t1 = model.thresholds(det.name(), 0.01);
    Thresholds t5 = model.thresholds(det.name(), 0.05);
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      if (s.length() != length || !(domain.equals(ALL) || s.domain().equals(domain)) || !keep.test(s)) {
        continue;
      }
      double sc = scores[i];
      int side = s.machine() ? 1 : 0;
      (s.machine() ? m : h).add(sc);
      // thresholds of the text's own domain and calibrated length
      if (sc > t1.threshold(s.domain(), s.length())) {
        flagged1[side]++;
      }
      if (sc > t5.threshold(s.domain(), s.length())) {
        flagged5[side]++;
      }
    }
    double[] hs = h.stream().mapToDouble(Double::doubleValue).toArray();
    double[] ms = m.stream().mapToDouble(Double::doubleValue).toArray();
    double nh = Math.max(1, hs.length);
    double nm = Math.max(1, ms.length);
    return new Metrics(det.name(), domain, length, attack, hs.length, ms.length, Roc.auroc(hs, ms),
        flagged1[1] / nm, flagged1[0] / nh, flagged5[1] / nm, flagged5[0] / nh);
  }

  /** Human and machine scores at one length, pooled over domains: {human, machine}. */
  private static double[][] split(List<Sample> samples, double[] scores, int length) {
    List<Double> h = new ArrayList<>();
    List<Double> m = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      if (samples.get(i).length() == length) {
        (samples.get(i).machine() ? m : h).add(scores[i]);
      }
    }
    return new double[][] {h.stream().mapToDouble(Double::doubleValue).toArray(),
        m.stream().mapToDouble(Double::doubleValue).toArray()};
  }

  private static List<String> withAll(List<String> names) {
    List<String> out = new ArrayList<>(names);
    out.add(ALL);
    return out;
  }

  static Sentences encode(Vocabulary v, List<String[]> text) {
    return new Sentences(v, text.stream().map(v::encode).toArray(int[][]::new));
  }

  private static <T> T get(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("evaluation interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
