package dl2.ch08;

import dl2.ch07.Seq2seqEvaluator;
import dl2.ch07.Seq2seqOptions;
import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.common.UserException;
import dl2.common.cli.Check;
import dl2.common.cli.CommonOptions;
import dl2.common.cli.Programs;
import dl2.common.cli.Words;
import dl2.common.io.Checkpoint;
import dl2.common.io.MetricsCsv;
import dl2.common.io.ParamsFile;
import dl2.common.optimizer.Adam;
import dl2.common.plot.Plots;
import dl2.common.trainer.Trainer;
import dl2.common.trainer.TrainingDivergedException;
import dl2.dataset.sequence.SequenceData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Trains the attention seq2seq on the date questions (book 8.3.2, {@code ch08/train.py}): after every epoch
 * it decodes the whole test set greedily, prints the first 10 questions the way the book's
 * {@code eval_seq2seq} does, and writes the accuracy to {@code metrics.csv} and {@code accuracy.png}. It saves the
 * parameters for {@code visualize-attention} and {@code convert-date} ({@code params.bin}, the book's
 * {@code model.save_params()} at the end) and a checkpoint for {@code --resume} after every epoch, so a run stopped
 * early leaves a usable model.
 */
@Command(name = "train-attention", sortOptions = false,
        description = "Trains the attention seq2seq on date questions (book 8.3.2) and saves its parameters.")
public final class TrainAttention implements Callable<Integer> {
    @Mixin
    private CommonOptions common;

    @Mixin
    private DateTrainingOptions options;

    @Option(names = "--layers", paramLabel = "N", defaultValue = "1",
            description = "LSTM layers in the encoder and the decoder (book 8.4.3).")
    private int layers;

    @Option(names = "--bidirectional", description = "Read the questions both ways with a TimeBiLSTM encoder (book 8.4.1).")
    private boolean bidirectional;

    @Option(names = "--recompute-gates", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = {"Compute the LSTM gates again in backward instead of keeping every step's (book 6.3's cache):"
                    + " the same numbers with about 40 MB less memory at the book's sizes, for about a quarter more"
                    + " time; on by default, --no-recompute-gates keeps them as the book does."})
    private boolean recomputeGates;

    @Option(names = "--marks", paramLabel = "STYLE", defaultValue = "auto", description = Seq2seqOptions.MarkStyle.HELP)
    private Seq2seqOptions.MarkStyle marks;

    @Option(names = "--resume", description = "Continue from the checkpoint in the --out folder, saved after every epoch.")
    private boolean resume;

    public static void main(String[] args) {
        System.exit(Programs.run(new TrainAttention(), args));
    }

    @Override
    public Integer call() {
        options.check();
        Check.positive("--layers", layers);
        PrintWriter out = common.stdout();

        SequenceData dates = DateData.loadForTraining(options.data, common.seed(), options.reverse, out);
        IntTensor xTrain = dates.xTrain();
        IntTensor xTest = dates.xTest();

        Rng rng = new Rng(common.seed());
        AttentionSeq2seq model = new AttentionSeq2seq(dates.vocabSize(), options.wordvecSize, options.hiddenSize, layers, bidirectional, rng);
        model.setRecomputeGates(recomputeGates);
        DateModel saved = new DateModel(model, dates.idToChar(), dates.questionWidth(), dates.answerWidth(),
                options.wordvecSize, options.hiddenSize, layers, bidirectional, options.reverse, options.data, common.seed());
        Adam optimizer = new Adam(options.lr);
        Path checkpoint = common.outFile("checkpoint.bin");
        Path params = common.outFile(DateModel.FILE_NAME);
        Path metricsFile = common.outFile("metrics.csv");
        List<Double> accuracies = new ArrayList<>();
        int done = 0;
        Map<String, String> settings = settings();
        if (resume) {
            requireSameSettings(checkpoint, settings);
            Checkpoint.State state = Checkpoint.load(checkpoint, DateModel.MODEL_ID, model.params(), optimizer, rng);
            done = state.epoch();
            accuracies.addAll(readAccuracies(metricsFile, done));
            out.printf(Locale.ROOT, "resumed from %s after epoch %d%n", checkpoint, done);
        }
        if (done >= options.maxEpoch) {
            out.printf(Locale.ROOT, "the checkpoint is already at epoch %d of %d; ask for more with --epochs%n", done, options.maxEpoch);
            return 0;
        }

        Seq2seqEvaluator evaluator = new Seq2seqEvaluator(dates.idToChar(), options.reverse, marks.marks(), out);
        long[] epochStart = {System.nanoTime()};
        int resumedAt = done;
        try (MetricsCsv metrics = resume ? MetricsCsv.appendUpTo(metricsFile, done, "epoch", "loss", "val_acc")
                : MetricsCsv.create(metricsFile, "epoch", "loss", "val_acc")) {
            Trainer<IntTensor> trainer = Trainer.forIds(model, optimizer, rng).output(out);
            trainer.setCurrentEpoch(done);
            trainer.onEpochEnd((epoch, meanLoss) -> {
                double seconds = (System.nanoTime() - epochStart[0]) / 1e9;
                Seq2seqEvaluator.Result result = evaluator.evaluate(model, xTest, dates.tTest());
                out.printf(Locale.ROOT, "epoch %d: val acc %.3f%% (%d / %d), mean loss %.4f, %.0f s%n",
                        epoch, 100 * result.accuracy(), result.correct(), result.total(), meanLoss, seconds);
                out.flush();
                Checkpoint.save(checkpoint, DateModel.MODEL_ID, epoch, model.params(), optimizer, rng, settings);
                Map<String, String> trained = new LinkedHashMap<>();   // ordered: the same run writes the same bytes
                trained.put("epochs", Integer.toString(epoch));
                trained.put("val_acc", Double.toString(result.accuracy()));
                saved.save(params, trained);
                metrics.row(epoch, meanLoss, result.accuracy());   // after the checkpoint: a resume never repeats a row
                accuracies.add(result.accuracy());
                plotAccuracy(common.outFile("accuracy.png"), accuracies);
                epochStart[0] = System.nanoTime();
            });
            try {
                trainer.fit(xTrain, dates.tTrain(), options.maxEpoch - done, options.batchSize, options.maxGrad, options.evalInterval);
            } catch (TrainingDivergedException e) {
                int kept = Math.max(resumedAt, e.epoch() - 1);
                throw e.keeping(kept == 0 ? "no epoch had finished, so no parameters were saved"
                        : params + " and " + checkpoint + " keep the parameters after epoch " + kept);
            }
        }

        double last = accuracies.get(accuracies.size() - 1);
        out.printf(Locale.ROOT, "val accuracy after %s: %.3f%%; parameters saved to %s (try ./dl2 visualize-attention)%n",
                Words.count(options.maxEpoch, "epoch"), 100 * last, params);
        if (common.show()) {
            Plots.show(common.outFile("accuracy.png"));
        }
        return 0;
    }

    /** The options that shape the run, kept in the checkpoint. */
    private Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("data", options.data);
        m.put("seed", Long.toString(common.seed()));
        m.put("wordvec_size", Integer.toString(options.wordvecSize));
        m.put("hidden_size", Integer.toString(options.hiddenSize));
        m.put("layers", Integer.toString(layers));
        m.put("bidirectional", Boolean.toString(bidirectional));
        m.put("reverse", Boolean.toString(options.reverse));
        m.put("batch_size", Integer.toString(options.batchSize));
        m.put("lr", Double.toString(options.lr));
        m.put("max_grad", Double.toString(options.maxGrad));
        return m;
    }

    /**
     * Refuses to resume without a checkpoint, or from one of another model or made with other options: the continued
     * run would not be the same run.
     */
    private static void requireSameSettings(Path checkpoint, Map<String, String> settings) {
        if (!Files.exists(checkpoint)) {
            throw Checkpoint.noCheckpointToResume(checkpoint);
        }
        ParamsFile.Contents saved = ParamsFile.read(checkpoint, "./dl2 train-attention");
        if (!Checkpoint.isCheckpoint(saved)) {
            return;   // Checkpoint.load says that it is a parameters file, not a checkpoint
        }
        Checkpoint.requireSame(checkpoint, "model", DateModel.MODEL_ID, saved.modelId());
        settings.forEach((key, value) -> Checkpoint.requireSame(checkpoint, key, value, saved.meta().get(key)));
    }

    /** The book's accuracy figure: accuracy per epoch, y from −0.05 to 1.05. */
    static void plotAccuracy(Path png, List<Double> accuracies) {
        double[] x = new double[accuracies.size()];
        double[] y = new double[accuracies.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            y[i] = accuracies.get(i);
        }
        Plots.line(png, "Attention seq2seq on dates", "epochs", "accuracy",
                List.of(new Plots.Series("attention", x, y)), -0.05, 1.05);
    }

    /** The val_acc column of the first {@code epochs} rows of an existing metrics.csv, for the plot of a resumed run. */
    private static List<Double> readAccuracies(Path metricsFile, int epochs) {
        List<Double> acc = new ArrayList<>();
        if (!Files.exists(metricsFile)) {
            return acc;
        }
        try {
            List<String> lines = Files.readAllLines(metricsFile, StandardCharsets.UTF_8);
            for (int i = 1; i < lines.size() && acc.size() < epochs; i++) {
                String[] cells = lines.get(i).split(",");
                acc.add(Double.parseDouble(cells[2]));
            }
        } catch (IOException | RuntimeException e) {
            throw new UserException("cannot read " + metricsFile + " to continue it: " + e.getMessage(), e);
        }
        return acc;
    }
}
