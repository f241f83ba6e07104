package dl2.common.trainer;

import dl2.common.IntTensor;
import dl2.common.LanguageModel;
import dl2.common.UserException;
import dl2.common.cli.Progress;
import dl2.common.io.MetricsCsv;
import dl2.common.optimizer.Optimizer;
import dl2.common.plot.Plots;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The book's {@code RnnlmTrainer} ({@code common/trainer.py}, 5.5.3): trains a language model with
 * truncated BPTT. The corpus is read by {@code batchSize} rows at once, row {@code i} starting at
 * {@code i · (size / batchSize)}; each batch holds the next {@code timeSize} words of every row, and the
 * position moves on from batch to batch (and from epoch to epoch) so that the model's hidden state, never
 * reset here, always continues where the previous batch stopped. Every {@code evalInterval} iterations
 * it prints the perplexity {@code exp(mean loss)} since the last report and keeps it for the curve:
 * <pre>
 * | epoch 1 |  iter 1 / 1327 | time 0[s] | perplexity 9999.96 | eta 5m10s
 * </pre>
 * Training stops at the first loss that is not finite or whose perplexity would be infinite, or gradient norm
 * that is not finite ({@link TrainingDivergedException}).
 */
public final class RnnlmTrainer {
    private final LanguageModel model;
    private final Optimizer optimizer;
    private final List<Double> perplexities = new ArrayList<>();
    private PrintWriter out = new PrintWriter(System.out, true, Charset.defaultCharset());
    private MetricsCsv metrics;
    private EpochCallback epochCallback = (epoch, meanLoss) -> {
    };
    private int evalInterval = 1;
    private int currentEpoch;
    private int timeIdx;

    public RnnlmTrainer(LanguageModel model, Optimizer optimizer) {
        this.model = model;
        this.optimizer = optimizer;
    }

    /** Where progress goes (default: standard output). */
    public RnnlmTrainer output(PrintWriter writer) {
        this.out = writer;
        return this;
    }

    /** Also writes every report as a row {@code epoch,iter,perplexity} to {@code csv}, which must have exactly those columns. */
    public RnnlmTrainer metrics(MetricsCsv csv) {
        if (!csv.header().equals(List.of("epoch", "iter", "perplexity"))) {
            throw new IllegalArgumentException("the trainer writes epoch,iter,perplexity rows, not " + String.join(",", csv.header()));
        }
        this.metrics = csv;
        return this;
    }

    /** Runs {@code callback} after every epoch (its {@code meanLoss} gives the epoch's perplexity as {@code exp(meanLoss)}). */
    public RnnlmTrainer onEpochEnd(EpochCallback callback) {
        this.epochCallback = callback;
        return this;
    }

    /**
     * Trains for {@code maxEpoch} epochs of {@code size / (batchSize · timeSize)} iterations each.
     *
     * @param xs           the input word ids (the corpus without its last word)
     * @param ts           the target word ids, {@code ts[i]} following {@code xs[i]} (the corpus without its first word)
     * @param maxGrad      the gradient clipping norm, or 0 for no clipping
     * @param evalInterval iterations between two reports
     * @return the reported perplexities, also kept in {@link #perplexities()}
     * @throws UserException when the corpus is too short for one batch
     */
    public List<Double> fit(int[] xs, int[] ts, int maxEpoch, int batchSize, int timeSize, double maxGrad, int evalInterval) {
        if (xs.length != ts.length) {
            throw new IllegalArgumentException(xs.length + " inputs but " + ts.length + " targets");
        }
        if (maxEpoch < 0 || batchSize < 1 || timeSize < 1 || evalInterval < 1) {
            throw new IllegalArgumentException("maxEpoch " + maxEpoch + ", batchSize " + batchSize + ", timeSize " + timeSize
                    + ", evalInterval " + evalInterval);
        }
        int dataSize = xs.length;
        int maxIters = dataSize / (batchSize * timeSize);
        if (maxIters == 0) {
            throw new UserException("the corpus's " + dataSize + " input words (all but its last) are too few for batches of "
                    + batchSize + " rows of " + timeSize + " time steps; use a smaller --batch-size or --time-size");
        }
        this.evalInterval = evalInterval;
        timeIdx = 0;
        perplexities.clear();
        double totalLoss = 0;
        int lossCount = 0;
        try (Progress progress = Progress.start(out, "perplexity", maxEpoch, maxIters)) {
            for (int e = 0; e < maxEpoch; e++) {
                int epoch = currentEpoch + 1;
                double epochLoss = 0;
                for (int iter = 0; iter < maxIters; iter++) {
                    IntTensor[] batch = nextBatch(xs, ts, batchSize, timeSize);
                    double loss = TrainingStep.run(model, optimizer, batch[0], batch[1], maxGrad,
                            TrainingDivergedException.MAX_PERPLEXITY_LOSS, epoch, iter + 1);
                    totalLoss += loss;
                    lossCount++;
                    epochLoss += loss;
                    progress.iterationDone(epoch, iter + 1);
                    if (iter % evalInterval == 0) {
                        double ppl = Math.exp(totalLoss / lossCount);
                        progress.report(epoch, iter + 1, ppl);
                        perplexities.add(ppl);
                        if (metrics != null) {
                            metrics.row(epoch, iter + 1, ppl);
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
        return perplexities();
    }

    /**
     * The next {@code (batchSize, timeSize)} inputs and targets (the book's {@code get_batch}): element
     * {@code (i, t)} is word {@code (i · jump + timeIdx + t) mod size}, {@code jump = size / batchSize}.
     */
    IntTensor[] nextBatch(int[] xs, int[] ts, int batchSize, int timeSize) {
        IntTensor batchX = IntTensor.zeros(batchSize, timeSize);   // (N, T)
        IntTensor batchT = IntTensor.zeros(batchSize, timeSize);   // (N, T)
        int dataSize = xs.length;
        int jump = dataSize / batchSize;
        for (int time = 0; time < timeSize; time++) {
            for (int i = 0; i < batchSize; i++) {
                int k = (int) (((long) i * jump + timeIdx) % dataSize);
                batchX.data[i * timeSize + time] = xs[k];
                batchT.data[i * timeSize + time] = ts[k];
            }
            timeIdx++;
        }
        return new IntTensor[] {batchX, batchT};
    }

    /** The perplexities reported by the last {@link #fit}, in order. */
    public List<Double> perplexities() {
        return Collections.unmodifiableList(perplexities);
    }

    /** Epochs finished so far (the book's {@code current_epoch}). */
    public int currentEpoch() {
        return currentEpoch;
    }

    /** Sets the epochs already done, for a run resumed from a checkpoint: the next epoch is {@code epochsDone + 1}. */
    public void setCurrentEpoch(int epochsDone) {
        this.currentEpoch = epochsDone;
    }

    /** Saves the perplexity curve as a PNG (the book's {@code RnnlmTrainer.plot}). */
    public void plot(Path png) {
        Plots.line(png, "Training perplexity", "iterations (x" + evalInterval + ")", "perplexity",
                List.of(Plots.Series.of("train", perplexities)));
    }
}
