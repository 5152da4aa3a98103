package org.tailguard.monitor;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.rng.UniformRandomProvider;
import org.tailguard.random.RandomStreams;
import org.tailguard.text.corpus.Split;
import org.tailguard.text.lm.Decoding;
import org.tailguard.text.lm.KneserNey;
import org.tailguard.text.lm.NgramLm;
import org.tailguard.text.lm.Sampler;
import org.tailguard.text.token.TokenizedCorpus;
import org.tailguard.text.token.Vocabulary;

/**
 * A synthetic stream of model outputs as JSONL, generated on the fly (nothing is held but the current line):
 * n short responses (at most 20 words) sampled from a Kneser–Ney trigram trained on Moby-Dick chapters 1–40, spread over
 * {@code versions} versions of model {@code lm}, every 10th answering one of 1,000 prompts.
 */
final class LmJsonl extends InputStream {
  private static volatile NgramLm lm;

  private final Sampler sampler;
  private final Vocabulary vocabulary;
  private final UniformRandomProvider rng;
  private final long n;
  private final int versions;
  private final StringBuilder b = new StringBuilder();
  private byte[] line = new byte[0];
  private int pos;
  private long next;

  LmJsonl(long n, int versions, long seed) {
    NgramLm m = model();
    this.sampler = new Sampler(m, Decoding.sample());
    this.vocabulary = m.vocabulary();
    this.rng = RandomStreams.of(seed);
    this.n = n;
    this.versions = versions;
  }

  /** The generator's language model, trained once per process. */
  static NgramLm model() {
    if (lm == null) {
      synchronized (LmJsonl.class) {
        if (lm == null) {
          TokenizedCorpus t = TokenizedCorpus.of(Split.parse("moby-dick:1-40"));
          lm = KneserNey.train(t.encode(t.vocabulary(1)), 3);
        }
      }
    }
    return lm;
  }

  private boolean fill() {
    if (next == n) {
      return false;
    }
    long i = next++;
    b.setLength(0);
    b.append("{\"model\":\"lm\",\"version\":\"v").append(i * versions / n).append('"');
    if (i % 10 == 0) {
      b.append(",\"prompt_id\":\"q").append(rng.nextInt(1000)).append('"');
    }
    b.append(",\"response\":\"");
    int[] s = sampler.sentence(rng, 20);
    for (int j = 0; j < s.length; j++) {
      if (j > 0) {
        b.append(' ');
      }
      String w = vocabulary.word(s[j]);
      b.append(w.equals(Vocabulary.UNK_WORD) ? "unk" : w);
    }
    b.append(".\"}\n");
    line = b.toString().getBytes(StandardCharsets.UTF_8);
    pos = 0;
    return true;
  }

  @Override
  public int read() {
    if (pos == line.length && !fill()) {
      return -1;
    }
    return line[pos++] & 0xff;
  }

  @Override
  public int read(byte[] buf, int off, int len) {
    if (len == 0) {
      return 0;
    }
    int done = 0;
    while (done < len) {
      if (pos == line.length && !fill()) {
        break;
      }
      int k = Math.min(len - done, line.length - pos);
      System.arraycopy(line, pos, buf, off + done, k);
      pos += k;
      done += k;
    }
    return done == 0 ? -1 : done;
  }
}
