package dl2.ch07;

import dl2.common.Rng;
import dl2.common.cli.CommonOptions;
import dl2.common.cli.Programs;
import dl2.common.plot.Plots;
import dl2.dataset.sequence.SequenceData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The comparison of book figures 7-25 and 7-28: plain seq2seq, reversed input, and reversed input with the
 * peeky decoder, trained side by side on the same addition data with the same settings as
 * {@link TrainSeq2seq}, epoch by epoch, their accuracies in one {@code accuracy.png} and one
 * {@code metrics.csv} ({@code epoch}, {@code val_acc_plain}, {@code val_acc_reversed},
 * {@code val_acc_reversed_peeky}, then the losses of each; the seconds of each epoch go to {@code timing.csv}).
 * Each model has its checkpoint ({@code checkpoint_<plain|reversed|reversed_peeky>.params}), and {@code --resume}
 * continues all three.
 */
@Command(name = "compare-addition", sortOptions = false,
        description = "Trains plain, reversed and reversed + peeky seq2seq side by side on addition (book figures 7-25, 7-28).")
public final class CompareAddition implements Callable<Integer> {
    @Mixin
    private CommonOptions common;

    @Mixin
    private Seq2seqOptions options;

    public static void main(String[] args) {
        System.exit(Programs.run(new CompareAddition(), args));
    }

    @Override
    public Integer call() {
        PrintWriter out = common.stdout();
        SequenceData data = options.loadData(common.seed());
        out.println(data);
        List<Seq2seqTraining.Variant> variants = new ArrayList<>();
        boolean[][] switches = {{false, false}, {true, false}, {true, true}};   // {reverse, peeky}
        for (boolean[] s : switches) {
            Rng rng = new Rng(common.seed());
            variants.add(new Seq2seqTraining.Variant(TrainSeq2seq.key(s[0], s[1]), TrainSeq2seq.label(s[0], s[1]),
                    options.model(data.vocabSize(), s[1], rng), s[0], rng, options.meta(data.vocabSize(), common.seed())));
        }
        Seq2seqTraining training = new Seq2seqTraining(data, variants, options.settings(), common.outDir(), out);
        List<Seq2seqTraining.History> histories = training.run(options.resume);
        if (Seq2seqTraining.trainedNothing(histories)) {
            return 0;
        }

        out.printf(Locale.ROOT, "%s: %s after %s, %s per epoch; wrote %s, %s, accuracy.png, the .params files and the checkpoints in %s%n",
                common.programName(), training.accuracies(histories), Seq2seqTraining.epochs(options.epochs),
                Seq2seqTraining.secondsPerEpoch(histories), Seq2seqTraining.METRICS, Seq2seqTraining.TIMING, common.outDir());
        if (common.show()) {
            Plots.show(common.outFile("accuracy.png"));
        }
        return 0;
    }
}
