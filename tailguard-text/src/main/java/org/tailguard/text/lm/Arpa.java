package org.tailguard.text.lm;

import it.unimi.dsi.fastutil.longs.LongArrays;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tailguard.text.token.Vocabulary;

/**
 * Reads and writes n-gram models in the ARPA backoff format (Paul and Baker 1992; as written by SRILM,
 * KenLM and IRSTLM): a {@code \data\} header of n-gram counts, then per order lines
 * {@code log10 p <TAB> w1 .. wk [<TAB> log10 bo]}, and {@code \end\}.
 *
 * <p>An interpolated model is written as SRILM's {@code -interpolate} and KenLM do: each stored n-gram
 * with its interpolated probability, each context with its interpolation weight as backoff, so that the
 * backoff recursion of {@link NgramLm} reproduces the interpolated model exactly. Values are written with
 * Java's shortest round-trip decimal form, so a model read back scores text as its source did to about
 * 1e-15 in log10. A zero probability ({@code <s>}) is written as −99, the ARPA convention.
 *
 * <p>Reading builds the vocabulary from the 1-grams, most probable first; {@code <unk>}, {@code <s>} and
 * {@code </s>} keep ids 0, 1, 2 whether the file lists them or not (a missing {@code <unk>} gets
 * probability 0). Every n-gram's prefix must itself be listed, as the three toolkits ensure.
 */
public final class Arpa {
  private static final int WORD_BITS = 24;
  private static final long WORD_MASK = (1L << WORD_BITS) - 1;
  private static final double LOG10_ZERO = -99;

  private Arpa() {}

  public static void write(NgramLm lm, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(lm, w);
    }
  }

  /** Writes the model; the writer is flushed, not closed. */
  public static void write(NgramLm lm, Writer writer) throws IOException {
    BufferedWriter out = writer instanceof BufferedWriter b ? b : new BufferedWriter(writer, 1 << 16);
    int n = lm.order;
    Vocabulary vocab = lm.vocabulary;
    out.write("\n\\data\\\n");
    for (int k = 1; k <= n; k++) {
      out.write("ngram " + k + "=" + lm.probs[k].length + "\n");
    }
    // prefixOf[k][id]: the id at level k-1 of the n-gram's first k-1 words
    int[][] prefixOf = new int[n + 1][];
    for (int k = 2; k <= n; k++) {
      int[] off = lm.offsets[k - 1];
      int[] pre = new int[lm.probs[k].length];
      for (int h = 0; h + 1 < off.length; h++) {
        Arrays.fill(pre, off[h], off[h + 1], h);
      }
      prefixOf[k] = pre;
    }
    int[] gram = new int[n];
    StringBuilder line = new StringBuilder(128);
    for (int k = 1; k <= n; k++) {
      out.write("\n\\" + k + "-grams:\n");
      double[] ps = lm.probs[k];
      for (int g = 0; g < ps.length; g++) {
        int id = g;
        for (int j = k; j >= 1; j--) {
          gram[j - 1] = j == 1 ? id : lm.words[j][id];
          if (j > 1) {
            id = prefixOf[j][id];
          }
        }
        line.setLength(0);
        line.append(log10(ps[g])).append('\t');
        for (int j = 0; j < k; j++) {
          if (j > 0) {
            line.append(' ');
          }
          line.append(vocab.word(gram[j]));
        }
        if (k < n && lm.offsets[k][g + 1] > lm.offsets[k][g]) {
          line.append('\t').append(log10(lm.backoffs[k][g]));
        }
        line.append('\n');
        out.append(line);
      }
    }
    out.write("\n\\end\\\n");
    out.flush();
  }

  private static String log10(double p) {
    return p > 0 ? Double.toString(Math.log10(p)) : "-99";
  }

  public static NgramLm read(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(r);
    }
  }

  /**
   * Reads an ARPA model.
   *
   * @throws IOException on a malformed file, naming the line
   */
  public static NgramLm read(Reader reader) throws IOException {
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
    int lineNo = 0;
    String line;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.strip().equals("\\data\\")) {
        break;
      }
    }
    if (line == null) {
      throw new IOException("ARPA: no \\data\\ header");
    }
    List<Integer> counts = new ArrayList<>();
    while ((line = in.readLine()) != null) {
      lineNo++;
      String s = line.strip();
      if (s.isEmpty()) {
        if (!counts.isEmpty()) {
          break;
        }
        continue;
      }
      if (!s.startsWith("ngram ")) {
        break;
      }
      int eq = s.indexOf('=');
      int k = Integer.parseInt(s.substring(6, eq).strip());
      if (k != counts.size() + 1) {
        throw new IOException("ARPA line " + lineNo + ": expected ngram " + (counts.size() + 1));
      }
      counts.add(Integer.parseInt(s.substring(eq + 1).strip()));
    }
    int n = counts.size();
    if (n < 1 || n > KneserNey.MAX_ORDER) {
      throw new IOException("ARPA: order " + n + " outside [1, " + KneserNey.MAX_ORDER + "]");
    }
    // Raw sections: per order, the word strings, log10 probabilities and backoffs, in file order.
    List<String[][]> grams = new ArrayList<>();
    List<double[]> logp = new ArrayList<>();
    List<double[]> logbo = new ArrayList<>();
    for (int k = 1; k <= n; k++) {
      while (line != null && !line.strip().equals("\\" + k + "-grams:")) {
        line = in.readLine();
        lineNo++;
      }
      if (line == null) {
        throw new IOException("ARPA: missing \\" + k + "-grams: section");
      }
      int size = counts.get(k - 1);
      String[][] g = new String[size][];
      double[] lp = new double[size];
      double[] lb = new double[size];
      int i = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        String s = line.strip();
        if (s.isEmpty()) {
          continue;
        }
        if (s.startsWith("\\")) {
          break;
        }
        String[] f = s.split("\\s+");
        if (f.length != k + 1 && f.length != k + 2) {
          throw new IOException("ARPA line " + lineNo + ": expected " + k + " words, got '" + s + "'");
        }
        if (i == size) {
          throw new IOException("ARPA line " + lineNo + ": more " + k + "-grams than the header's " + size);
        }
        try {
          lp[i] = Double.parseDouble(f[0]);
          lb[i] = f.length == k + 2 ? Double.parseDouble(f[k + 1]) : 0;
        } catch (NumberFormatException e) {
          throw new IOException("ARPA line " + lineNo + ": bad number in '" + s + "'", e);
        }
        g[i++] = Arrays.copyOfRange(f, 1, k + 1);
      }
      if (i != size) {
        throw new IOException("ARPA: " + i + " " + k + "-grams, header says " + size);
      }
      grams.add(g);
      logp.add(lp);
      logbo.add(lb);
    }

    // Vocabulary from the 1-grams, most probable first, so that ids follow frequency as in Vocabulary.build.
    String[][] uni = grams.get(0);
    double[] ulp = logp.get(0);
    Map<String, Integer> row = new HashMap<>();
    List<String> others = new ArrayList<>();
    for (int i = 0; i < uni.length; i++) {
      String w = uni[i][0];
      if (row.put(w, i) != null) {
        throw new IOException("ARPA: 1-gram '" + w + "' listed twice");
      }
      if (!w.equals(Vocabulary.UNK_WORD) && !w.equals(Vocabulary.BOS_WORD) && !w.equals(Vocabulary.EOS_WORD)) {
        others.add(w);
      }
    }
    others.sort(Comparator.<String>comparingDouble(w -> -ulp[row.get(w)]).thenComparing(Comparator.naturalOrder()));
    Vocabulary vocab = Vocabulary.of(others);
    int v = vocab.size();
    double[][] probs = new double[n + 1][];
    int[][] words = new int[n + 1][];
    int[][] offsets = new int[n][];
    double[][] backoffs = new double[n][];
    probs[1] = new double[v];
    double[] bo1 = new double[v];
    Arrays.fill(bo1, 1);
    for (int i = 0; i < uni.length; i++) {
      int id = vocab.id(uni[i][0]);
      probs[1][id] = prob(ulp[i]);
      bo1[id] = prob(logbo.get(0)[i]);
    }
    if (n > 1) {
      backoffs[1] = bo1;
    }

    for (int k = 2; k <= n; k++) {
      String[][] g = grams.get(k - 1);
      int size = g.length;
      long[] keys = new long[size];
      long[] rows = new long[size];
      for (int i = 0; i < size; i++) {
        int id = -1;
        for (int j = 0; j < k; j++) {
          String word = g[i][j];
          int w = vocab.id(word);
          if (w == Vocabulary.UNK && !word.equals(Vocabulary.UNK_WORD)) {
            throw new IOException("ARPA: word '" + word + "' of " + k + "-gram " + String.join(" ", g[i])
                + " is not a 1-gram");
          }
          if (j == k - 1) {
            keys[i] = ((long) id << WORD_BITS) | w;
          } else {
            id = j == 0 ? w : find(offsets, words, j + 1, id, w);
            if (id < 0) {
              throw new IOException("ARPA: " + k + "-gram " + String.join(" ", g[i]) + " has no "
                  + (k - 1) + "-gram prefix");
            }
          }
        }
        rows[i] = i;
      }
      LongArrays.radixSort(keys, rows);
      int contexts = probs[k - 1].length;
      int[] off = new int[contexts + 1];
      int[] ws = new int[size];
      double[] ps = new double[size];
      double[] bo = k < n ? new double[size] : null;
      double[] lp = logp.get(k - 1);
      double[] lb = logbo.get(k - 1);
      for (int i = 0; i < size; i++) {
        if (i > 0 && keys[i] == keys[i - 1]) {
          throw new IOException("ARPA: " + k + "-gram " + String.join(" ", g[(int) rows[i]]) + " listed twice");
        }
        int r = (int) rows[i];
        ws[i] = (int) (keys[i] & WORD_MASK);
        off[(int) (keys[i] >>> WORD_BITS) + 1]++;
        ps[i] = prob(lp[r]);
        if (bo != null) {
          bo[i] = prob(lb[r]);
        }
      }
      for (int h = 0; h < contexts; h++) {
        off[h + 1] += off[h];
      }
      offsets[k - 1] = off;
      words[k] = ws;
      probs[k] = ps;
      if (bo != null) {
        backoffs[k] = bo;
      }
    }
    return new NgramLm(vocab, n, probs, words, offsets, backoffs, List.of());
  }

  private static double prob(double log10) {
    return log10 <= LOG10_ZERO ? 0 : Math.pow(10, log10);
  }

  private static int find(int[][] offsets, int[][] words, int k, int h, int w) {
    int lo = offsets[k - 1][h];
    int hi = offsets[k - 1][h + 1] - 1;
    int[] ws = words[k];
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (ws[mid] < w) {
        lo = mid + 1;
      } else if (ws[mid] > w) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }
}
