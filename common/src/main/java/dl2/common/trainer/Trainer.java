package dl2.common.trainer;

import dl2.common.IntTensor;
import dl2.common.Model;
import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.UserException;
import dl2.common.cli.Progress;
import dl2.common.io.MetricsCsv;
import dl2.common.optimizer.Optimizer;
import dl2.common.plot.Plots;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The book's {@code Trainer} ({@code common/trainer.py}, 1.4.4): every epoch shuffles the samples, cuts them
 * into mini-batches and runs forward, backward, the merging of tied weights, gradient clipping and the
 * optimizer's update on each; every {@code evalInterval} iterations it prints the mean loss since the last
 * report and keeps it for the loss curve.
 * <pre>{@code
 * Trainer<Tensor> trainer = Trainer.forTensor(model, new SGD(1.0), rng);
 * trainer.fit(x, t, 300, 30, 0, 10);
 * trainer.plot(out.resolve("loss.png"));
 * }</pre>
 * As in the book, a report falls on iterations 1, 1 + evalInterval, … of each epoch (the book tests
 * {@code iters % eval_interval == 0} on the 0-based index). An {@link EpochCallback} runs after each
 * epoch, so a program can evaluate, write metrics and save parameters per epoch within one {@code fit}.
 * Training stops at the first loss or gradient norm that is not finite ({@link TrainingDivergedException}).
 *
 * @param <X> the input type; {@code rows} picks the mini-batch rows of it
 */
public final class Trainer<X> {
    private final Model<X> model;
    private final Optimizer optimizer;
    private final BiFunction<X, int[], X> rows;
    private final Rng rng;
    private final List<Double> losses = new ArrayList<>();
    private PrintWriter out = new PrintWriter(System.out, true, Charset.defaultCharset());
    private MetricsCsv metrics;
    private EpochCallback epochCallback = (epoch, meanLoss) -> {
    };
    private int evalInterval = 1;
    private int currentEpoch;

    /**
     * @param rows picks the rows of an input along its first axis, like {@code x[idx]}
     * @param rng  draws the shuffling of every epoch
     */
    public Trainer(Model<X> model, Optimizer optimizer, BiFunction<X, int[], X> rows, Rng rng) {
        this.model = model;
        this.optimizer = optimizer;
        this.rows = rows;
        this.rng = rng;
    }

    /** A trainer for a model whose inputs are feature rows. */
    public static Trainer<Tensor> forTensor(Model<Tensor> model, Optimizer optimizer, Rng rng) {
        return new Trainer<>(model, optimizer, Tensor::rows, rng);
    }

    /** A trainer for a model whose inputs are rows of ids (characters, words). */
    public static Trainer<IntTensor> forIds(Model<IntTensor> model, Optimizer optimizer, Rng rng) {
        return new Trainer<>(model, optimizer, IntTensor::rows, rng);
    }

    /** Where progress goes (default: standard output). */
    public Trainer<X> output(PrintWriter writer) {
        this.out = writer;
        return this;
    }

    /** Also writes every report as a row {@code epoch,iter,loss} to {@code csv}, which must have exactly those columns. */
    public Trainer<X> metrics(MetricsCsv csv) {
        if (!csv.header().equals(List.of("epoch", "iter", "loss"))) {
            throw new IllegalArgumentException("the trainer writes epoch,iter,loss rows, not " + String.join(",", csv.header()));
        }
        this.metrics = csv;
        return this;
    }

    /** Runs {@code callback} after every epoch. */
    public Trainer<X> onEpochEnd(EpochCallback callback) {
        this.epochCallback = callback;
        return this;
    }

    /**
     * Trains for {@code maxEpoch} epochs of {@code t.dim(0) / batchSize} mini-batches each (a last, partial
     * batch is left out, as in the book).
     *
     * @param x            the inputs, one sample per row (axis 0)
     * @param t            the labels, one row per sample
     * @param maxGrad      the gradient clipping norm, or 0 for no clipping
     * @param evalInterval iterations between two reports
     * @return the reported mean losses, also kept in {@link #losses()}
     * @throws UserException when a batch is larger than the data
     */
    public List<Double> fit(X x, IntTensor t, int maxEpoch, int batchSize, double maxGrad, int evalInterval) {
        if (maxEpoch < 0 || batchSize < 1 || evalInterval < 1) {
            throw new IllegalArgumentException("maxEpoch " + maxEpoch + ", batchSize " + batchSize + ", evalInterval " + evalInterval);
        }
        int dataSize = t.dim(0);
        int maxIters = dataSize / batchSize;
        if (maxIters == 0) {
            throw new UserException("the batch size " + batchSize + " is larger than the " + dataSize
                    + " training samples; use a smaller --batch-size");
        }
        this.evalInterval = evalInterval;
        losses.clear();
        double totalLoss = 0;
        int lossCount = 0;
        try (Progress progress = Progress.start(out, "loss", maxEpoch, maxIters)) {
            for (int e = 0; e < maxEpoch; e++) {
                int epoch = currentEpoch + 1;
                int[] idx = rng.permutation(dataSize);
                double epochLoss = 0;
                for (int iter = 0; iter < maxIters; iter++) {
                    int[] batch = Arrays.copyOfRange(idx, iter * batchSize, (iter + 1) * batchSize);
                    double loss = TrainingStep.run(model, optimizer, rows.apply(x, batch), t.rows(batch), maxGrad,
                            Double.MAX_VALUE, epoch, iter + 1);
                    totalLoss += loss;
                    lossCount++;
                    epochLoss += loss;
                    progress.iterationDone(epoch, iter + 1);
                    if (iter % evalInterval == 0) {
                        double avgLoss = totalLoss / lossCount;
                        progress.report(epoch, iter + 1, avgLoss);
                        losses.add(avgLoss);
                        if (metrics != null) {
                            metrics.row(epoch, iter + 1, avgLoss);
                        }
                        totalLoss = 0;
                        lossCount = 0;
                    }
                }
                progress.endEpoch();
                currentEpoch = epoch;
                epochCallback.afterEpoch(epoch, epochLoss / maxIters);
            }
        }
        return losses();
    }

    /** The mean losses reported by the last {@link #fit}, in order. */
    public List<Double> losses() {
        return Collections.unmodifiableList(losses);
    }

    /** Epochs finished so far (the book's {@code current_epoch}). */
    public int currentEpoch() {
        return currentEpoch;
    }

    /** Sets the epochs already done, for a run resumed from a checkpoint: the next epoch is {@code epochsDone + 1}. */
    public void setCurrentEpoch(int epochsDone) {
        this.currentEpoch = epochsDone;
    }

    /** Saves the loss curve as a PNG (the book's {@code Trainer.plot}). */
    public void plot(Path png) {
        Plots.line(png, "Training loss", "iterations (x" + evalInterval + ")", "loss",
                List.of(Plots.Series.of("train", losses)));
    }
}
