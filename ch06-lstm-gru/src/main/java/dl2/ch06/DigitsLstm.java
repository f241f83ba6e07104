package dl2.ch06;

import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.UserException;
import dl2.common.cli.Check;
import dl2.common.cli.CommonOptions;
import dl2.common.cli.Programs;
import dl2.common.cli.Words;
import dl2.common.io.MetricsCsv;
import dl2.common.optimizer.Adam;
import dl2.common.plot.Plots;
import dl2.common.trainer.Trainer;
import dl2.dataset.digits.Digits;
import dl2.dataset.digits.DigitsImage;
import dl2.dataset.digits.DigitsSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * The digits LSTM classifier (DESIGN.md, "Digits LSTM classifier"): 8×8 digit images read row by row
 * (T = 8 steps of D = 8 pixels, scaled to 0–1) by an {@link LstmClassifier} with 50 hidden units, trained
 * with Adam on mini-batches of 100 for 100 epochs on 80 % of the images; the other 20 % measure the
 * validation accuracy after every epoch.
 */
@Command(name = "digits-lstm", sortOptions = false,
        description = "An LSTM reads 8x8 digit images row by row and classifies them; train and validation accuracy per epoch.")
public final class DigitsLstm implements Callable<Integer> {
    /** Fraction of the images used for training; the rest is the validation set. */
    public static final double TRAIN_FRACTION = 0.8;

    @Mixin
    private CommonOptions common;

    @Option(names = "--data", paramLabel = "CSV|builtin",
            description = "An optdigits CSV file (64 values 0-16, then the label, per line), or 'builtin' for generated digits. Default: builtin.")
    private String data;

    @Option(names = "--hidden-size", paramLabel = "H", defaultValue = "50", description = "LSTM hidden size.")
    private int hiddenSize;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "100", description = "Images per mini-batch.")
    private int batchSize;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "100", description = "Epochs over the training images.")
    private int epochs;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.001", description = "Adam learning rate.")
    private double lr;

    @Option(names = "--show-samples", description = "Also write samples.png: the first 10 images of each digit.")
    private boolean showSamples;

    public static void main(String[] args) {
        System.exit(Programs.run(new DigitsLstm(), args));
    }

    /** The images {@code (N, 8, 8)} with values 0–16 scaled to 0–1: the sequences the LSTM reads ({@code (N, T, D)}). */
    public static Tensor sequences(Digits digits) {
        Tensor x = digits.images().copy();
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] /= Digits.MAX_VALUE;
        }
        return x;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public Integer call() {
        Check.positive("--hidden-size", hiddenSize);
        Check.positive("--batch-size", batchSize);
        Check.positive("--epochs", epochs);
        Check.positive("--lr", lr);
        PrintWriter out = common.stdout();

        Digits digits = DigitsSource.resolve(data, common.seed());
        out.println("data: " + digits);
        if (showSamples) {
            Path samples = common.outFile("samples.png");
            DigitsImage.writeGridPng(digits, 10, samples);
            out.println("wrote " + samples);
            if (common.show()) {
                Plots.show(samples);
            }
        }
        Digits.Split split = digits.split(TRAIN_FRACTION, common.seed());
        if (split.validation().size() == 0) {
            throw new UserException(digits.source() + " has only " + Words.count(digits.size(), "image")
                    + ", too few to keep 20% for validation; give at least 3");
        }
        Tensor xTrain = sequences(split.train());
        Tensor xVal = sequences(split.validation());
        IntTensor tTrain = new IntTensor(split.train().labels(), split.train().size());
        out.printf(Locale.ROOT, "%d training and %d validation images; each is T = %d steps of D = %d pixels%n",
                split.train().size(), split.validation().size(), Digits.SIDE, Digits.SIDE);

        Rng rng = new Rng(common.seed());
        LstmClassifier model = new LstmClassifier(Digits.SIDE, hiddenSize, Digits.CLASSES, rng);
        Trainer<Tensor> trainer = Trainer.forTensor(model, new Adam(lr), rng).output(out);
        List<Double> trainAcc = new ArrayList<>();
        List<Double> valAcc = new ArrayList<>();
        Path csv = common.outFile("metrics.csv");
        try (MetricsCsv metrics = MetricsCsv.create(csv, "epoch", "loss", "train_acc", "val_acc")) {
            trainer.onEpochEnd((epoch, meanLoss) -> {
                double train = model.accuracy(xTrain, split.train().labels());
                double val = model.accuracy(xVal, split.validation().labels());
                trainAcc.add(train);
                valAcc.add(val);
                metrics.row(epoch, meanLoss, train, val);
                out.printf(Locale.ROOT, "epoch %d: loss %.4f, train accuracy %.3f, validation accuracy %.3f%n", epoch, meanLoss, train, val);
            });
            int itersPerEpoch = Math.max(1, split.train().size() / batchSize);
            trainer.fit(xTrain, tTrain, epochs, batchSize, 0, itersPerEpoch);   // one loss report per epoch
        }
        Path png = common.outFile("accuracy.png");
        double[] x = IntStream.rangeClosed(1, epochs).asDoubleStream().toArray();
        Plots.line(png, "Digits LSTM classifier", "epoch", "accuracy",
                List.of(new Plots.Series("train", x, toArray(trainAcc)), new Plots.Series("validation", x, toArray(valAcc))),
                -0.05, 1.05);
        int best = 0;
        for (int i = 1; i < valAcc.size(); i++) {
            if (valAcc.get(i) > valAcc.get(best)) {
                best = i;
            }
        }
        out.printf(Locale.ROOT, "validation accuracy after %s: %.3f (best %.3f at epoch %d); wrote %s and %s%n",
                Words.count(epochs, "epoch"), valAcc.get(valAcc.size() - 1), valAcc.get(best), best + 1, csv, png);
        if (common.show()) {
            Plots.show(png);
        }
        return 0;
    }
}
