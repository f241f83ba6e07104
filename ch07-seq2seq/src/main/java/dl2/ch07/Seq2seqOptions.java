package dl2.ch07;

import dl2.common.Rng;
import dl2.common.cli.Check;
import dl2.dataset.sequence.SequenceData;
import dl2.dataset.sequence.SequenceSource;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options of the chapter-7 seq2seq training programs, with the book's {@code ch07/train_seq2seq.py}
 * values as defaults; added to a command with {@code @Mixin}.
 */
public final class Seq2seqOptions {
    /** How right and wrong answers are marked in the printed questions. */
    public enum MarkStyle {
        AUTO, COLOR, SYMBOLS, PLAIN;

        /** The description of a {@code --marks} option. */
        public static final String HELP = "Right/wrong marks: auto (coloured ☑/☒ on a terminal, else plain), color,"
                + " symbols (☑/☒) or plain ([ok]/[NG]).";

        /** The evaluator's marks of this style ({@code AUTO}: coloured on a terminal, else plain). */
        public Seq2seqEvaluator.Marks marks() {
            return switch (this) {
                case AUTO -> Seq2seqEvaluator.Marks.forStandardOutput();
                case COLOR -> Seq2seqEvaluator.Marks.COLOR;
                case SYMBOLS -> Seq2seqEvaluator.Marks.SYMBOLS;
                case PLAIN -> Seq2seqEvaluator.Marks.PLAIN;
            };
        }
    }

    @Option(names = "--data", paramLabel = "PATH|builtin", defaultValue = SequenceSource.BUILTIN,
            description = "The book's addition.txt, or 'builtin' for 50 000 generated additions.")
    String data;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "25", description = "Epochs to train (in all, when resuming).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "128", description = "Questions per mini-batch.")
    int batchSize;

    @Option(names = "--wordvec-size", paramLabel = "D", defaultValue = "16", description = "Size of the character vectors (embedding).")
    int wordvecSize;

    @Option(names = "--hidden-size", paramLabel = "H", defaultValue = "128", description = "Size of the LSTM hidden state.")
    int hiddenSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.001", description = "Adam learning rate.")
    double lr;

    @Option(names = "--max-grad", paramLabel = "NORM", defaultValue = "5.0",
            description = "Gradient clipping norm (0: none).")
    double maxGrad;

    @Option(names = "--shown", paramLabel = "N", defaultValue = "" + Seq2seqEvaluator.BOOK_SHOWN,
            description = "Test questions printed after every epoch.")
    int shown;

    @Option(names = "--marks", paramLabel = "STYLE", defaultValue = "auto", description = MarkStyle.HELP)
    MarkStyle marks;

    @Option(names = "--resume", description = "Continue the run whose checkpoint is in --out from its last finished epoch.")
    boolean resume;

    /** Checks the values and loads the data set that {@code --data} names. */
    SequenceData loadData(long seed) {
        Check.positive("--epochs", epochs);
        Check.positive("--batch-size", batchSize);
        Check.positive("--wordvec-size", wordvecSize);
        Check.positive("--hidden-size", hiddenSize);
        Check.positive("--lr", lr);
        Check.nonNegative("--max-grad", maxGrad);
        Check.nonNegative("--shown", shown);
        return SequenceSource.resolve(data, "addition", seed);
    }

    Seq2seqTraining.Settings settings() {
        return new Seq2seqTraining.Settings(epochs, batchSize, maxGrad, lr, shown, marks.marks());
    }

    /** The model sizes, for the parameters file. */
    Map<String, String> sizes(int vocabSize) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("vocab_size", Integer.toString(vocabSize));
        m.put("wordvec_size", Integer.toString(wordvecSize));
        m.put("hidden_size", Integer.toString(hiddenSize));
        return m;
    }

    /** The model sizes and the seed: what the parameters file and the checkpoint record about a run. */
    Map<String, String> meta(int vocabSize, long seed) {
        Map<String, String> m = sizes(vocabSize);
        m.put("seed", Long.toString(seed));
        return m;
    }

    /** A new {@link Seq2seq} or {@link PeekySeq2seq} of these sizes, initialised from {@code rng}. */
    Seq2seq model(int vocabSize, boolean peeky, Rng rng) {
        return peeky ? new PeekySeq2seq(vocabSize, wordvecSize, hiddenSize, rng) : new Seq2seq(vocabSize, wordvecSize, hiddenSize, rng);
    }
}
