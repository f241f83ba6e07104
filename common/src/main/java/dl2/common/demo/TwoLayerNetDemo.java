package dl2.common.demo;

import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.cli.Check;
import dl2.common.cli.CommonOptions;
import dl2.common.cli.Programs;
import dl2.common.cli.Words;
import dl2.common.io.MetricsCsv;
import dl2.common.io.ParamsFile;
import dl2.common.optimizer.SGD;
import dl2.common.plot.Plots;
import dl2.common.trainer.Trainer;
import dl2.common.trainer.TrainingDivergedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./dl2 demo-two-layer-net}: the book's {@code ch01/train.py} (1.4.4), a two-layer net learning the
 * three arms of the spiral with {@link Trainer} and SGD. It shows the parts every program of this project
 * uses: options, progress, {@code metrics.csv} ({@code epoch,loss}), PNG plots ({@code loss.png},
 * {@code decision-boundary.png}) and saved parameters ({@code params.bin}).
 */
@Command(name = "demo-two-layer-net",
        description = "Trains the book's two-layer net (chapter 1) on the spiral data and plots its loss and decision boundary.")
public final class TwoLayerNetDemo implements Callable<Integer> {
    @Mixin
    private CommonOptions common;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "300", description = "Training epochs.")
    private int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "30", description = "Points per mini-batch.")
    private int batchSize;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "10", description = "Hidden units.")
    private int hidden;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1.0", description = "Learning rate of SGD.")
    private double lr;

    @Option(names = "--eval-interval", paramLabel = "N", defaultValue = "10", description = "Iterations between two progress lines.")
    private int evalInterval;

    public static void main(String[] args) {
        System.exit(Programs.run(new TwoLayerNetDemo(), args));
    }

    @Override
    public Integer call() {
        Check.positive("--epochs", epochs);
        Check.positive("--batch-size", batchSize);
        Check.positive("--hidden", hidden);
        Check.positive("--lr", lr);
        Check.positive("--eval-interval", evalInterval);
        PrintWriter out = common.stdout();
        Path dir = common.outDir();

        Rng rng = new Rng(common.seed());
        Spiral.Data data = Spiral.load(rng);
        TwoLayerNet model = new TwoLayerNet(2, hidden, Spiral.CLASSES, rng);

        Path lossPng = dir.resolve("loss.png");
        Path params = dir.resolve("params.bin");
        Trainer<Tensor> trainer = Trainer.forTensor(model, new SGD(lr), rng).output(out);
        try (MetricsCsv metrics = MetricsCsv.create(dir.resolve("metrics.csv"), "epoch", "loss")) {
            trainer.onEpochEnd((epoch, meanLoss) -> metrics.row(epoch, meanLoss));
            trainer.fit(data.x(), data.t(), epochs, batchSize, 0, evalInterval);
        } catch (TrainingDivergedException e) {
            saveParams(params, model, Map.of("diverged_at", "epoch " + e.epoch() + ", iteration " + e.iteration()));
            throw e.keeping("the parameters from before that iteration are saved in " + params);
        }
        trainer.plot(lossPng);
        Path boundaryPng = dir.resolve("decision-boundary.png");
        DecisionBoundary.save(boundaryPng, model, data);
        saveParams(params, model, Map.of());

        out.println(String.format(Locale.ROOT, "train accuracy %.3f after %s; metrics.csv, loss.png, "
                + "decision-boundary.png and params.bin are in %s", accuracy(model, data), Words.count(epochs, "epoch"), dir));
        if (common.show()) {
            Plots.show(lossPng);
            Plots.show(boundaryPng);
        }
        return 0;
    }

    /** Saves the net's parameters with its sizes and {@code extra} metadata. */
    private void saveParams(Path file, TwoLayerNet model, Map<String, String> extra) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("input", "2");
        meta.put("hidden", Integer.toString(hidden));
        meta.put("output", Integer.toString(Spiral.CLASSES));
        meta.putAll(extra);
        ParamsFile.save(file, "TwoLayerNet", meta, model.params());
    }

    /** The fraction of points whose predicted class is their class. */
    static double accuracy(TwoLayerNet model, Spiral.Data data) {
        int[] predicted = DecisionBoundary.argmaxRows(model.predict(data.x()));
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == data.t().data[i]) {
                correct++;
            }
        }
        return (double) correct / predicted.length;
    }
}
