package dl2.ch06;

import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.cli.Check;
import dl2.common.cli.CommonOptions;
import dl2.common.cli.Programs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.Callable;

/**
 * The program of book 6.1.4 ({@code ch06/clip_grads.py}): two random gradients {@code rand(3, 3) · 10}
 * before and after gradient clipping to a total norm of 5 ({@link ClipGradsDemo}, {@code Util.clipGrads}).
 */
@Command(name = "clip-grads", sortOptions = false,
        description = "Gradients before and after clipping by their global norm (6.1.4).")
public final class ClipGrads implements Callable<Integer> {
    @Mixin
    private CommonOptions common;

    @Option(names = "--max-norm", paramLabel = "X", defaultValue = "" + ClipGradsDemo.MAX_NORM,
            description = "The clipping threshold max_norm.")
    private double maxNorm;

    @Option(names = "--scale", paramLabel = "S", defaultValue = "" + ClipGradsDemo.SCALE,
            description = "Gradients are uniform in [0, S).")
    private double scale;

    public static void main(String[] args) {
        System.exit(Programs.run(new ClipGrads(), args));
    }

    @Override
    public Integer call() {
        Check.positive("--max-norm", maxNorm);
        Check.positive("--scale", scale);
        PrintWriter out = common.stdout();
        int n = ClipGradsDemo.SIZE;
        List<Tensor> grads = ClipGradsDemo.randomGrads(new Rng(common.seed()), 2, n, n, scale);
        ClipGradsDemo.Result r = ClipGradsDemo.clip(grads, maxNorm);
        for (int g = 0; g < grads.size(); g++) {
            out.printf("dW%d before: %s%n", g + 1, flat(r.before().get(g)));
            out.printf("dW%d after:  %s%n", g + 1, flat(r.after().get(g)));
        }
        out.printf(Locale.ROOT, "global norm before %.4f, max_norm %s, rate %.4f, global norm after %.4f%n",
                r.normBefore(), maxNorm, r.rate(), r.normAfter());
        return 0;
    }

    /** The elements in row-major order, like the book's {@code dW1.flatten()}. */
    private static String flat(Tensor t) {
        StringJoiner j = new StringJoiner(" ", "[", "]");
        for (double v : t.data) {
            j.add(String.format(Locale.ROOT, "%.4f", v));
        }
        return j.toString();
    }
}
