package org.tailguard.cli;

import org.tailguard.spec.SpecException;
import org.tailguard.store.StoreException;
import picocli.CommandLine;

/** Maps exceptions to one-line messages and exit statuses: 2 for user errors, 1 for internal failures. */
final class Failures implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
    var err = cmd.getErr();
    boolean verbose = parsed.hasMatchedOption("-v") || parsed.subcommands().stream()
        .anyMatch(p -> p.hasMatchedOption("-v"));
    if (ex instanceof SpecException || ex instanceof StoreException || ex instanceof UserException
        || ex instanceof org.tailguard.provenance.LedgerException) {
      err.println("tailguard: " + ex.getMessage());
      if (verbose) {
        ex.printStackTrace(err);
      }
      return 2;
    }
    err.println("tailguard: internal error: " + ex);
    if (verbose) {
      ex.printStackTrace(err);
    } else {
      err.println("(run again with -v for the stack trace)");
    }
    return 1;
  }
}
