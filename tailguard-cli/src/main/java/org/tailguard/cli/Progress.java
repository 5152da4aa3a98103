package org.tailguard.cli;

import java.io.PrintWriter;
import java.util.List;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.tailguard.models.Indicator;
import org.tailguard.sim.GenerationSink;

/**
 * Shows a run's progress: a progress bar on a terminal, a line per 10% otherwise, or nothing.
 */
final class Progress {
  enum Mode { AUTO, BAR, LINES, NONE }

  private final Mode mode;
  private final PrintWriter err;

  Progress(Mode mode, PrintWriter err) {
    this.mode = mode == Mode.AUTO ? (isTerminal() ? Mode.BAR : Mode.LINES) : mode;
    this.err = err;
  }

  private static boolean isTerminal() {
    var c = System.console();
    return c != null && c.isTerminal();
  }

  /** Wraps a sink so that each delivered generation advances the display. */
  GenerationSink wrap(GenerationSink inner, String task, int lastGeneration) {
    int total = lastGeneration + 1;
    return new GenerationSink() {
      private ProgressBar bar;
      private int nextLine;

      @Override
      public void start(List<Indicator> indicators, int resumeAfter) {
        inner.start(indicators, resumeAfter);
        int done = resumeAfter + 1;
        if (mode == Mode.BAR) {
          bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
              .setUnit(" gen", 1).showSpeed().setUpdateIntervalMillis(250)
              .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
          bar.stepTo(done);
        } else if (mode == Mode.LINES) {
          err.printf("%s: generations %d..%d%s%n", task, done, lastGeneration,
              done > 0 ? " (resumed after generation " + resumeAfter + ")" : "");
          nextLine = done + Math.max(1, total / 10);
        }
      }

      @Override
      public void generation(int generation, double[][] values) {
        inner.generation(generation, values);
        if (bar != null) {
          bar.stepTo(generation + 1);
          if (generation == lastGeneration) {
            bar.close();
          }
        } else if (mode == Mode.LINES && (generation + 1 >= nextLine || generation == lastGeneration)) {
          err.printf("%s: generation %d/%d%n", task, generation, lastGeneration);
          nextLine = generation + 1 + Math.max(1, total / 10);
        }
      }
    };
  }
}
