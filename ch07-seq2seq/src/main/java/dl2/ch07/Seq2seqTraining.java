package dl2.ch07;

import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.common.cli.Progress;
import dl2.common.io.MetricsCsv;
import dl2.common.io.ParamsFile;
import dl2.common.optimizer.Adam;
import dl2.common.plot.Plots;
import dl2.common.trainer.Trainer;
import dl2.dataset.sequence.SequenceData;

import java.io.PrintWriter;
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
 * and {@code val acc}. After every epoch the results are already on disk, so an interrupted run keeps them:
 * <ul>
 *   <li>{@code metrics.csv}: {@code epoch,loss,val_acc,seconds} for one model; for several,
 *       {@code epoch}, then {@code val_acc_<key>} for each model, then {@code loss_<key>}, then
 *       {@code seconds_<key>} ({@code loss} is the mean training loss of the epoch, {@code seconds} the time of
 *       its training and evaluation);</li>
 *   <li>{@code accuracy.png}: validation accuracy per epoch, one curve per model (book figures 7-25, 7-28);</li>
 *   <li>{@code <key>.params}: each model's parameters, saved after every epoch.</li>
 * </ul>
 */
public final class Seq2seqTraining {
    /** The book's {@code Trainer.fit} default: a progress line every 20 iterations. */
    public static final int EVAL_INTERVAL = 20;

    /**
     * One model to train.
     *
     * @param key      short name for file names and CSV columns, e.g. {@code reversed_peeky}
     * @param label    name in printed lines and the plot legend, e.g. {@code reversed + peeky}
     * @param model    the model, already initialised
     * @param reversed whether its questions are fed reversed (book 7.3.3)
     * @param rng      shuffles its mini-batches (the generator that initialised the model, as the book's global one)
     * @param meta     hyper-parameters written into its parameters file
     */
    public record Variant(String key, String label, Seq2seqModel model, boolean reversed, Rng rng, Map<String, String> meta) {
    }

    /** The book's hyper-parameters of training: epochs, batch size, clipping norm, Adam's learning rate; and how much to print. */
    public record Settings(int epochs, int batchSize, double maxGrad, double learningRate, int shown, Seq2seqEvaluator.Marks marks) {
    }

    /** Accuracy, loss and time of every epoch of one variant. */
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

    /** The questions with their characters in reverse order, like {@code x[:, ::-1]}. */
    public static IntTensor reversed(IntTensor xs) {
        int N = xs.dim(0), T = xs.dim(1);
        int[] r = new int[xs.size()];
        for (int n = 0; n < N; n++) {
            for (int t = 0; t < T; t++) {
                r[n * T + t] = xs.data[n * T + T - 1 - t];
            }
        }
        return new IntTensor(r, N, T);
    }

    /** Trains every variant for {@link Settings#epochs()} epochs and returns their histories, in the order of the variants. */
    public List<History> run() {
        int V = variants.size();
        List<Trainer<IntTensor>> trainers = new ArrayList<>();
        List<Seq2seqEvaluator> evaluators = new ArrayList<>();
        List<IntTensor> xTrain = new ArrayList<>();
        List<IntTensor> xTest = new ArrayList<>();
        List<History> histories = new ArrayList<>();
        double[] epochLoss = new double[V];   // each trainer's mean loss of its last epoch
        for (Variant v : variants) {
            int index = trainers.size();
            trainers.add(Trainer.forIds(v.model(), new Adam(settings.learningRate()), v.rng()).output(out)
                    .onEpochEnd((epoch, meanLoss) -> epochLoss[index] = meanLoss));
            evaluators.add(new Seq2seqEvaluator(data.idToChar(), v.reversed(), settings.marks(), out,
                    settings.shown(), Seq2seqEvaluator.DEFAULT_BATCH));
            xTrain.add(v.reversed() ? reversed(data.xTrain()) : data.xTrain());
            xTest.add(v.reversed() ? reversed(data.xTest()) : data.xTest());
            histories.add(new History(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
        }
        long start = System.nanoTime();
        try (MetricsCsv csv = MetricsCsv.create(outDir.resolve("metrics.csv"), header())) {
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                for (int i = 0; i < V; i++) {
                    Variant v = variants.get(i);
                    long t0 = System.nanoTime();
                    trainers.get(i).fit(xTrain.get(i), data.tTrain(), 1, settings.batchSize(), settings.maxGrad(), EVAL_INTERVAL);
                    Seq2seqEvaluator.Result r = evaluators.get(i).evaluate(v.model(), xTest.get(i), data.tTest());
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    out.println(String.format(Locale.ROOT, "%sval acc %.3f%%", V > 1 ? v.label() + ": " : "", 100 * r.accuracy()));
                    out.flush();
                    History h = histories.get(i);
                    h.accuracy().add(r.accuracy());
                    h.loss().add(epochLoss[i]);
                    h.seconds().add(seconds);
                    saveParams(v, epoch);
                }
                csv.row(row(epoch, histories));
                plot(histories);
                long elapsed = System.nanoTime() - start;
                long left = Math.round(elapsed / 1e9 / epoch * (settings.epochs() - epoch));
                out.println(String.format(Locale.ROOT, "epoch %d / %d done | %s | eta %s", epoch, settings.epochs(),
                        accuracies(histories), Progress.formatDuration(left)));
                out.flush();
            }
        }
        return histories;
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
        return n + (n == 1 ? " epoch" : " epochs");
    }

    /** The mean seconds per epoch of each variant, e.g. {@code 38.2 s} or {@code 38.2 / 37.9 / 45.0 s}. */
    public static String secondsPerEpoch(List<History> histories) {
        List<String> parts = new ArrayList<>();
        for (History h : histories) {
            parts.add(String.format(Locale.ROOT, "%.1f", h.seconds().stream().mapToDouble(Double::doubleValue).average().orElse(0)));
        }
        return String.join(" / ", parts) + " s";
    }

    /** Where a variant's parameters go: {@code <out>/<key>.params}. */
    public Path paramsFile(Variant v) {
        return outDir.resolve(v.key() + ".params");
    }

    private String[] header() {
        List<String> cols = new ArrayList<>(List.of("epoch"));
        if (variants.size() == 1) {
            cols.addAll(List.of("loss", "val_acc", "seconds"));
        } else {
            variants.forEach(v -> cols.add("val_acc_" + v.key()));
            variants.forEach(v -> cols.add("loss_" + v.key()));
            variants.forEach(v -> cols.add("seconds_" + v.key()));
        }
        return cols.toArray(String[]::new);
    }

    /** The metrics.csv row of {@code epoch}, in the order of {@link #header()}. */
    private Object[] row(int epoch, List<History> histories) {
        List<Object> row = new ArrayList<>(List.of(epoch));
        if (variants.size() == 1) {
            History h = histories.get(0);
            row.addAll(List.of(last(h.loss()), last(h.accuracy()), last(h.seconds())));
        } else {
            histories.forEach(h -> row.add(last(h.accuracy())));
            histories.forEach(h -> row.add(last(h.loss())));
            histories.forEach(h -> row.add(last(h.seconds())));
        }
        return row.toArray();
    }

    private void saveParams(Variant v, int epoch) {
        Map<String, String> meta = new LinkedHashMap<>(v.meta());
        meta.put("reversed", Boolean.toString(v.reversed()));
        meta.put("epoch", Integer.toString(epoch));
        meta.put("data", data.source());
        ParamsFile.save(paramsFile(v), v.model().getClass().getSimpleName(), meta, v.model().params());
    }

    private void plot(List<History> histories) {
        List<Plots.Series> series = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            List<Double> acc = histories.get(i).accuracy();
            double[] x = new double[acc.size()];
            double[] y = new double[acc.size()];
            for (int e = 0; e < x.length; e++) {
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
}
