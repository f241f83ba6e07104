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

    @Mixin
    private SimpleRnnlmOptions options;

    @Option(names = "--eval-interval", paramLabel = "N", defaultValue = "20",
            description = "Iterations between two perplexity reports (the book's eval_interval).")
    private int evalInterval;

    public static void main(String[] args) {
        System.exit(Programs.run(new TrainSimpleRnnlm(), args));
    }

    @Override
    public Integer call() {
        options.check();
        Check.positive("--eval-interval", evalInterval);
        PrintWriter out = common.stdout();

        Corpus corpus = LmData.firstWords(options.data, options.corpusSize, out);
        int vocabSize = corpus.vocabSize();
        int[] xs = Arrays.copyOfRange(corpus.ids(), 0, options.corpusSize - 1);  // inputs
        int[] ts = Arrays.copyOfRange(corpus.ids(), 1, options.corpusSize);      // outputs (the next words)
        out.printf(Locale.ROOT, "corpus size: %d, vocabulary size: %d%n", options.corpusSize, vocabSize);

        SimpleRnnlm model = new SimpleRnnlm(vocabSize, options.wordvecSize, options.hiddenSize, new Rng(common.seed()));
        RnnlmTrainer trainer = new RnnlmTrainer(model, new SGD(options.lr)).output(out);
        Path csv = common.outFile("metrics.csv");
        List<Double> ppl;
        try (MetricsCsv metrics = MetricsCsv.create(csv, "epoch", "iter", "perplexity")) {
            ppl = trainer.metrics(metrics).fit(xs, ts, options.maxEpoch, options.batchSize, options.timeSize, 0, evalInterval);
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
