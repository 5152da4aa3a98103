package org.tailguard.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tailguard.models.FamilyProvider;
import org.tailguard.models.Indicator;
import org.tailguard.models.ModelFamilies;
import org.tailguard.models.ModelFamily;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tailguard families}: the model families a spec can name, with their indicators. */
@Command(name = "families", mixinStandardHelpOptions = true,
    description = "Lists the model families and the indicators each records (* = recorded by default).")
final class FamiliesCommand implements Callable<Integer> {
  @Spec
  CommandSpec cmd;

  @Override
  public Integer call() throws Exception {
    var out = cmd.commandLine().getOut();
    List<List<String>> rows = new ArrayList<>();
    for (FamilyProvider p : ModelFamilies.discover().providers()) {
      ModelFamily<?, ?> f = p.create(p.example());
      for (Indicator i : f.indicators()) {
        rows.add(List.of(p.family(), (i.byDefault() ? "* " : "  ") + i.name(), i.description()));
      }
    }
    Tables.print(out, List.of("family", "indicator", "what it measures"), rows);
    return 0;
  }
}
