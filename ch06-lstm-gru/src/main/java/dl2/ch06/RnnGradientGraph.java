package dl2.ch06;

import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.UserException;
import dl2.common.cli.Check;
import dl2.common.cli.CommonOptions;
import dl2.common.cli.Programs;
import dl2.common.plot.Plots;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The program of book 6.1.3 ({@code ch06/rnn_gradient_graph.py}): the norm of {@code dh} over 20
 * backward steps through {@code Wh}, for a random {@code Wh} (it explodes) and for the same matrix times
 * 0.5 (it vanishes), printed and drawn in one chart ({@link GradientNormDemo} does the computing).
 */
@Command(name = "rnn-gradient-graph", sortOptions = false, defaultValueProvider = RnnGradientGraph.SeedDefault.class,
        description = "Norm of dh flowing back through Wh for 20 steps: exploding (randn) and vanishing (randn x 0.5) (6.1.3).")
public final class RnnGradientGraph implements Callable<Integer> {
    @Mixin
    private CommonOptions common;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + GradientNormDemo.N, description = "Rows of dh.")
    private int batchSize;

    @Option(names = "--hidden-size", paramLabel = "H", defaultValue = "" + GradientNormDemo.H, description = "Size of Wh (H x H).")
    private int hiddenSize;

    @Option(names = "--time-size", paramLabel = "T", defaultValue = "" + GradientNormDemo.T, description = "Steps back in time.")
    private int timeSize;

    @Option(names = "--scale", paramLabel = "S", defaultValue = "" + GradientNormDemo.VANISHING_SCALE,
            description = "Factor applied to Wh for the vanishing curve.")
    private double scale;

    /** Makes {@link GradientNormDemo#SEED} the default of {@code --seed} for this program, whose curves depend on the one matrix drawn. */
    public static final class SeedDefault implements IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec arg) {
            return arg instanceof OptionSpec o && o.longestName().equals("--seed") ? Long.toString(GradientNormDemo.SEED) : null;
        }
    }

    public static void main(String[] args) {
        System.exit(Programs.run(new RnnGradientGraph(), args));
    }

    @Override
    public Integer call() {
        Check.positive("--batch-size", batchSize);
        Check.positive("--hidden-size", hiddenSize);
        Check.positive("--time-size", timeSize);
        Check.positive("--scale", scale);
        PrintWriter out = common.stdout();

        Tensor Wh = GradientNormDemo.randomWh(new Rng(common.seed()), hiddenSize, 1.0);
        Tensor scaled = Wh.copy();
        for (int i = 0; i < scaled.size(); i++) {
            scaled.data[i] *= scale;
        }
        double[] exploding = GradientNormDemo.norms(Wh, batchSize, timeSize);
        double[] vanishing = GradientNormDemo.norms(scaled, batchSize, timeSize);
        checkDrawable(exploding, "Wh", "another --seed");
        checkDrawable(vanishing, "Wh x " + scale, "a --scale nearer 1");

        out.printf(Locale.ROOT, "Wh = randn(%d, %d) with seed %d; dh starts as ones(%d, %d); norm = sqrt(sum(dh^2)) / %d%n",
                hiddenSize, hiddenSize, common.seed(), batchSize, hiddenSize, batchSize);
        for (int i = 0; i < hiddenSize; i++) {
            StringBuilder row = new StringBuilder(i == 0 ? "Wh = [" : "      ");
            for (int j = 0; j < hiddenSize; j++) {
                row.append(String.format(Locale.ROOT, "%9.5f", Wh.get(i, j)));
            }
            out.println(row.append(i == hiddenSize - 1 ? " ]" : ""));
        }
        out.printf(Locale.ROOT, "%4s  %14s  %14s%n", "step", "Wh", "Wh x " + scale);
        double[] steps = new double[timeSize];
        double[] logExploding = new double[timeSize];
        double[] logVanishing = new double[timeSize];
        for (int t = 0; t < timeSize; t++) {
            out.printf(Locale.ROOT, "%4d  %14.6g  %14.6g%n", t + 1, exploding[t], vanishing[t]);
            steps[t] = t + 1;
            logExploding[t] = Math.log10(exploding[t]);
            logVanishing[t] = Math.log10(vanishing[t]);
        }
        Path png = common.outFile("gradient-norm.png");
        double lo = Math.min(min(logExploding), min(logVanishing));
        double hi = Math.max(max(logExploding), max(logVanishing));
        Plots.line(png, "Norm of dh going back in time (log scale)", "time step", "log10(norm of dh)",
                List.of(new Plots.Series("Wh = randn (exploding)", steps, logExploding),
                        new Plots.Series("Wh = randn x " + scale + " (vanishing)", steps, logVanishing)),
                Math.floor(lo) - 0.5, Math.ceil(hi) + 0.25 * (hi - lo) + 0.5);   // room above the curves for the legend
        out.printf(Locale.ROOT, "norm after %d steps: %.4g with Wh (x%.3g per step), %.4g with Wh x %s (x%.3g per step); wrote %s%n",
                timeSize, exploding[timeSize - 1], growth(exploding), vanishing[timeSize - 1], scale, growth(vanishing), png);
        if (common.show()) {
            Plots.show(png);
        }
        return 0;
    }

    /**
     * The curves are drawn on a log scale: a norm that overflowed to infinity (or NaN) or underflowed to 0 cannot
     * be, so such a run is a user error naming the step and the options that avoid it.
     */
    private static void checkDrawable(double[] norms, String matrix, String otherwise) {
        for (int t = 0; t < norms.length; t++) {
            if (!(norms[t] > 0 && Double.isFinite(norms[t]))) {
                String fewer = t > 0 ? "--time-size " + t + " or less, or " : "";
                throw new UserException("the norm of dh with " + matrix + " is " + norms[t] + " at step " + (t + 1)
                        + ", outside the range of a double, so it cannot be drawn on a log scale; use " + fewer + otherwise);
            }
        }
    }

    private static double min(double[] a) {
        return Arrays.stream(a).min().orElseThrow();
    }

    private static double max(double[] a) {
        return Arrays.stream(a).max().orElseThrow();
    }

    /** The mean factor per step from the first to the last norm. */
    private static double growth(double[] norms) {
        return norms.length < 2 ? 1 : Math.pow(norms[norms.length - 1] / norms[0], 1.0 / (norms.length - 1));
    }
}
