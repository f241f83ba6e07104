package dl2.ch05;

import dl2.common.Rng;
import dl2.common.cli.Check;
import dl2.common.cli.CommonOptions;
import dl2.common.cli.Programs;
import dl2.common.io.MetricsCsv;
import dl2.common.optimizer.SGD;
import dl2.common.plot.Plots;
import dl2.common.trainer.RnnlmTrainer;
import dl2.dataset.ptb.Corpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@link SimpleRnnlm} trained through {@link RnnlmTrainer} (book 5.5.4, {@code ch05/train.py}): the same
 * model and settings as {@link TrainCustomLoop}, with the loop, the batches and the perplexity reports
 * left to the trainer.
 */
@Command(name = "train-simple-rnnlm", sortOptions = false,
        description = "Trains SimpleRnnlm with RnnlmTrainer (5.5.4) and plots the perplexity.")
public final class TrainSimpleRnnlm implements Callable<Integer> {
    @Mixin
    private CommonOptions common;

    @Option(names = "--data", paramLabel = "DIR|builtin",
            description = "Folder with ptb.train.txt, or 'builtin' for the generated corpus. Default: data/ptb if it exists, else builtin.")
    private String data;

    @Option(names = "--corpus-size", paramLabel = "N", defaultValue = "1000",
            description = "Train on the first N words of the training text.")
    private int corpusSize;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "10", description = "Rows per batch, each reading the text from its own offset.")
    private int batchSize;

    @Option(names = "--wordvec-size", paramLabel = "D", defaultValue = "100", description = "Size of the word vectors (embedding).")
    private int wordvecSize;

    @Option(names = "--hidden-size", paramLabel = "H", defaultValue = "100", description = "Hidden units of the RNN.")
    private int hiddenSize;

    @Option(names = "--time-size", paramLabel = "T", defaultValue = "5",
            description = "Time steps per block of truncated BPTT.")
    private int timeSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.1", description = "SGD learning rate.")
    private double lr;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "100", description = "Training epochs (the book's max_epoch).")
    private int maxEpoch;

    @Option(names = "--eval-interval", paramLabel = "N", defaultValue = "20",
            description = "Iterations between two perplexity reports (the book's eval_interval).")
    private int evalInterval;

    public static void main(String[] args) {
        System.exit(Programs.run(new TrainSimpleRnnlm(), args));
    }

    @Override
    public Integer call() {
        Check.positive("--batch-size", batchSize);
        Check.positive("--wordvec-size", wordvecSize);
        Check.positive("--hidden-size", hiddenSize);
        Check.positive("--time-size", timeSize);
        Check.positive("--lr", lr);
        Check.positive("--epochs", maxEpoch);
        Check.positive("--eval-interval", evalInterval);
        PrintWriter out = common.stdout();

        Corpus corpus = LmData.firstWords(data, corpusSize, out);
        int vocabSize = corpus.vocabSize();
        int[] xs = Arrays.copyOfRange(corpus.ids(), 0, corpusSize - 1);  // inputs
        int[] ts = Arrays.copyOfRange(corpus.ids(), 1, corpusSize);      // outputs (the next words)
        out.printf(Locale.ROOT, "corpus size: %d, vocabulary size: %d%n", corpusSize, vocabSize);

        SimpleRnnlm model = new SimpleRnnlm(vocabSize, wordvecSize, hiddenSize, new Rng(common.seed()));
        RnnlmTrainer trainer = new RnnlmTrainer(model, new SGD(lr)).output(out);
        Path csv = common.outFile("metrics.csv");
        List<Double> ppl;
        try (MetricsCsv metrics = MetricsCsv.create(csv, "epoch", "iter", "perplexity")) {
            ppl = trainer.metrics(metrics).fit(xs, ts, maxEpoch, batchSize, timeSize, 0, evalInterval);
        }
        Path png = common.outFile("perplexity.png");
        trainer.plot(png);
        out.printf(Locale.ROOT, "perplexity %.2f at the first report, %.2f at the last; wrote %s and %s%n",
                ppl.get(0), ppl.get(ppl.size() - 1), csv, png);
        if (common.show()) {
            Plots.show(png);
        }
        return 0;
    }
}
