package dl2.ch08;

import dl2.ch07.PeekySeq2seq;
import dl2.ch07.Seq2seq;
import dl2.ch07.Seq2seqEvaluator;
import dl2.ch07.Seq2seqModel;
import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.common.cli.CommonOptions;
import dl2.common.cli.Programs;
import dl2.common.cli.Words;
import dl2.common.io.MetricsCsv;
import dl2.common.optimizer.Adam;
import dl2.common.plot.Plots;
import dl2.common.trainer.Trainer;
import dl2.dataset.sequence.SequenceData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The comparison of book 8.3.2 (its figure of accuracy per epoch): chapter 7's plain {@link Seq2seq}, its
 * {@link PeekySeq2seq} and the {@link AttentionSeq2seq} trained on the same date questions with the same
 * settings, epoch by epoch, each evaluated on the whole test set after every epoch.
 */
@Command(name = "compare-seq2seq", sortOptions = false,
        description = "Trains seq2seq, peeky seq2seq and attention on the same dates and plots their accuracy per epoch (book 8.3.2).")
public final class CompareSeq2seq implements Callable<Integer> {
    /** The three models, in the book's order. */
    enum Kind {
        SEQ2SEQ("seq2seq", (s) -> new Seq2seq(s.vocab, s.wordvec, s.hidden, s.rng)),
        PEEKY("peeky", (s) -> new PeekySeq2seq(s.vocab, s.wordvec, s.hidden, s.rng)),
        ATTENTION("attention", (s) -> new AttentionSeq2seq(s.vocab, s.wordvec, s.hidden, s.rng));

        final String label;
        final Function<Sizes, Seq2seqModel> make;

        Kind(String label, Function<Sizes, Seq2seqModel> make) {
            this.label = label;
            this.make = make;
        }
    }

    private record Sizes(int vocab, int wordvec, int hidden, Rng rng) {
    }

    @Mixin
    private CommonOptions common;

    @Mixin
    private DateTrainingOptions options;

    public static void main(String[] args) {
        System.exit(Programs.run(new CompareSeq2seq(), args));
    }

    @Override
    public Integer call() {
        options.check();
        PrintWriter out = common.stdout();

        SequenceData dates = DateData.loadForTraining(options.data, common.seed(), options.reverse, out);
        IntTensor xTrain = dates.xTrain();
        IntTensor xTest = dates.xTest();
        Seq2seqEvaluator evaluator = new Seq2seqEvaluator(dates.idToChar(), options.reverse, Seq2seqEvaluator.Marks.PLAIN, out,
                0, Seq2seqEvaluator.DEFAULT_BATCH);

        Kind[] kinds = Kind.values();
        List<Seq2seqModel> models = new ArrayList<>();
        List<Trainer<IntTensor>> trainers = new ArrayList<>();
        List<List<Double>> accuracies = new ArrayList<>();
        for (Kind kind : kinds) {
            Rng rng = new Rng(common.seed());   // the same initial draws and batches for every model
            Seq2seqModel model = kind.make.apply(new Sizes(dates.vocabSize(), options.wordvecSize, options.hiddenSize, rng));
            models.add(model);
            trainers.add(Trainer.forIds(model, new Adam(options.lr), rng).output(out));
            accuracies.add(new ArrayList<>());
        }
        String[] header = new String[kinds.length + 1];
        header[0] = "epoch";
        for (int k = 0; k < kinds.length; k++) {
            header[k + 1] = kinds[k].label;
        }
        try (MetricsCsv metrics = MetricsCsv.create(common.outFile("metrics.csv"), header)) {
            for (int epoch = 1; epoch <= options.maxEpoch; epoch++) {
                Object[] row = new Object[kinds.length + 1];
                row[0] = epoch;
                StringBuilder line = new StringBuilder("epoch " + epoch + ":");
                for (int k = 0; k < kinds.length; k++) {
                    out.println("== " + kinds[k].label + ", epoch " + epoch + " ==");
                    trainers.get(k).fit(xTrain, dates.tTrain(), 1, options.batchSize, options.maxGrad, options.evalInterval);
                    double acc = evaluator.evaluate(models.get(k), xTest, dates.tTest()).accuracy();
                    accuracies.get(k).add(acc);
                    row[k + 1] = acc;
                    line.append(String.format(Locale.ROOT, " %s %.3f%%", kinds[k].label, 100 * acc));
                }
                out.println(line);
                out.flush();
                metrics.row(row);
                plot(accuracies, kinds);
            }
        }
        StringBuilder summary = new StringBuilder("val accuracy after " + Words.count(options.maxEpoch, "epoch") + ":");
        for (int k = 0; k < kinds.length; k++) {
            List<Double> acc = accuracies.get(k);
            summary.append(String.format(Locale.ROOT, " %s %.3f%%", kinds[k].label, 100 * acc.get(acc.size() - 1)));
        }
        out.println(summary + "; plot in " + common.outFile("accuracy.png"));
        if (common.show()) {
            Plots.show(common.outFile("accuracy.png"));
        }
        return 0;
    }

    private void plot(List<List<Double>> accuracies, Kind[] kinds) {
        List<Plots.Series> series = new ArrayList<>();
        for (int k = 0; k < kinds.length; k++) {
            List<Double> acc = accuracies.get(k);
            double[] x = new double[acc.size()];
            double[] y = new double[acc.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1;
                y[i] = acc.get(i);
            }
            series.add(new Plots.Series(kinds[k].label, x, y));
        }
        Plots.line(common.outFile("accuracy.png"), "seq2seq, peeky and attention on dates", "epochs", "accuracy",
                series, -0.05, 1.05);
    }
}
