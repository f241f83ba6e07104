package dl2.ch05;

import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.common.UserException;
import dl2.common.cli.CommonOptions;
import dl2.common.cli.Programs;
import dl2.common.io.MetricsCsv;
import dl2.common.optimizer.SGD;
import dl2.common.plot.Plots;
import dl2.common.trainer.TrainingDivergedException;
import dl2.dataset.ptb.Corpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The book's hand-written training loop for {@link SimpleRnnlm} (book 5.5.3, {@code ch05/train_custom_loop.py}):
 * truncated BPTT over the first 1 000 words, each batch row reading the text from its own offset, the hidden
 * state carried from block to block, and the perplexity of every epoch printed and plotted. Beyond the book, it
 * stops at the first loss or gradient that is not finite, with a {@link TrainingDivergedException} naming the
 * epoch and iteration.
 */
@Command(name = "train-custom-loop", sortOptions = false,
        description = "Trains SimpleRnnlm with the book's hand-written loop (5.5.3) and plots the perplexity per epoch.")
public final class TrainCustomLoop implements Callable<Integer> {
    @Mixin
    private CommonOptions common;

    @Mixin
    private SimpleRnnlmOptions options;

    public static void main(String[] args) {
        System.exit(Programs.run(new TrainCustomLoop(), args));
    }

    @Override
    public Integer call() {
        options.check();
        int corpusSize = options.corpusSize;    // the book's hyper-parameters, named as in train_custom_loop.py
        int batchSize = options.batchSize;
        int wordvecSize = options.wordvecSize;
        int hiddenSize = options.hiddenSize;
        int timeSize = options.timeSize;
        double lr = options.lr;
        int maxEpoch = options.maxEpoch;
        PrintWriter out = common.stdout();

        Corpus corpus = LmData.firstWords(options.data, corpusSize, out);
        int vocabSize = corpus.vocabSize();
        int[] xs = Arrays.copyOfRange(corpus.ids(), 0, corpusSize - 1);  // inputs
        int[] ts = Arrays.copyOfRange(corpus.ids(), 1, corpusSize);      // outputs (the next words)
        int dataSize = xs.length;
        out.printf(Locale.ROOT, "corpus size: %d, vocabulary size: %d%n", corpusSize, vocabSize);

        // Iterations per epoch, and where each row of a batch starts reading.
        int maxIters = dataSize / (batchSize * timeSize);
        if (maxIters == 0) {
            throw new UserException("--batch-size " + batchSize + " × --time-size " + timeSize + " is more than the "
                    + dataSize + " training words; make them smaller or --corpus-size larger");
        }
        int jump = (corpusSize - 1) / batchSize;
        int[] offsets = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            offsets[i] = i * jump;
        }

        SimpleRnnlm model = new SimpleRnnlm(vocabSize, wordvecSize, hiddenSize, new Rng(common.seed()));
        SGD optimizer = new SGD(lr);
        List<Double> pplList = new ArrayList<>();
        int timeIdx = 0;
        Path csv = common.outFile("metrics.csv");
        try (MetricsCsv metrics = MetricsCsv.create(csv, "epoch", "iter", "perplexity")) {
            for (int epoch = 1; epoch <= maxEpoch; epoch++) {
                double totalLoss = 0;
                for (int iter = 0; iter < maxIters; iter++) {
                    // Each batch: row i reads T words from offsets[i] + timeIdx on.
                    IntTensor batchX = IntTensor.zeros(batchSize, timeSize);
                    IntTensor batchT = IntTensor.zeros(batchSize, timeSize);
                    for (int t = 0; t < timeSize; t++) {
                        for (int i = 0; i < batchSize; i++) {
                            batchX.data[i * timeSize + t] = xs[(offsets[i] + timeIdx) % dataSize];
                            batchT.data[i * timeSize + t] = ts[(offsets[i] + timeIdx) % dataSize];
                        }
                        timeIdx++;
                    }
                    double loss = model.forward(batchX, batchT);
                    TrainingDivergedException.checkLoss(loss, TrainingDivergedException.MAX_PERPLEXITY_LOSS, epoch, iter + 1);
                    model.backward();
                    TrainingDivergedException.checkGradients(model.grads(), epoch, iter + 1);   // before a bad update
                    optimizer.update(model.params(), model.grads());
                    totalLoss += loss;
                }
                double ppl = Math.exp(totalLoss / maxIters);
                out.printf(Locale.ROOT, "| epoch %d | perplexity %.2f%n", epoch, ppl);
                out.flush();
                pplList.add(ppl);
                metrics.row(epoch, maxIters, ppl);
            }
        }

        Path png = common.outFile("perplexity.png");
        Plots.line(png, "SimpleRnnlm, custom loop (" + corpusSize + " words)", "epochs", "perplexity",
                List.of(Plots.Series.of("train", pplList)));
        out.printf(Locale.ROOT, "perplexity %.2f after epoch 1, %.2f after epoch %d; wrote %s and %s%n",
                pplList.get(0), pplList.get(pplList.size() - 1), maxEpoch, csv, png);
        if (common.show()) {
            Plots.show(png);
        }
        return 0;
    }
}
