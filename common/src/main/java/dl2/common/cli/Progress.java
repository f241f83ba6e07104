package dl2.common.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Training progress as the book's trainers print it, plus the time left for the whole run:
 * <pre>
 * | epoch 1 |  iter 1 / 1327 | time 0[s] | perplexity 9999.96 | eta 5m10s
 * </pre>
 * When the output is not an interactive terminal (a file, a pipe, CI) that line is printed at every
 * {@link #report}. On a terminal the last line of each epoch is printed when the epoch ends, and a live
 * progress bar for the whole run (with its elapsed time and time left) stands below it in the meantime.
 *
 * <p>The trainer calls {@link #iterationDone} after every update, {@link #report} at each evaluation
 * interval, {@link #endEpoch} at the end of every epoch (before anything else prints) and {@link #close}
 * at the end of the run.
 */
public final class Progress implements AutoCloseable {
    private final PrintWriter out;
    private final String metric;
    private final int itersPerEpoch;
    private final long totalIters;
    private final LongSupplier nanoClock;
    private final boolean interactive;
    private final long start;
    private long done;
    private String lastLine;
    private String lastValue = "";
    private BarLine barLine;
    private ProgressBar bar;

    private Progress(PrintWriter out, String metric, int epochs, int itersPerEpoch, boolean interactive, LongSupplier nanoClock) {
        this.out = out;
        this.metric = metric;
        this.itersPerEpoch = itersPerEpoch;
        this.totalIters = (long) epochs * itersPerEpoch;
        this.interactive = interactive;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
    }

    /**
     * Starts the clock for a run of {@code epochs} epochs of {@code itersPerEpoch} iterations, reporting
     * {@code metric} (e.g. {@code loss}, {@code perplexity}); with a live bar when {@link #isInteractive()}.
     */
    public static Progress start(PrintWriter out, String metric, int epochs, int itersPerEpoch) {
        return new Progress(out, metric, epochs, itersPerEpoch, isInteractive(), System::nanoTime);
    }

    /** Book-style lines at every report whatever the output is, timed by {@code nanoClock} (tests give a fake clock). */
    public static Progress lines(PrintWriter out, String metric, int epochs, int itersPerEpoch, LongSupplier nanoClock) {
        return new Progress(out, metric, epochs, itersPerEpoch, false, nanoClock);
    }

    /** True on an interactive terminal: a console, not under CI ({@code CI} unset), and not a dumb terminal. */
    public static boolean isInteractive() {
        return System.console() != null && System.getenv("CI") == null && !"dumb".equals(System.getenv("TERM"));
    }

    /** Iteration {@code iter} (1-based) of epoch {@code epoch} (1-based, counted over the trainer's life) is done. */
    public void iterationDone(int epoch, int iter) {
        done++;
        if (interactive) {
            if (bar == null) {
                out.flush();
                barLine = new BarLine(System.out);
                bar = new ProgressBarBuilder()
                        .setTaskName("training")
                        .setInitialMax(totalIters)
                        .setConsumer(barLine)
                        .setUpdateIntervalMillis(200)
                        .build();
            }
            barLine.show();
            bar.stepTo(done);
            bar.setExtraMessage("epoch " + epoch + " iter " + iter + "/" + itersPerEpoch + lastValue);
        }
    }

    /** The average {@code value} of the metric since the last report, at iteration {@code iter} of epoch {@code epoch}. */
    public void report(int epoch, int iter, double value) {
        lastValue = String.format(Locale.ROOT, " | %s %.2f", metric, value);
        lastLine = String.format(Locale.ROOT, "| epoch %d |  iter %d / %d | time %d[s] | %s %.2f | eta %s",
                epoch, iter, itersPerEpoch, elapsedNanos() / 1_000_000_000L, metric, value, eta());
        if (!interactive) {
            out.println(lastLine);
            out.flush();
        }
    }

    /** Ends the current epoch: on a terminal its last report is printed and the bar steps aside until the next iteration. */
    public void endEpoch() {
        if (barLine != null) {
            barLine.hide();
            if (lastLine != null) {
                out.println(lastLine);
                out.flush();
                lastLine = null;
            }
        }
    }

    @Override
    public void close() {
        endEpoch();
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    private long elapsedNanos() {
        return nanoClock.getAsLong() - start;
    }

    /** Time left for the whole run at the average speed so far. */
    private String eta() {
        if (done == 0) {
            return "?";
        }
        double left = elapsedNanos() / 1e9 * (totalIters - done) / done;
        return formatDuration(Math.max(0, Math.round(left)));
    }

    /** {@code 42s}, {@code 5m10s}, {@code 1h05m}. */
    public static String formatDuration(long seconds) {
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        }
        if (seconds >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return seconds + "s";
    }

    /** The terminal line the bar is drawn on (by the bar's own thread); it can be cleared so that other lines print cleanly. */
    private static final class BarLine extends ConsoleProgressBarConsumer {
        private final PrintStream stream;
        private boolean hidden;

        BarLine(PrintStream stream) {
            super(stream);
            this.stream = stream;
        }

        @Override
        public synchronized void accept(String rendered) {
            if (!hidden) {
                super.accept(rendered);
            }
        }

        synchronized void hide() {
            if (!hidden) {
                stream.print("\r\033[2K");   // back to the start of the line and erase it
                stream.flush();
                hidden = true;
            }
        }

        synchronized void show() {
            hidden = false;
        }

        @Override
        public synchronized void close() {
            if (!hidden) {
                super.close();
            }
        }
    }
}
