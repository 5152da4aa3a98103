package org.tailguard.detect.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tailguard.detect.attack.Attack;
import org.tailguard.detect.attack.CaseFlip;
import org.tailguard.detect.attack.Homoglyphs;
import org.tailguard.detect.attack.HumanInsertion;
import org.tailguard.detect.attack.Misspelling;
import org.tailguard.detect.attack.SynonymSubstitution;
import org.tailguard.detect.attack.Whitespace;
import org.tailguard.detect.attack.WordDeletion;
import org.tailguard.detect.attack.ZeroWidth;
import org.tailguard.spec.Check;
import org.tailguard.text.lm.Decoding;

/**
 * The sizes and choices of one evaluation run; {@link #full} and {@link #quick} are the two presets.
 *
 * @param seed the seed of every random stream
 * @param domains the human domains
 * @param lengths the text lengths in words
 * @param reportLength the length of the headline table and the ROC figure
 * @param calibrationTexts the most human calibration texts per domain and length
 * @param evaluationTexts the most held-out human texts per domain and length
 * @param machinePerConfig evaluated machine texts per generator configuration, domain and length
 * @param fitHumanTexts the trained detectors' human texts per domain and length
 * @param fitMachinePerConfig the trained detectors' machine texts per configuration, domain and length
 * @param observerOrder the observer's n-gram order
 * @param performerOrder the performer's n-gram order
 * @param vocabularyMinCount the shared vocabulary's min count
 * @param generatorOrders the generators' n-gram orders
 * @param decodings the generators' decodings
 * @param attackLength the length at which attacks are measured
 * @param attackTexts the most human and the most machine texts per domain attacked
 * @param fprs the target false-positive rates (must include 0.01 and 0.05)
 * @param threads worker threads
 * @param watermarks the watermark presets to include ({@code org.tailguard.watermark.WatermarkSpec#names()})
 */
public record EvalConfig(long seed, List<DomainSpec> domains, List<Integer> lengths, int reportLength,
    int calibrationTexts, int evaluationTexts, int machinePerConfig, int fitHumanTexts, int fitMachinePerConfig,
    int observerOrder, int performerOrder, int vocabularyMinCount, List<Integer> generatorOrders,
    List<Decoding> decodings, int attackLength, int attackTexts, List<Double> fprs, int threads,
    List<String> watermarks) {

  /**
   * A human domain.
   *
   * @param name its name in reports
   * @param split the bundled split it reads
   * @param heldOut whether no detector component trains on it
   * @param maxDocuments the most documents read (0: all)
   */
  public record DomainSpec(String name, String split, boolean heldOut, int maxDocuments) {}

  public EvalConfig {
    domains = List.copyOf(domains);
    lengths = List.copyOf(lengths);
    generatorOrders = List.copyOf(generatorOrders);
    decodings = List.copyOf(decodings);
    fprs = List.copyOf(fprs);
    watermarks = List.copyOf(watermarks);
    Check.atLeast("eval.threads", threads, 1);
    if (!fprs.contains(0.01) || !fprs.contains(0.05)) {
      throw new org.tailguard.spec.SpecException("eval.fprs", "must include 0.01 and 0.05, got " + fprs);
    }
    if (!lengths.contains(reportLength) || !lengths.contains(attackLength)) {
      throw new org.tailguard.spec.SpecException("eval.lengths", "must include the report length " + reportLength
          + " and the attack length " + attackLength + ", got " + lengths);
    }
  }

  /** The domains: SOTU and Brown in-domain, Moby-Dick held out. */
  static List<DomainSpec> defaultDomains(int sotu, int brown, int moby) {
    return List.of(new DomainSpec("sotu", "sotu", false, sotu), new DomainSpec("brown", "brown", false, brown),
        new DomainSpec("moby-dick", "moby-dick", true, moby));
  }

  /** The decodings: ancestral sampling, temperature 0.7, top-k 40 and top-p 0.9. */
  static List<Decoding> defaultDecodings() {
    return List.of(Decoding.sample(), Decoding.sample(0.7), Decoding.topK(40, 1.0), Decoding.topP(0.9, 1.0));
  }

  /**
   * The full benchmark: all of SOTU, Brown and Moby-Dick; lengths 50, 100, 200 and 400 words; KN orders 2, 3
   * and 4 with four decodings and KGW-watermarked ancestral sampling (25 evaluated texts each per domain and
   * length); up to 500 calibration and 500
   * evaluation human texts per domain and length; the trained detectors see up to 300 human and 180 machine
   * texts per in-domain corpus and length; attacks on up to 300 human and 300 machine texts per domain.
   */
  public static EvalConfig full(long seed, int threads) {
    return new EvalConfig(seed, defaultDomains(0, 0, 0), List.of(50, 100, 200, 400), 200, 500, 500, 25, 300, 15, 4, 4, 2,
        List.of(2, 3, 4), defaultDecodings(), 200, 300, List.of(0.01, 0.05), threads, List.of("kgw"));
  }

  /**
   * A small run for tests (seconds): 10 SOTU addresses, 30 Brown files and 24 Moby-Dick chapters, lengths 50
   * and 100, trigram models, 4 texts per generator configuration, 6 texts per attack and domain. Its rates
   * are coarse (a domain with fewer than 99 calibration texts gets no finite 1% threshold), but every stage
   * runs.
   */
  public static EvalConfig quick(long seed, int threads) {
    return new EvalConfig(seed, defaultDomains(10, 30, 24), List.of(50, 100), 100, 100, 50, 4, 30, 4, 3, 3, 2,
        List.of(3), defaultDecodings(), 50, 6, List.of(0.01, 0.05), threads, List.of("kgw"));
  }

  /**
   * The attacks, at RAID's and MarkLLM's default strengths where they have one: word deletion 30%,
   * synonym substitution 30%, homoglyphs (all), whitespace 50%, zero-width spaces after every character,
   * misspellings in 20% of words, case flips 50%, and insertion of 50% machine text into human text.
   *
   * @param humanTexts held-out human texts for the insertion attack
   */
  public List<Attack> attacks(List<String> humanTexts) {
    List<Attack> a = new ArrayList<>(List.of(new WordDeletion(0.3), new SynonymSubstitution(0.3), new Homoglyphs(1.0),
        new Whitespace(0.5), new ZeroWidth(1.0), new Misspelling(0.2), new CaseFlip(0.5)));
    if (!humanTexts.isEmpty()) {
      a.add(new HumanInsertion(0.5, humanTexts));
    }
    return a;
  }

  /** A decoding's short name: {@code sample}, {@code sample-t0.7}, {@code top-k40}, {@code top-p0.9}. */
  static String describe(Decoding d) {
    return switch (d.kind()) {
      case SAMPLE -> d.t() == 1 ? "sample" : String.format(Locale.ROOT, "sample-t%s", d.t());
      case TOP_K -> "top-k" + d.k() + (d.t() == 1 ? "" : "-t" + d.t());
      case TOP_P -> "top-p" + d.p() + (d.t() == 1 ? "" : "-t" + d.t());
      case GREEDY -> "greedy";
      case BEAM -> "beam" + d.width();
    };
  }
}
