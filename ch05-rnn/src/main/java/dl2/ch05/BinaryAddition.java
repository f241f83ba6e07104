package dl2.ch05;

import dl2.ch05.BinaryAdditionRnn.Activation;
import dl2.ch05.BinaryAdditionRnn.Init;
import dl2.common.Rng;
import dl2.common.cli.Check;
import dl2.common.cli.CommonOptions;
import dl2.common.cli.Programs;
import dl2.common.io.MetricsCsv;
import dl2.common.plot.Plots;
import dl2.common.trainer.TrainingDivergedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The classic binary-addition exercise (DESIGN.md, "Programs beyond the book"): trains a
 * {@link BinaryAdditionRnn} on one random pair {@code a + b} (a, b &lt; 128) per iteration and prints, every
 * 100 iterations, the loss, the predicted and true bits and the sum the network reads. With
 * {@code --compare} it trains one network per hidden activation from the same seed and draws their loss
 * curves in one picture. It stops at the first loss or gradient that is not finite
 * ({@link TrainingDivergedException}, naming the iteration).
 */
@Command(name = "binary-addition", sortOptions = false,
        description = "Trains a hand-written BPTT RNN to add two 7-bit numbers bit by bit, and plots its loss.")
public final class BinaryAddition implements Callable<Integer> {
    /** Size of the fixed sample of pairs whose exact sums give the accuracy column. */
    static final int SAMPLE_PAIRS = 256;

    @Mixin
    private CommonOptions common;

    @Option(names = "--activation", paramLabel = "F", defaultValue = "sigmoid",
            description = "Hidden activation: sigmoid, tanh or relu.")
    private Activation activation;

    @Option(names = "--init", paramLabel = "INIT", defaultValue = "std",
            description = "Weight initialisation: std (normal, std 1), xavier (1/sqrt(fan_in)) or he (sqrt(2/fan_in)).")
    private Init init;

    @Option(names = "--hidden", paramLabel = "H", defaultValue = "16", description = "Hidden units.")
    private int hidden;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.1", description = "Learning rate.")
    private double lr;

    @Option(names = "--iters", paramLabel = "N", defaultValue = "10000",
            description = "Training iterations, one random pair each.")
    private int iters;

    @Option(names = "--print-every", paramLabel = "N", defaultValue = "100",
            description = "Iterations between two reports (and metrics.csv rows).")
    private int printEvery;

    @Option(names = "--compare",
            description = "Train one network per activation (sigmoid, tanh, relu) with the same --init and seed, and plot their losses together.")
    private boolean compare;

    public static void main(String[] args) {
        System.exit(Programs.run(new BinaryAddition(), args));
    }

    /** What one training run left: its loss curve and its accuracy over all pairs. */
    private record Run(Activation activation, List<Double> iterations, List<Double> losses, double accuracyAllPairs) {
    }

    @Override
    public Integer call() {
        Check.positive("--hidden", hidden);
        Check.positive("--lr", lr);
        Check.positive("--iters", iters);
        Check.positive("--print-every", printEvery);
        PrintWriter out = common.stdout();
        Path csv = common.outFile("metrics.csv");
        Path png = common.outFile(compare ? "compare.png" : "loss.png");
        List<Run> runs = new ArrayList<>();
        if (compare) {
            try (MetricsCsv metrics = MetricsCsv.create(csv, "iter", "loss", "accuracy", "activation")) {
                for (Activation a : Activation.values()) {
                    runs.add(train(a, metrics, out));
                }
            }
            out.printf(Locale.ROOT, "%-10s %-6s %s%n", "activation", "init", "exact sums over all 128 x 128 pairs");
            for (Run r : runs) {
                out.printf(Locale.ROOT, "%-10s %-6s %.4f%n", name(r.activation()), name(init), r.accuracyAllPairs());
            }
        } else {
            try (MetricsCsv metrics = MetricsCsv.create(csv, "iter", "loss", "accuracy")) {
                runs.add(train(activation, metrics, out));
            }
            Run r = runs.get(0);
            out.printf(Locale.ROOT, "exact sums over all 128 x 128 pairs: %.4f (%d of %d)%n", r.accuracyAllPairs(),
                    Math.round(r.accuracyAllPairs() * BinaryAdditionRnn.LIMIT * BinaryAdditionRnn.LIMIT),
                    BinaryAdditionRnn.LIMIT * BinaryAdditionRnn.LIMIT);
        }
        List<Plots.Series> series = new ArrayList<>();
        for (Run r : runs) {
            series.add(new Plots.Series(name(r.activation()) + ", " + name(init), toArray(r.iterations()), toArray(r.losses())));
        }
        Plots.line(png, "Binary addition RNN (H = " + hidden + ", lr " + lr + ")", "iterations",
                "loss (mean of " + printEvery + " iterations)", series);
        out.printf("wrote %s and %s%n", csv, png);
        if (common.show()) {
            Plots.show(png);
        }
        return 0;
    }

    /**
     * Trains one network from the seed: the accuracy sample, the weights and the training pairs all come
     * from {@code Rng(seed)}, in that order, so variants compared from one seed see the same pairs.
     */
    private Run train(Activation act, MetricsCsv metrics, PrintWriter out) {
        Rng rng = new Rng(common.seed());
        int[] sampleA = new int[SAMPLE_PAIRS], sampleB = new int[SAMPLE_PAIRS];
        for (int i = 0; i < SAMPLE_PAIRS; i++) {
            sampleA[i] = rng.nextInt(BinaryAdditionRnn.LIMIT);
            sampleB[i] = rng.nextInt(BinaryAdditionRnn.LIMIT);
        }
        BinaryAdditionRnn rnn = new BinaryAdditionRnn(hidden, act, init, rng);
        List<Double> iterations = new ArrayList<>(), losses = new ArrayList<>();
        double lossSum = 0;
        for (int iter = 1; iter <= iters; iter++) {
            int a = rng.nextInt(BinaryAdditionRnn.LIMIT), b = rng.nextInt(BinaryAdditionRnn.LIMIT);
            double iterLoss = rnn.forward(a, b);
            TrainingDivergedException.checkLoss(iterLoss, Double.MAX_VALUE, 0, iter);
            lossSum += iterLoss;
            int[] predicted = rnn.predictedBits();
            rnn.backward();
            TrainingDivergedException.checkGradients(rnn.grads(), 0, iter);   // before a bad update
            rnn.update(lr);
            if (iter % printEvery == 0 || iter == iters) {
                int count = iter % printEvery == 0 ? printEvery : iter % printEvery;
                double loss = lossSum / count;
                double accuracy = rnn.accuracy(sampleA, sampleB);
                lossSum = 0;
                iterations.add((double) iter);
                losses.add(loss);
                if (compare) {
                    metrics.row(iter, loss, accuracy, name(act));
                    out.printf(Locale.ROOT, "%-7s | iter %d / %d | loss %.4f | accuracy %.4f%n", name(act), iter, iters, loss, accuracy);
                } else {
                    metrics.row(iter, loss, accuracy);
                    out.printf(Locale.ROOT, "iter %d / %d | loss %.4f | accuracy %.4f%n", iter, iters, loss, accuracy);
                    out.println("Pred: " + bitString(predicted));
                    out.println("True: " + bitString(BinaryAdditionRnn.bits(a + b)));
                    out.println(a + " + " + b + " = " + BinaryAdditionRnn.value(predicted));
                    out.println("------------");
                }
                out.flush();
            }
        }
        return new Run(act, iterations, losses, rnn.accuracyOverAllPairs());
    }

    /** Bits most significant first, as the classic prints them: {@code [0 1 1 0 1 0 0 1]}. */
    static String bitString(int[] lsbFirst) {
        StringBuilder sb = new StringBuilder("[");
        for (int t = lsbFirst.length - 1; t >= 0; t--) {
            sb.append(lsbFirst[t]).append(t > 0 ? " " : "]");
        }
        return sb.toString();
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
