package dl2.ch07;

import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.common.UserException;
import dl2.common.cli.Progress;
import dl2.common.cli.Words;
import dl2.common.io.Checkpoint;
import dl2.common.io.MetricsCsv;
import dl2.common.io.ParamsFile;
import dl2.common.optimizer.Adam;
import dl2.common.plot.Plots;
import dl2.common.trainer.Trainer;
import dl2.common.trainer.TrainingDivergedException;
import dl2.dataset.sequence.SequenceData;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The training loop of the book's {@code ch07/train_seq2seq.py} for one model or several side by side:
 * each epoch, every model is trained for one epoch by the {@link Trainer} (Adam, gradient clipping) and
 * then evaluated on the whole test set by the {@link Seq2seqEvaluator}, which prints the first questions
 * and {@code val acc}. After every epoch the results are already on disk, so an interrupted run keeps them,
 * and {@link #run(boolean) run(true)} continues it with exactly the numbers of an uninterrupted run:
 * <ul>
 *   <li>{@code <key>.params}: each model's parameters;</li>
 *   <li>each model's checkpoint ({@link #checkpointFile}; not in the book): its parameters, Adam's state, its
 *       random generator, the epoch, the accuracy and loss of every epoch so far, and the settings a resumed run
 *       must share with it (model, sizes, seed, data, reversal, batch size, clipping, learning rate);</li>
 *   <li>{@code metrics.csv}, the same bytes for the same seed: {@code epoch,loss,val_acc} for one model; for
 *       several, {@code epoch}, then {@code val_acc_<key>} for each model, then {@code loss_<key>}
 *       ({@code loss} is the mean training loss of the epoch);</li>
 *   <li>{@code timing.csv}, which differs from run to run: {@code epoch,seconds} for one model,
 *       {@code epoch,seconds_<key>...} for several, the time of each epoch's training and evaluation;</li>
 *   <li>{@code accuracy.png}: validation accuracy per epoch, one curve per model (book figures 7-25, 7-28).</li>
 * </ul>
 * A model's checkpoint is saved before the epoch's row of {@code metrics.csv} is written, and a resumed run
 * writes {@code metrics.csv} again from the checkpoints, so a run stopped at any moment neither loses nor repeats
 * an epoch. Training stops at the first loss or gradient that is not finite, saying which files keep the last
 * good parameters.
 */
public final class Seq2seqTraining {
    /** The book's {@code Trainer.fit} default: a progress line every 20 iterations. */
    public static final int EVAL_INTERVAL = 20;
    /** The checkpoint of a one-model run, in the output folder. */
    public static final String CHECKPOINT = "checkpoint.params";
    /** The deterministic metrics file, in the output folder. */
    public static final String METRICS = "metrics.csv";
    /** The seconds of every epoch, in the output folder (not deterministic). */
    public static final String TIMING = "timing.csv";
    private static final String HISTORY = "history";

    /**
     * One model to train.
     *
     * @param key      short name for file names and CSV columns, e.g. {@code reversed_peeky}
     * @param label    name in printed lines and the plot legend, e.g. {@code reversed + peeky}
     * @param model    the model, already initialised
     * @param reversed whether its questions are fed reversed (book 7.3.3)
     * @param rng      shuffles its mini-batches (the generator that initialised the model, as the book's global one)
     * @param meta     hyper-parameters written into its parameters file and checkpoint, and checked when resuming
     */
    public record Variant(String key, String label, Seq2seqModel model, boolean reversed, Rng rng, Map<String, String> meta) {
    }

    /** The book's hyper-parameters of training: epochs, batch size, clipping norm, Adam's learning rate; and how much to print. */
    public record Settings(int epochs, int batchSize, double maxGrad, double learningRate, int shown, Seq2seqEvaluator.Marks marks) {
    }

    /**
     * Accuracy and loss of every epoch of one variant (those of a resumed run's earlier epochs come from its
     * checkpoint), and the seconds of the epochs this run trained.
     */
    public record History(List<Double> accuracy, List<Double> loss, List<Double> seconds) {
    }

    private final SequenceData data;
    private final List<Variant> variants;
    private final Settings settings;
    private final Path outDir;
    private final PrintWriter out;

    public Seq2seqTraining(SequenceData data, List<Variant> variants, Settings settings, Path outDir, PrintWriter out) {
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("nothing to train: no variants");
        }
        this.data = data;
        this.variants = List.copyOf(variants);
        this.settings = settings;
        this.outDir = outDir;
        this.out = out;
    }

    /** Trains every variant from the start for {@link Settings#epochs()} epochs: {@link #run(boolean) run(false)}. */
    public List<History> run() {
        return run(false);
    }

    /**
     * Trains every variant up to {@link Settings#epochs()} epochs in all and returns their histories, in the order
     * of the variants. With {@code resume}, each variant first continues from its checkpoint (a variant without
     * one, in a run stopped during its first epoch, starts afresh), after checking that the checkpoint was made
     * with the same settings; when every variant has already reached the epochs asked for, nothing is trained.
     *
     * @throws UserException when resuming without any checkpoint, or from one made with other settings, or when
     *                       training diverges (its message then names the files that keep the last good parameters)
     */
    public List<History> run(boolean resume) {
        List<ModelRun> runs = new ArrayList<>();
        variants.forEach(v -> runs.add(new ModelRun(v)));
        if (resume) {
            restore(runs);
        }
        List<History> histories = runs.stream().map(r -> r.history).toList();
        int done = runs.stream().mapToInt(ModelRun::epochsDone).min().orElseThrow();   // epochs that every model finished
        if (done >= settings.epochs()) {
            out.printf(Locale.ROOT, "the checkpoint%s already at epoch %d of %d; ask for more with --epochs%n",
                    runs.size() > 1 ? "s are" : " is", done, settings.epochs());
            out.flush();
            return histories;
        }
        Path timingFile = outDir.resolve(TIMING);
        try (MetricsCsv metrics = MetricsCsv.create(outDir.resolve(METRICS), header());
             MetricsCsv timing = resume ? MetricsCsv.appendUpTo(timingFile, done, timingHeader()) : MetricsCsv.create(timingFile, timingHeader())) {
            for (int epoch = 1; epoch <= done; epoch++) {
                metrics.row(row(epoch, histories));
            }
            long start = System.nanoTime();
            for (int epoch = done + 1; epoch <= settings.epochs(); epoch++) {
                List<Object> seconds = new ArrayList<>(List.of(epoch));
                for (ModelRun r : runs) {
                    seconds.add(r.epochsDone() < epoch ? (Object) r.trainEpoch() : "");
                }
                metrics.row(row(epoch, histories));
                timing.row(seconds.toArray());
                plot(histories, epoch);
                long elapsed = System.nanoTime() - start;
                long left = Math.round(elapsed / 1e9 / (epoch - done) * (settings.epochs() - epoch));
                out.println(String.format(Locale.ROOT, "epoch %d / %d done | %s | eta %s", epoch, settings.epochs(),
                        accuracies(histories), Progress.formatDuration(left)));
                out.flush();
            }
        }
        return histories;
    }

    /** True when the run trained no epoch at all (it resumed from checkpoints that were already complete). */
    public static boolean trainedNothing(List<History> histories) {
        return histories.stream().allMatch(h -> h.seconds().isEmpty());
    }

    /** {@code plain 11.2%, reversed 53.9%} or, for one model, {@code val acc 53.9%}: the latest accuracies. */
    public String accuracies(List<History> histories) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            String acc = String.format(Locale.ROOT, "%.1f%%", 100 * last(histories.get(i).accuracy()));
            parts.add((variants.size() > 1 ? variants.get(i).label() : "val acc") + " " + acc);
        }
        return String.join(", ", parts);
    }

    /** {@code 1 epoch}, {@code 25 epochs}. */
    public static String epochs(int n) {
        return Words.count(n, "epoch");
    }

    /**
     * The mean seconds per epoch this run trained, of each variant, e.g. {@code 38.2 s} or {@code 38.2 / 37.9 / 45.0 s}
     * ({@code -} for a variant that trained no epoch).
     */
    public static String secondsPerEpoch(List<History> histories) {
        List<String> parts = new ArrayList<>();
        for (History h : histories) {
            parts.add(h.seconds().isEmpty() ? "-"
                    : String.format(Locale.ROOT, "%.1f", h.seconds().stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
        }
        return String.join(" / ", parts) + " s";
    }

    /** Where a variant's parameters go: {@code <out>/<key>.params}. */
    public Path paramsFile(Variant v) {
        return outDir.resolve(v.key() + ".params");
    }

    /** Where a variant's checkpoint goes: {@code <out>/checkpoint.params} for one model, {@code <out>/checkpoint_<key>.params} for several. */
    public Path checkpointFile(Variant v) {
        return outDir.resolve(variants.size() == 1 ? CHECKPOINT : "checkpoint_" + v.key() + ".params");
    }

    private String[] header() {
        List<String> cols = new ArrayList<>(List.of("epoch"));
        if (variants.size() == 1) {
            cols.addAll(List.of("loss", "val_acc"));
        } else {
            variants.forEach(v -> cols.add("val_acc_" + v.key()));
            variants.forEach(v -> cols.add("loss_" + v.key()));
        }
        return cols.toArray(String[]::new);
    }

    private String[] timingHeader() {
        List<String> cols = new ArrayList<>(List.of("epoch"));
        variants.forEach(v -> cols.add(variants.size() == 1 ? "seconds" : "seconds_" + v.key()));
        return cols.toArray(String[]::new);
    }

    /** The metrics.csv row of {@code epoch}, in the order of {@link #header()}. */
    private Object[] row(int epoch, List<History> histories) {
        List<Object> row = new ArrayList<>(List.of(epoch));
        if (variants.size() == 1) {
            History h = histories.get(0);
            row.addAll(List.of(h.loss().get(epoch - 1), h.accuracy().get(epoch - 1)));
        } else {
            histories.forEach(h -> row.add(h.accuracy().get(epoch - 1)));
            histories.forEach(h -> row.add(h.loss().get(epoch - 1)));
        }
        return row.toArray();
    }

    /** Continues every variant that has a checkpoint; refuses when none has. */
    private void restore(List<ModelRun> runs) {
        if (runs.stream().noneMatch(r -> Files.exists(checkpointFile(r.variant)))) {
            throw Checkpoint.noCheckpointToResume(checkpointFile(variants.get(0)));
        }
        for (ModelRun r : runs) {
            Path file = checkpointFile(r.variant);
            String who = variants.size() > 1 ? r.variant.label() + ": " : "";
            if (Files.exists(file)) {
                r.restore(file);
                out.printf(Locale.ROOT, "%sresumed from %s after epoch %d%n", who, file, r.epochsDone());
            } else {
                out.printf(Locale.ROOT, "%sno checkpoint %s, so it starts from epoch 1%n", who, file);
            }
        }
        out.flush();
    }

    /** The accuracy curves of the first {@code epochs} epochs. */
    private void plot(List<History> histories, int epochs) {
        List<Plots.Series> series = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            List<Double> acc = histories.get(i).accuracy();
            double[] x = new double[epochs];
            double[] y = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                x[e] = e + 1;
                y[e] = acc.get(e);
            }
            series.add(new Plots.Series(variants.get(i).label(), x, y));
        }
        String title = variants.size() == 1 ? "Validation accuracy (" + variants.get(0).label() + ")" : "Validation accuracy";
        Plots.line(outDir.resolve("accuracy.png"), title, "epoch", "accuracy", series, -0.05, 1.05);
    }

    private static double last(List<Double> values) {
        return values.get(values.size() - 1);
    }

    /** One variant's training: its model, optimizer, trainer, evaluator, data (reversed or not) and history. */
    private final class ModelRun {
        final Variant variant;
        final Adam optimizer = new Adam(settings.learningRate());
        final Trainer<IntTensor> trainer;
        final Seq2seqEvaluator evaluator;
        final IntTensor xTrain;
        final IntTensor xTest;
        final History history = new History(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        double epochLoss;   // the trainer's mean loss of its last epoch

        ModelRun(Variant v) {
            variant = v;
            trainer = Trainer.forIds(v.model(), optimizer, v.rng()).output(out).onEpochEnd((epoch, meanLoss) -> epochLoss = meanLoss);
            evaluator = new Seq2seqEvaluator(data.idToChar(), v.reversed(), settings.marks(), out, settings.shown(), Seq2seqEvaluator.DEFAULT_BATCH);
            xTrain = v.reversed() ? SequenceData.reversed(data.xTrain()) : data.xTrain();
            xTest = v.reversed() ? SequenceData.reversed(data.xTest()) : data.xTest();
        }

        int epochsDone() {
            return history.accuracy().size();
        }

        String modelId() {
            return variant.model().getClass().getSimpleName();
        }

        /** Trains and evaluates one epoch, saves the parameters and the checkpoint; returns the seconds it took. */
        double trainEpoch() {
            long t0 = System.nanoTime();
            try {
                trainer.fit(xTrain, data.tTrain(), 1, settings.batchSize(), settings.maxGrad(), EVAL_INTERVAL);
            } catch (TrainingDivergedException e) {
                throw e.keeping(kept());
            }
            Seq2seqEvaluator.Result r = evaluator.evaluate(variant.model(), xTest, data.tTest());
            double seconds = (System.nanoTime() - t0) / 1e9;
            out.println(String.format(Locale.ROOT, "%sval acc %.3f%%", variants.size() > 1 ? variant.label() + ": " : "", 100 * r.accuracy()));
            out.flush();
            history.accuracy().add(r.accuracy());
            history.loss().add(epochLoss);
            history.seconds().add(seconds);
            save();
            return seconds;
        }

        /** What a diverged run leaves on disk for this variant. */
        private String kept() {
            String who = variants.size() > 1 ? "it was the " + variant.label() + " model; " : "";
            if (epochsDone() == 0) {
                return who + "no epoch " + (variants.size() > 1 ? "of it " : "") + "had finished, so no parameters were saved";
            }
            return who + paramsFile(variant) + " and the checkpoint " + checkpointFile(variant) + " keep the parameters after epoch " + epochsDone();
        }

        /** The settings kept in the checkpoint, which a resumed run must share. */
        private Map<String, String> settingsMeta() {
            Map<String, String> m = new LinkedHashMap<>(variant.meta());
            m.put("reversed", Boolean.toString(variant.reversed()));
            m.put("data", data.source());
            m.put("batch_size", Integer.toString(settings.batchSize()));
            m.put("max_grad", Double.toString(settings.maxGrad()));
            m.put("lr", Double.toString(settings.learningRate()));
            return m;
        }

        /** Saves the parameters (for evaluation, book style) and then the checkpoint (for --resume). */
        private void save() {
            int epoch = epochsDone();
            Map<String, String> meta = new LinkedHashMap<>(variant.meta());
            meta.put("reversed", Boolean.toString(variant.reversed()));
            meta.put("epoch", Integer.toString(epoch));
            meta.put("data", data.source());
            ParamsFile.save(paramsFile(variant), modelId(), meta, variant.model().params());

            Map<String, String> checkpointMeta = settingsMeta();
            List<String> epochs = new ArrayList<>();
            for (int e = 0; e < epoch; e++) {
                epochs.add(history.loss().get(e) + ":" + history.accuracy().get(e));
            }
            checkpointMeta.put(HISTORY, String.join(",", epochs));
            Checkpoint.save(checkpointFile(variant), modelId(), epoch, variant.model().params(), optimizer, variant.rng(), checkpointMeta);
        }

        /** Loads the checkpoint after checking its settings against this run's (a check that fails stops the program). */
        void restore(Path file) {
            ParamsFile.Contents saved = ParamsFile.read(file);
            if (Checkpoint.isCheckpoint(saved)) {
                Checkpoint.requireSame(file, "model", modelId(), saved.modelId());
                settingsMeta().forEach((key, value) -> Checkpoint.requireSame(file, key, value, saved.meta().get(key)));
            }
            List<double[]> epochs = new ArrayList<>();
            String h = saved.meta().getOrDefault(HISTORY, "");
            try {
                for (String s : h.isEmpty() ? new String[0] : h.split(",")) {
                    String[] f = s.split(":");
                    if (f.length != 2) {
                        throw new NumberFormatException(s);
                    }
                    epochs.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])});
                }
            } catch (NumberFormatException e) {
                throw new UserException(file + " is damaged (its history of epochs is unreadable); start the training afresh", e);
            }
            Checkpoint.State state = Checkpoint.load(file, modelId(), variant.model().params(), optimizer, variant.rng());
            if (epochs.size() != state.epoch()) {
                throw new UserException(file + " is damaged (epoch " + state.epoch() + " but " + epochs.size()
                        + " epochs in its history); start the training afresh");
            }
            for (double[] e : epochs) {
                history.loss().add(e[0]);
                history.accuracy().add(e[1]);
            }
            trainer.setCurrentEpoch(state.epoch());
        }
    }
}
