package org.tailguard.cli;

import org.tailguard.store.Provenance;
import picocli.CommandLine.Command;

/** The root command: shows, measures and prevents model collapse. */
@Command(name = "tailguard", mixinStandardHelpOptions = true, versionProvider = TailguardCommand.Version.class,
    description = {"Shows, measures, detects and prevents model collapse.", ""},
    subcommands = {DemoCommand.class, RunCommand.class, RunsCommand.class, FamiliesCommand.class,
        TextCommand.class, LedgerCommand.class, CurateCommand.class, DedupCommand.class, DetectCommand.class,
        WatermarkCommand.class, MonitorCommand.class, ServeCommand.class, BenchCommand.class,
        picocli.CommandLine.HelpCommand.class},
    footer = {"", "Start with 'tailguard demo'. Example specs are in examples/."})
final class TailguardCommand {
  static final class Version implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"tailguard " + Provenance.version() + " (Java " + Runtime.version() + ")"};
    }
  }
}
