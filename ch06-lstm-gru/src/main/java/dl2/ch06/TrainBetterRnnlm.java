package dl2.ch06;

import dl2.common.Rng;
import dl2.common.UserException;
import dl2.common.cli.Check;
import dl2.common.cli.CommonOptions;
import dl2.common.cli.Programs;
import dl2.common.io.Checkpoint;
import dl2.common.io.MetricsCsv;
import dl2.common.io.ParamsFile;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Trains {@link BetterRnnlm} (book 6.5.4, {@code ch06/train_better_rnnlm.py}): after every epoch the
 * validation perplexity decides: better than ever, the parameters are saved ({@code BetterRnnlm.params});
 * otherwise the learning rate is divided by 4. At the end the best parameters are measured on the test text.
 *
 * <p>Beyond the book, a checkpoint ({@code checkpoint.params}: parameters, optimizer, random state, epoch,
 * best perplexity, learning rate and the history of the epochs) is saved after every epoch, and
 * {@code --resume} continues from it with exactly the numbers an uninterrupted run gives.
 */
@Command(name = "train-better-rnnlm", sortOptions = false,
        description = "Trains BetterRnnlm (2 LSTM layers, dropout, weight tying) with validation after each epoch (6.5.4).")
public final class TrainBetterRnnlm implements Callable<Integer> {
    /** The file name of the checkpoint in {@code --out}. */
    public static final String CHECKPOINT = "checkpoint.params";
    private static final String[] COLUMNS = {"epoch", "iter", "perplexity", "val_perplexity", "lr"};
    private static final String HISTORY = "history";

    @Mixin
    private CommonOptions common;

    @Option(names = "--data", paramLabel = "DIR|builtin",
            description = "Folder with ptb.train.txt, ptb.valid.txt, ptb.test.txt, or 'builtin' for the generated corpus."
                    + " Default: data/ptb if it exists, else builtin.")
    private String data;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "20", description = "Rows per mini-batch.")
    private int batchSize;

    @Option(names = "--wordvec-size", paramLabel = "D", defaultValue = "650", description = "Word vector size (= hidden size: the weights are tied).")
    private int wordvecSize;

    @Option(names = "--hidden-size", paramLabel = "H", defaultValue = "650", description = "LSTM hidden size.")
    private int hiddenSize;

    @Option(names = "--time-size", paramLabel = "T", defaultValue = "35", description = "Time steps per block of truncated BPTT.")
    private int timeSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "20.0", description = "Initial SGD learning rate, divided by 4 when the validation perplexity does not improve.")
    private double lr;

    @Option(names = "--max-grad", paramLabel = "X", defaultValue = "0.25", description = "Gradient clipping norm (0: no clipping).")
    private double maxGrad;

    @Option(names = "--dropout", paramLabel = "RATIO", defaultValue = "0.5", description = "Dropout ratio.")
    private double dropout;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "40", description = "Epochs over the training text (in all, when resuming).")
    private int epochs;

    @Option(names = "--eval-interval", paramLabel = "N", defaultValue = "20", description = "Iterations between two perplexity reports.")
    private int evalInterval;

    @Option(names = "--eval-batch-size", paramLabel = "N", defaultValue = "10",
            description = "Rows per batch when measuring validation and test perplexity (the book's eval_perplexity uses 10).")
    private int evalBatchSize;

    @Option(names = "--resume", description = "Continue the run whose checkpoint is in --out from its last finished epoch.")
    private boolean resume;

    /** One finished epoch, as the checkpoint keeps it. */
    private record EpochResult(int epoch, int iters, double trainPpl, double valPpl, double lr) {
        String encode() {
            return epoch + ":" + iters + ":" + trainPpl + ":" + valPpl + ":" + lr;
        }

        static EpochResult decode(String s) {
            String[] f = s.split(":");
            return new EpochResult(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]));
        }
    }

    public static void main(String[] args) {
        System.exit(Programs.run(new TrainBetterRnnlm(), args));
    }

    @Override
    public Integer call() {
        Check.positive("--batch-size", batchSize);
        Check.positive("--wordvec-size", wordvecSize);
        Check.positive("--hidden-size", hiddenSize);
        Check.positive("--time-size", timeSize);
        Check.positive("--lr", lr);
        Check.nonNegative("--max-grad", maxGrad);
        Check.range("--dropout", dropout, 0, 1);
        Check.positive("--epochs", epochs);
        Check.positive("--eval-interval", evalInterval);
        Check.positive("--eval-batch-size", evalBatchSize);
        if (wordvecSize != hiddenSize) {
            throw new UserException("--wordvec-size (" + wordvecSize + ") must equal --hidden-size (" + hiddenSize
                    + ") because the embedding and output weights are tied");
        }
        PrintWriter out = common.stdout();

        PtbSource source = PtbSource.resolve(data);
        out.println(source.description());
        Corpus corpus = source.load("train");
        Corpus valid = source.load("valid");
        Corpus test = source.load("test");
        int[] ids = corpus.ids();
        int[] xs = Arrays.copyOfRange(ids, 0, ids.length - 1);   // inputs
        int[] ts = Arrays.copyOfRange(ids, 1, ids.length);       // targets: the next words
        out.printf(Locale.ROOT, "training words: %d, valid words: %d, test words: %d, vocabulary: %d%n",
                corpus.size(), valid.size(), test.size(), corpus.vocabSize());

        Rng rng = new Rng(common.seed());
        BetterRnnlm model = new BetterRnnlm(corpus.vocabSize(), wordvecSize, hiddenSize, dropout, rng);
        SGD optimizer = new SGD(lr);
        Map<String, String> settings = settings(source);
        Path checkpoint = common.outFile(CHECKPOINT);
        Path best = common.outFile(RnnlmKind.BETTER.paramsFileName());
        List<EpochResult> history = new ArrayList<>();
        if (resume) {
            history.addAll(restore(checkpoint, model, optimizer, rng, settings));
            out.printf(Locale.ROOT, "resuming from %s after epoch %d (learning rate %s)%n", checkpoint, history.size(),
                    optimizer.learningRate());
        }
        double bestPpl = history.stream().mapToDouble(EpochResult::valPpl).min().orElse(Double.POSITIVE_INFINITY);

        RnnlmTrainer trainer = new RnnlmTrainer(model, optimizer).output(out);
        trainer.setCurrentEpoch(history.size());
        double[] epochLoss = new double[1];
        trainer.onEpochEnd((epoch, meanLoss) -> epochLoss[0] = meanLoss);
        int itersPerEpoch = xs.length / (batchSize * timeSize);
        Path csv = common.outFile("metrics.csv");
        try (MetricsCsv metrics = MetricsCsv.create(csv, COLUMNS)) {
            for (EpochResult r : history) {
                metrics.row(r.epoch(), r.iters(), r.trainPpl(), r.valPpl(), r.lr());
            }
            for (int epoch = history.size() + 1; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                double epochLr = optimizer.learningRate();
                model.setTraining(true);
                try {
                    trainer.fit(xs, ts, 1, batchSize, timeSize, maxGrad, evalInterval);
                } catch (TrainingDivergedException e) {
                    throw e.keeping(kept(history, checkpoint, best));
                }

                model.setTraining(false);
                double ppl = Util.evalPerplexity(model, valid.ids(), evalBatchSize, timeSize);
                model.setTraining(true);
                model.resetState();
                EpochResult r = new EpochResult(epoch, itersPerEpoch, Math.exp(epochLoss[0]), ppl, epochLr);
                history.add(r);
                metrics.row(r.epoch(), r.iters(), r.trainPpl(), r.valPpl(), r.lr());
                out.printf(Locale.ROOT, "epoch %d: valid perplexity %.2f (training %.2f), %.1f s%n",
                        epoch, ppl, r.trainPpl(), (System.nanoTime() - start) / 1e9);
                if (ppl < bestPpl) {
                    bestPpl = ppl;
                    model.saveParams(best, settings);
                    out.println("best so far: saved " + best);
                } else {
                    optimizer.setLearningRate(optimizer.learningRate() / 4.0);
                    out.printf(Locale.ROOT, "no improvement: learning rate %s -> %s%n", epochLr, optimizer.learningRate());
                }
                Map<String, String> meta = new LinkedHashMap<>(model.sizes());
                meta.putAll(settings);
                meta.put(HISTORY, String.join(",", history.stream().map(EpochResult::encode).toList()));
                Checkpoint.save(checkpoint, RnnlmKind.BETTER.modelId(), epoch, model.params(), optimizer, rng, meta);
                out.println("-".repeat(50));
            }
        }
        Path png = common.outFile("perplexity.png");
        plot(history, png);

        ParamsFile.load(best, RnnlmKind.BETTER.modelId(), model.params(), "./dl2 train-better-rnnlm");
        model.setTraining(false);
        double testPpl = Util.evalPerplexity(model, test.ids(), evalBatchSize, timeSize);
        out.printf(Locale.ROOT, "test perplexity (best parameters, valid %.2f): %.2f%n", bestPpl, testPpl);
        out.printf(Locale.ROOT, "wrote %s, %s, %s and %s%n", csv, png, best, checkpoint);
        if (common.show()) {
            Plots.show(png);
        }
        return 0;
    }

    /** The hyper-parameters and the data, saved with the parameters and checked when resuming. */
    private Map<String, String> settings(PtbSource source) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("data", source.name());
        m.put("batch_size", Integer.toString(batchSize));
        m.put("time_size", Integer.toString(timeSize));
        m.put("max_grad", Double.toString(maxGrad));
        m.put(BetterRnnlm.DROPOUT_KEY, Double.toString(dropout));
        m.put("seed", Long.toString(common.seed()));
        return m;
    }

    /** What a diverged run leaves on disk: the checkpoint and best parameters of its finished epochs, if any. */
    private static String kept(List<EpochResult> history, Path checkpoint, Path best) {
        if (history.isEmpty()) {
            return "no epoch had finished, so no parameters were saved";
        }
        EpochResult bestEpoch = history.stream().min(Comparator.comparingDouble(EpochResult::valPpl)).orElseThrow();
        return checkpoint + " keeps the parameters after epoch " + history.size() + " and " + best
                + " the best ones (epoch " + bestEpoch.epoch() + ")";
    }

    /**
     * Loads the checkpoint into the model, optimizer and generator, after checking it was made with these settings
     * and model sizes (sizes are only checked when recorded: older checkpoints lack them, and the shapes are checked anyway).
     */
    private static List<EpochResult> restore(Path checkpoint, BetterRnnlm model, SGD optimizer, Rng rng, Map<String, String> settings) {
        if (!Files.exists(checkpoint)) {
            throw Checkpoint.noCheckpointToResume(checkpoint);
        }
        ParamsFile.Contents saved = ParamsFile.read(checkpoint, "./dl2 train-better-rnnlm");
        if (Checkpoint.isCheckpoint(saved)) {   // otherwise Checkpoint.load says that it is a parameters file
            Map<String, String> savedWith = saved.meta();
            Checkpoint.requireSame(checkpoint, "model", RnnlmKind.BETTER.modelId(), saved.modelId());
            settings.forEach((key, value) -> Checkpoint.requireSame(checkpoint, key, value, savedWith.get(key)));
            model.sizes().forEach((key, value) -> {
                if (savedWith.containsKey(key)) {
                    Checkpoint.requireSame(checkpoint, key, value, savedWith.get(key));
                }
            });
        }
        Checkpoint.State state = Checkpoint.load(checkpoint, RnnlmKind.BETTER.modelId(), model.params(), optimizer, rng);
        List<EpochResult> history = new ArrayList<>();
        String h = state.meta().getOrDefault(HISTORY, "");
        try {
            for (String s : h.isEmpty() ? new String[0] : h.split(",")) {
                history.add(EpochResult.decode(s));
            }
        } catch (RuntimeException e) {
            throw new UserException(checkpoint + " is damaged (its history of epochs is unreadable); start the training afresh", e);
        }
        if (history.size() != state.epoch()) {
            throw new UserException(checkpoint + " is damaged (epoch " + state.epoch() + " but " + history.size()
                    + " epochs in its history); start the training afresh");
        }
        return history;
    }

    /** Training and validation perplexity per epoch. */
    private static void plot(List<EpochResult> history, Path png) {
        if (history.isEmpty()) {
            return;
        }
        double[] x = history.stream().mapToDouble(EpochResult::epoch).toArray();
        Plots.line(png, "BetterRnnlm perplexity per epoch", "epoch", "perplexity",
                List.of(new Plots.Series("training (dropout on)", x, history.stream().mapToDouble(EpochResult::trainPpl).toArray()),
                        new Plots.Series("validation", x, history.stream().mapToDouble(EpochResult::valPpl).toArray())));
    }
}
