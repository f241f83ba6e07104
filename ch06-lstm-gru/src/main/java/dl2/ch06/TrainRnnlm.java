package dl2.ch06;

import dl2.common.Rng;
import dl2.common.cli.Check;
import dl2.common.cli.CommonOptions;
import dl2.common.cli.Programs;
import dl2.common.cli.Words;
import dl2.common.io.MetricsCsv;
import dl2.common.optimizer.SGD;
import dl2.common.plot.Plots;
import dl2.common.trainer.RnnlmTrainer;
import dl2.common.trainer.TrainingDivergedException;
import dl2.common.util.Util;
import dl2.dataset.ptb.Corpus;
import dl2.dataset.ptb.PtbSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Trains the LSTM language model {@link Rnnlm} on PTB with gradient clipping (book 6.4,
 * {@code ch06/train_rnnlm.py}): perplexity every 20 iterations, the test perplexity at the end, and the
 * parameters saved as {@code Rnnlm.params} in {@code --out} (where {@code eval-rnnlm} and chapter 7's
 * {@code generate-text} read them). Should the training diverge, the parameters from before the diverging
 * iteration are saved there instead, and the program stops with exit code 2.
 */
@Command(name = "train-rnnlm", sortOptions = false,
        description = "Trains Rnnlm (Embedding, LSTM, Affine) on PTB with gradient clipping, then prints the test perplexity (6.4).")
public final class TrainRnnlm implements Callable<Integer> {
    @Mixin
    private CommonOptions common;

    @Option(names = "--data", paramLabel = "DIR|builtin",
            description = "Folder with ptb.train.txt, ptb.valid.txt, ptb.test.txt, or 'builtin' for the generated corpus."
                    + " Default: data/ptb if it exists, else builtin.")
    private String data;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "20", description = "Rows per mini-batch.")
    private int batchSize;

    @Option(names = "--wordvec-size", paramLabel = "D", defaultValue = "100", description = "Word vector size.")
    private int wordvecSize;

    @Option(names = "--hidden-size", paramLabel = "H", defaultValue = "100", description = "LSTM hidden size.")
    private int hiddenSize;

    @Option(names = "--time-size", paramLabel = "T", defaultValue = "35", description = "Time steps per block of truncated BPTT.")
    private int timeSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "20.0", description = "SGD learning rate.")
    private double lr;

    @Option(names = "--max-grad", paramLabel = "X", defaultValue = "0.25", description = "Gradient clipping norm (0: no clipping).")
    private double maxGrad;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "4", description = "Epochs over the training text.")
    private int epochs;

    @Option(names = "--eval-interval", paramLabel = "N", defaultValue = "20", description = "Iterations between two perplexity reports.")
    private int evalInterval;

    @Option(names = "--eval-batch-size", paramLabel = "N", defaultValue = "10",
            description = "Rows per batch when measuring the test perplexity (the book's eval_perplexity uses 10).")
    private int evalBatchSize;

    public static void main(String[] args) {
        System.exit(Programs.run(new TrainRnnlm(), args));
    }

    @Override
    public Integer call() {
        Check.positive("--batch-size", batchSize);
        Check.positive("--wordvec-size", wordvecSize);
        Check.positive("--hidden-size", hiddenSize);
        Check.positive("--time-size", timeSize);
        Check.positive("--lr", lr);
        Check.nonNegative("--max-grad", maxGrad);
        Check.positive("--epochs", epochs);
        Check.positive("--eval-interval", evalInterval);
        Check.positive("--eval-batch-size", evalBatchSize);
        PrintWriter out = common.stdout();

        PtbSource source = PtbSource.resolve(data);
        out.println(source.description());
        Corpus corpus = source.load("train");
        Corpus test = source.load("test");
        int[] ids = corpus.ids();
        int[] xs = Arrays.copyOfRange(ids, 0, ids.length - 1);   // inputs
        int[] ts = Arrays.copyOfRange(ids, 1, ids.length);       // targets: the next words
        out.printf(Locale.ROOT, "training words: %d, test words: %d, vocabulary: %d%n", corpus.size(), test.size(), corpus.vocabSize());

        Rnnlm model = new Rnnlm(corpus.vocabSize(), wordvecSize, hiddenSize, new Rng(common.seed()));
        RnnlmTrainer trainer = new RnnlmTrainer(model, new SGD(lr)).output(out);
        long[] epochStart = {System.nanoTime()};
        trainer.onEpochEnd((epoch, meanLoss) -> {
            long now = System.nanoTime();
            out.printf(Locale.ROOT, "epoch %d done in %.1f s, training perplexity over the epoch %.2f%n",
                    epoch, (now - epochStart[0]) / 1e9, Math.exp(meanLoss));
            epochStart[0] = now;
        });
        Path csv = common.outFile("metrics.csv");
        Path params = common.outFile(RnnlmKind.RNNLM.paramsFileName());
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("data", source.name());
        long start = System.nanoTime();
        try (MetricsCsv metrics = MetricsCsv.create(csv, "epoch", "iter", "perplexity")) {
            trainer.metrics(metrics).fit(xs, ts, epochs, batchSize, timeSize, maxGrad, evalInterval);
        } catch (TrainingDivergedException e) {
            meta.put("diverged_at", "epoch " + e.epoch() + ", iteration " + e.iteration());
            model.saveParams(params, meta);
            throw e.keeping("the parameters from before that iteration are saved in " + params);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Path png = common.outFile("perplexity.png");
        trainer.plot(png);

        model.resetState();
        double testPpl = Util.evalPerplexity(model, test.ids(), evalBatchSize, timeSize);
        out.printf(Locale.ROOT, "test perplexity: %.2f%n", testPpl);

        meta.put("test_perplexity", Double.toString(testPpl));
        model.saveParams(params, meta);
        List<Double> ppl = trainer.perplexities();
        out.printf(Locale.ROOT, "%s in %.0f s (%.1f s per epoch); perplexity %.2f at the first report, %.2f at the last;"
                        + " test perplexity %.2f; wrote %s, %s and %s%n",
                Words.count(epochs, "epoch"), seconds, seconds / epochs, ppl.get(0), ppl.get(ppl.size() - 1), testPpl, csv, png, params);
        if (common.show()) {
            Plots.show(png);
        }
        return 0;
    }
}
