package org.tailguard.detect.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.tailguard.text.corpus.Document;
import org.tailguard.text.corpus.Split;
import org.tailguard.text.token.SentenceMode;
import org.tailguard.text.token.WordTokenizer;

/**
 * A human domain of the evaluation: a bundled corpus cut into documents, each assigned one {@link Role} by
 * its position, so that every role sees the whole span of the corpus (years of SOTU, genres of Brown).
 *
 * <p>In-domain corpora (SOTU, Brown) use ten folds by document index modulo 10: 0–1 observer, 2–3
 * performer, 4 the trained detectors' human text, 5 their machine text's generators, 6–7 the evaluated
 * generators, 8 calibration, 9 evaluation. A held-out domain (Moby-Dick) is never seen by any detector:
 * chapter index modulo 4 gives 0–1 evaluated generators, 2 calibration, 3 evaluation.
 *
 * @param name the domain's name in reports
 * @param heldOut whether no detector component trains on it
 * @param documents each document as sentences of words
 */
public record Domain(String name, boolean heldOut, List<List<String[]>> documents) {
  private static final Role[] IN_DOMAIN = {Role.OBSERVER, Role.OBSERVER, Role.PERFORMER, Role.PERFORMER,
      Role.FIT_HUMAN, Role.FIT_GENERATOR, Role.EVAL_GENERATOR, Role.EVAL_GENERATOR, Role.CALIBRATION,
      Role.EVALUATION};
  private static final Role[] HELD_OUT = {Role.EVAL_GENERATOR, Role.EVAL_GENERATOR, Role.CALIBRATION,
      Role.EVALUATION};

  public Domain {
    documents = List.copyOf(documents);
  }

  /**
   * Loads a bundled split as a domain, keeping at most {@code maxDocuments} documents (spread evenly over
   * the corpus; all when 0 or more than there are).
   */
  public static Domain load(String name, String split, boolean heldOut, int maxDocuments) {
    List<List<String[]>> docs = new ArrayList<>();
    Split s = Split.parse(split);
    SentenceMode mode = s.corpus().sentencePerLine() ? SentenceMode.LINES : SentenceMode.DETECT;
    WordTokenizer tok = new WordTokenizer(mode);
    List<Document> all;
    try (Stream<Document> d = s.documents()) {
      all = d.toList();
    }
    int n = all.size();
    int keep = maxDocuments <= 0 || maxDocuments >= n ? n : maxDocuments;
    for (int i = 0; i < keep; i++) {
      // an even spread, and whole role cycles kept: document i of the kept list is corpus document ⌊i·n/keep⌋
      docs.add(tok.sentences(all.get((int) ((long) i * n / keep)).text()));
    }
    return new Domain(name, heldOut, docs);
  }

  /** The role of document {@code i}. */
  public Role role(int i) {
    Role[] cycle = heldOut ? HELD_OUT : IN_DOMAIN;
    return cycle[i % cycle.length];
  }

  /** The documents of a role, in order. */
  public List<List<String[]>> documents(Role role) {
    List<List<String[]>> out = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      if (role(i) == role) {
        out.add(documents.get(i));
      }
    }
    return out;
  }

  /** The sentences of a role's documents, concatenated. */
  public List<String[]> sentences(Role role) {
    List<String[]> out = new ArrayList<>();
    for (List<String[]> d : documents(role)) {
      out.addAll(d);
    }
    return out;
  }
}
