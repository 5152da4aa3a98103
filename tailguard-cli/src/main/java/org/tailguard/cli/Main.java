package org.tailguard.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The {@code tailguard} command's entry point: the only place that calls {@link System#exit}.
 *
 * <p>Exit status (picocli's convention): 0 success; 2 bad input — a spec, a parameter, a file or a store
 * that cannot be used — reported as one line; 1 an internal failure, reported with its cause (and the
 * stack trace with {@code -v}).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int status = run(args, out, err);
    // autoflush covers println only: a command that ends with print() would lose its output at exit
    out.flush();
    err.flush();
    System.exit(status);
  }

  /** Runs the command in-process and returns its exit status (used by tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new TailguardCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(new Failures());
    cli.setParameterExceptionHandler((ex, a) -> {
      err.println("tailguard: " + ex.getMessage());
      err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      return 2;
    });
    return cli.execute(args);
  }
}
