package org.tailguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.detect.eval.Texts;
import org.tailguard.random.RandomStreams;
import org.tailguard.random.RandomStreams.Purpose;
import org.tailguard.spec.SpecException;
import org.tailguard.text.corpus.Split;
import org.tailguard.text.lm.KneserNey;
import org.tailguard.text.lm.NgramLm;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.TokenizedCorpus;
import org.tailguard.text.token.Vocabulary;
import org.tailguard.watermark.Detection;
import org.tailguard.watermark.Radioactivity;
import org.tailguard.watermark.Scan;
import org.tailguard.watermark.TextTokens;
import org.tailguard.watermark.Watermark;
import org.tailguard.watermark.WatermarkBenchmark;
import org.tailguard.watermark.WatermarkHtml;
import org.tailguard.watermark.WatermarkKey;
import org.tailguard.watermark.WatermarkSampler;
import org.tailguard.watermark.WatermarkSpec;
import org.tailguard.watermark.WindowDetection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tailguard watermark embed|detect|radioactivity}: watermarked sampling from a Kneser–Ney model on a
 * bundled split, detection from text alone with an exact p-value (KGW, Kirchenbauer et al. 2023; Unigram,
 * Zhao et al. 2024; EXP, Aaronson/Kuditipudi et al. 2024; SynthID, Dathathri et al. 2024), and the
 * radioactivity experiment of Sander et al. (2024).
 */
@Command(name = "watermark", mixinStandardHelpOptions = true,
    description = "Watermarked sampling from our n-gram models, detection with a p-value, radioactivity.",
    subcommands = {WatermarkCommand.Embed.class, WatermarkCommand.Detect.class, WatermarkCommand.Radio.class,
        WatermarkCommand.Bench.class})
final class WatermarkCommand {

  /** The scheme, key and tokenizer options shared by embed and detect. */
  static final class SchemeOptions {
    @Option(names = "--scheme", defaultValue = "kgw",
        description = "kgw, kgw-selfhash, kgw-minhash, kgw-lefthash, unigram, exp or synthid (default: ${DEFAULT-VALUE}).")
    String scheme;

    @Option(names = "--key", paramLabel = "PASSPHRASE", description = "The secret key as a passphrase (SHA-256 of it).")
    String key;

    @Option(names = "--key-hex", paramLabel = "HEX", description = "The secret key as 64 hex digits.")
    String keyHex;

    @Option(names = "--train", defaultValue = "sotu:train",
        description = "The split whose words are the tokenizer (and, for embed, the model's training text) (default: ${DEFAULT-VALUE}).")
    String train;

    WatermarkSpec spec() {
      return WatermarkSpec.named("--scheme", scheme);
    }

    WatermarkKey key() {
      if ((key == null) == (keyHex == null)) {
        throw new SpecException("--key", "give exactly one of --key PASSPHRASE or --key-hex HEX (there is no default key)");
      }
      return key != null ? WatermarkKey.of(key) : WatermarkKey.parse("--key-hex", keyHex);
    }

    TokenizedCorpus corpus() {
      return TokenizedCorpus.of(Split.parse("--train", train));
    }

    /** The tokenizer: the split's words seen at least twice, as the evaluation's watermark models use. */
    static Vocabulary vocabulary(TokenizedCorpus c) {
      return c.vocabulary(2);
    }
  }

  @Command(name = "embed", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Writes N watermarked documents sampled from a Kneser-Ney model trained on a bundled split,",
          "one JSON line each ({\"id\", \"scheme\", \"text\"}) or, with --format text, one document per line.",
          "Document i uses the stream (seed, i), so the output is the same for any N prefix."})
  static final class Embed implements Callable<Integer> {
    @Mixin
    SchemeOptions scheme;

    @Option(names = "--n", defaultValue = "10", description = "Documents (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--words", defaultValue = "200", description = "Words per document (default: ${DEFAULT-VALUE}).")
    int words;

    @Option(names = "--order", defaultValue = "3", description = "n-gram order (default: ${DEFAULT-VALUE}).")
    int order;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = "--format", defaultValue = "jsonl", description = "jsonl or text (default: ${DEFAULT-VALUE}).")
    String format;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() throws IOException {
      if (n < 0) {
        throw new SpecException("--n", "must be at least 0, got " + n);
      }
      if (words < 1) {
        throw new SpecException("--words", "must be at least 1, got " + words);
      }
      if (order < 1 || order > 5) {
        throw new SpecException("--order", "must be in 1..5, got " + order);
      }
      boolean jsonl = switch (format.toLowerCase(Locale.ROOT)) {
        case "jsonl" -> true;
        case "text" -> false;
        default -> throw new SpecException("--format", "must be jsonl or text, got '" + format + "'");
      };
      WatermarkSpec spec = scheme.spec();
      WatermarkKey key = scheme.key();
      TokenizedCorpus c = scheme.corpus();
      Vocabulary v = SchemeOptions.vocabulary(c);
      NgramLm lm = KneserNey.train(c.encode(v), order);
      Watermark wm = Watermark.of(spec, key, v);
      WatermarkSampler sampler = new WatermarkSampler(lm, wm);
      ObjectMapper json = new ObjectMapper();
      PrintWriter out = cmd.commandLine().getOut();
      for (int i = 0; i < n; i++) {
        UniformRandomProvider rng = RandomStreams.derive(seed, i, 0, Purpose.SAMPLE);
        Sentences doc = sampler.document(words, rng);
        List<String[]> ws = new ArrayList<>();
        for (int s = 0; s < doc.size(); s++) {
          ws.add(doc.words(s));
        }
        String text = Texts.render(ws);
        if (jsonl) {
          ObjectNode o = json.createObjectNode();
          o.put("id", "wm-" + i);
          o.put("scheme", wm.name());
          o.put("text", text);
          out.println(json.writeValueAsString(o));
        } else {
          out.println(text);
        }
      }
      out.flush();
      cmd.commandLine().getErr().printf(Locale.ROOT, "%d documents of %d words, %s, key %s, order-%d model on %s%n", n, words,
          wm.name(), key.fingerprint(), order, scheme.train);
      return 0;
    }
  }

  @Command(name = "detect", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Tests each document for the watermark: exact p-value, flagged when p <= --alpha (the threshold",
          "follows from the target false-positive rate). Input: JSONL ({\"text\": ...}) or one document per line.",
          "--window also scans for the most significant passage (Bonferroni-corrected); --html DIR writes a",
          "per-token view per document."})
  static final class Detect implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE|-", description = "Input file, or - for standard input.")
    String input;

    @Mixin
    SchemeOptions scheme;

    @Option(names = "--alpha", defaultValue = "1e-4", description = "Target false-positive rate (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--window", description = "Also scan windows for a watermarked passage inside a long document.")
    boolean window;

    @Option(names = "--html", paramLabel = "DIR", description = "Write DIR/doc-LINE.html, the per-token view of each document.")
    Path html;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() throws IOException {
      if (!(alpha > 0 && alpha < 1)) {
        throw new SpecException("--alpha", "must be in (0, 1), got " + alpha);
      }
      WatermarkSpec spec = scheme.spec();
      WatermarkKey key = scheme.key();
      Vocabulary v = SchemeOptions.vocabulary(scheme.corpus());
      Watermark wm = Watermark.of(spec, key, v);
      PrintWriter out = cmd.commandLine().getOut();
      PrintWriter err = cmd.commandLine().getErr();
      String name = Inputs.name(input);
      out.println("line\twords\tscored\tscore\tz\tp-value\twatermarked" + (window ? "\twindow\twindow p (corrected)" : ""));
      ObjectMapper json = new ObjectMapper();
      int docs = 0;
      int flagged = 0;
      int errors = 0;
      try (BufferedReader in = new BufferedReader(Inputs.open(input))) {
        String line;
        long lineNo = 0;
        Boolean jsonl = null;
        while ((line = in.readLine()) != null) {
          lineNo++;
          if (line.isBlank()) {
            continue;
          }
          if (jsonl == null) {
            jsonl = line.stripLeading().startsWith("{");
          }
          String text = line;
          if (jsonl) {
            JsonNode node;
            try {
              node = json.readTree(line);
            } catch (IOException e) {
              node = null;
            }
            if (node == null || !node.path("text").isTextual()) {
              errors++;
              err.println("tailguard: " + name + ":" + lineNo + ": " + (node == null ? "invalid JSON"
                  : "expected a JSON object with a \"text\" string"));
              continue;
            }
            text = node.path("text").asText();
          }
          docs++;
          TextTokens t = TextTokens.of(text, v);
          var scores = wm.score(t.ids());
          Detection d = scores.detection();
          boolean hit = d.flagged(alpha);
          flagged += hit ? 1 : 0;
          StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%d\t%d\t%d\t%.4f\t%.2f\t%.3g\t%s", lineNo,
              d.tokens(), d.scored(), d.score(), d.z(), d.pValue(), hit ? "yes" : "no"));
          if (window) {
            WindowDetection w = scores.scan(Scan.defaults());
            row.append(String.format(Locale.ROOT, "\t%d-%d\t%.3g", w.from(), w.to(), w.correctedPValue()));
          }
          out.println(row);
          if (html != null) {
            WatermarkHtml.write(html.resolve("doc-" + lineNo + ".html"), WatermarkHtml.render(scores, t.words(), alpha));
          }
        }
      }
      out.flush();
      err.printf(Locale.ROOT, "%d documents, %d watermarked at alpha %s (%s, key %s)%s%n", docs, flagged, alpha, wm.name(),
          key.fingerprint(), errors > 0 ? ", " + errors + " bad lines" : "");
      return errors > 0 ? 2 : 0;
    }
  }

  @Command(name = "radioactivity", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Sander et al. (2024): generation 0 writes watermarked text; generation 1 trains on a corpus of",
          "which a share is that text, then samples without any watermark; the watermark test on its samples gives",
          "one p-value per share. Sander et al. report p < 1e-5 from a 5% share. The key is drawn from --seed."})
  static final class Radio implements Callable<Integer> {
    @Option(names = "--scheme", defaultValue = "kgw-lefthash",
        description = {"A green-list scheme: kgw-lefthash, kgw, kgw-minhash, kgw-selfhash or unigram (default: ${DEFAULT-VALUE};",
            "an order-n model sees n-1 words of context, so a trigram cannot learn KGW's 4-word green lists)."})
    String scheme;

    @Option(names = "--corpus", defaultValue = "sotu:train", description = "The human corpus (default: ${DEFAULT-VALUE}).")
    String corpus;

    @Option(names = "--shares", split = ",", paramLabel = "S",
        description = "Watermarked shares of generation 1's training text (default: 0,0.01,0.02,0.05,0.1,0.2).")
    List<Double> shares;

    @Option(names = "--corpus-tokens", defaultValue = "0", description = "Generation 1's training size in tokens; 0 for the whole corpus.")
    int corpusTokens;

    @Option(names = "--sample-tokens", defaultValue = "100000", description = "Tokens sampled from generation 1 and tested (default: ${DEFAULT-VALUE}).")
    int sampleTokens;

    @Option(names = "--order", defaultValue = "3", description = "n-gram order of both generations (default: ${DEFAULT-VALUE}).")
    int order;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = "--quick", description = "Small sizes (seconds): 60,000 training tokens, shares 0 and 0.2, 10,000 sampled tokens.")
    boolean quick;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() {
      List<Double> s = shares != null ? shares : quick ? List.of(0.0, 0.2) : null;
      Radioactivity.Config c = new Radioactivity.Config(corpus, quick && corpusTokens == 0 ? 60_000 : corpusTokens, order, s,
          WatermarkSpec.named("--scheme", scheme), null, quick ? 10_000 : sampleTokens, seed);
      PrintStream log = WriterOutputStream.printStream(cmd.commandLine().getErr());
      List<Radioactivity.Row> rows = Radioactivity.run(c, log);
      PrintWriter out = cmd.commandLine().getOut();
      out.printf(Locale.ROOT, "%s, order-%d Kneser-Ney on %s, %,d sampled tokens from generation 1, seed %d%n%n",
          c.watermark().name(), c.order(), c.corpus(), c.sampleTokens(), c.seed());
      out.print(Radioactivity.table(rows));
      out.printf(Locale.ROOT, "%np < 1e-5 from share %s (all tuples), %s (tuples whose context was in the watermarked text)%n",
          share(Radioactivity.threshold(rows, 1e-5, false)), share(Radioactivity.threshold(rows, 1e-5, true)));
      out.flush();
      return 0;
    }

    private static String share(double x) {
      return Double.isNaN(x) ? "none of those tried" : String.format(Locale.ROOT, "%.0f%%", 100 * x);
    }
  }

  @Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Watermark throughput per scheme: detection (one thread and all cores), embedding, and the cost",
          "of embedding against the same sampler without a watermark; trigram on --train."})
  static final class Bench implements Callable<Integer> {
    @Option(names = "--train", defaultValue = "sotu:train", description = "The model's training split (default: ${DEFAULT-VALUE}).")
    String train;

    @Option(names = "--documents", defaultValue = "100", description = "Documents per scheme (default: ${DEFAULT-VALUE}).")
    int documents;

    @Option(names = "--words", defaultValue = "200", description = "Words per document (default: ${DEFAULT-VALUE}).")
    int words;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed runs per figure, best kept (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--threads", description = "Threads of the all-cores figure (default: all cores).")
    Integer threads;

    @Spec
    CommandSpec cmd;

    @Override
    public Integer call() {
      PrintStream out = WriterOutputStream.printStream(cmd.commandLine().getOut());
      WatermarkBenchmark.run(new WatermarkBenchmark.Config(train, documents, words, threads, repeats), out);
      out.flush();
      return 0;
    }
  }
}
