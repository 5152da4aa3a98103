package org.tailguard.exec;

import java.util.ArrayList;
import java.util.List;
import org.tailguard.curate.DocStage;
import org.tailguard.curate.GlobalStage;
import org.tailguard.curate.Stage;

/**
 * A part of a pipeline that runs shard by shard without a global step inside it: it applies the removals of
 * the global stage that ended the previous phase, then its document stages, then computes the keys of the
 * global stage that ends it. A pipeline with g global stages has g + 1 phases.
 *
 * @param index the phase number, from 0
 * @param applies the global stage whose removals this phase applies first, or null
 * @param stages the document stages, in order
 * @param keys the global stage whose keys this phase computes last, or null (the last phase)
 */
public record Phase(int index, GlobalStage applies, List<DocStage> stages, GlobalStage keys) {

  /** Whether this is the last phase (its outputs are the run's outputs). */
  public boolean last() {
    return keys == null;
  }

  /** Cuts built stages into phases at their global stages. */
  public static List<Phase> plan(List<Stage> stages) {
    List<Phase> out = new ArrayList<>();
    GlobalStage applies = null;
    List<DocStage> current = new ArrayList<>();
    for (Stage s : stages) {
      switch (s) {
        case DocStage d -> current.add(d);
        case GlobalStage g -> {
          out.add(new Phase(out.size(), applies, List.copyOf(current), g));
          applies = g;
          current = new ArrayList<>();
        }
      }
    }
    out.add(new Phase(out.size(), applies, List.copyOf(current), null));
    return out;
  }
}
