package org.tailguard.curate;

import java.io.Serializable;
import java.util.List;
import org.tailguard.spec.Check;
import org.tailguard.spec.SpecException;
import org.tailguard.text.corpus.Split;

/**
 * A reference n-gram language model: either Kneser–Ney trained on bundled splits of human text, or an ARPA
 * file (CCNet uses a KenLM model trained on Wikipedia; here the reference is whatever human text is trusted).
 *
 * @param train bundled splits to train on (such as {@code sotu:train}), or empty when {@code arpa} is given
 * @param order the n-gram order, 1–5 (default 3)
 * @param minCount words seen fewer times map to {@code <unk>} (default 2)
 * @param arpa an ARPA file instead of training, or null
 */
public record ReferenceSpec(List<String> train, Integer order, Integer minCount, String arpa) implements Serializable {
  public ReferenceSpec {
    train = train == null ? List.of() : List.copyOf(train);
    if (train.isEmpty() == (arpa == null)) {
      throw new SpecException("reference", "give either train (bundled splits) or arpa (a file), not both or neither");
    }
    for (int i = 0; i < train.size(); i++) {
      Split.parse("reference.train[" + i + "]", train.get(i));
    }
    order = order == null ? 3 : order;
    if (order < 1 || order > 5) {
      throw new SpecException("reference.order", "must be in [1, 5], got " + order);
    }
    minCount = minCount == null ? 2 : Check.atLeast("reference.min_count", minCount, 1);
  }

  /** Kneser–Ney of the given order trained on bundled splits, min count 2. */
  public static ReferenceSpec trained(int order, String... splits) {
    return new ReferenceSpec(List.of(splits), order, null, null);
  }
}
