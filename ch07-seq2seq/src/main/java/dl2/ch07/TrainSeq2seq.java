package dl2.ch07;

import dl2.common.Rng;
import dl2.common.cli.CommonOptions;
import dl2.common.cli.Programs;
import dl2.common.plot.Plots;
import dl2.dataset.sequence.SequenceData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Trains seq2seq on addition (book 7.3, {@code ch07/train_seq2seq.py}): wordvec 16, hidden 128, batch 128,
 * Adam, clipping at 5, 25 epochs on 45 000 questions; after every epoch the whole test set is decoded
 * greedily and the accuracy printed. {@code --reverse} feeds the questions reversed (7.3.3) and
 * {@code --peeky} uses the {@link PeekyDecoder} (7.3.4), the book's two switches.
 *
 * <p>Beyond the book, a checkpoint ({@code checkpoint.params}) is saved after every epoch and {@code --resume}
 * continues from it with exactly the numbers an uninterrupted run gives (see {@link Seq2seqTraining}).
 */
@Command(name = "train-seq2seq", sortOptions = false,
        description = "Trains seq2seq on addition questions (book 7.3); --reverse and --peeky are the book's improvements.")
public final class TrainSeq2seq implements Callable<Integer> {
    @Mixin
    private CommonOptions common;

    @Mixin
    private Seq2seqOptions options;

    @Option(names = "--reverse", description = "Feed the questions reversed (book 7.3.3).")
    private boolean reverse;

    @Option(names = "--peeky", description = "Use the peeky decoder, which sees the encoder's vector at every step (book 7.3.4).")
    private boolean peeky;

    public static void main(String[] args) {
        System.exit(Programs.run(new TrainSeq2seq(), args));
    }

    /** {@code plain}, {@code reversed}, {@code peeky} or {@code reversed_peeky}: the name of the run's files. */
    static String key(boolean reverse, boolean peeky) {
        return reverse && peeky ? "reversed_peeky" : reverse ? "reversed" : peeky ? "peeky" : "plain";
    }

    /** {@code plain}, {@code reversed}, {@code peeky} or {@code reversed + peeky}: the name in printed lines and plots. */
    static String label(boolean reverse, boolean peeky) {
        return key(reverse, peeky).replace("_", " + ");
    }

    @Override
    public Integer call() {
        PrintWriter out = common.stdout();
        SequenceData data = options.loadData(common.seed());
        out.println(data);
        Rng rng = new Rng(common.seed());
        Seq2seq model = options.model(data.vocabSize(), peeky, rng);
        Seq2seqTraining.Variant variant = new Seq2seqTraining.Variant(key(reverse, peeky), label(reverse, peeky),
                model, reverse, rng, options.meta(data.vocabSize(), common.seed()));
        Seq2seqTraining training = new Seq2seqTraining(data, List.of(variant), options.settings(), common.outDir(), out);
        List<Seq2seqTraining.History> histories = training.run(options.resume);
        if (Seq2seqTraining.trainedNothing(histories)) {
            return 0;
        }

        out.printf(Locale.ROOT, "%s (%s): %s after %s, %s per epoch; wrote %s, %s, accuracy.png, %s and %s in %s%n",
                common.programName(), variant.label(), training.accuracies(histories), Seq2seqTraining.epochs(options.epochs),
                Seq2seqTraining.secondsPerEpoch(histories), Seq2seqTraining.METRICS, Seq2seqTraining.TIMING,
                training.paramsFile(variant).getFileName(), Seq2seqTraining.CHECKPOINT, common.outDir());
        if (common.show()) {
            Plots.show(common.outFile("accuracy.png"));
        }
        return 0;
    }
}
