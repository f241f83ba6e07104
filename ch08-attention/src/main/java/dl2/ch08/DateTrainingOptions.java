package dl2.ch08;

import dl2.common.cli.Check;
import picocli.CommandLine.Option;

/**
 * The options shared by {@code train-attention} and {@code compare-seq2seq}: the data and the book's training
 * settings of 8.3.2 as defaults (wordvec 16, hidden 256, batch 128, Adam lr 0.001, clipping at 5, 10 epochs,
 * reversed input).
 */
final class DateTrainingOptions {
    @Option(names = "--data", paramLabel = "PATH|builtin", defaultValue = "builtin",
            description = "The book's date.txt, or 'builtin' for 50 000 generated dates.")
    String data;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Epochs to train (in all, when train-attention resumes).")
    int maxEpoch;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "128", description = "Questions per mini-batch.")
    int batchSize;

    @Option(names = "--wordvec-size", paramLabel = "D", defaultValue = "16", description = "Size of the character vectors.")
    int wordvecSize;

    @Option(names = "--hidden-size", paramLabel = "H", defaultValue = "256", description = "Hidden units of each LSTM.")
    int hiddenSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.001", description = "Adam learning rate.")
    double lr;

    @Option(names = "--max-grad", paramLabel = "NORM", defaultValue = "5.0",
            description = "Gradient clipping norm (0: none).")
    double maxGrad;

    @Option(names = "--reverse", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Feed the questions reversed (book 7.3.3), on by default; --no-reverse feeds them as written.")
    boolean reverse;

    @Option(names = "--eval-interval", paramLabel = "N", defaultValue = "20",
            description = "Iterations between two progress lines.")
    int evalInterval;

    /** Refuses values no training can use, with one sentence naming the option. */
    void check() {
        Check.positive("--epochs", maxEpoch);
        Check.positive("--batch-size", batchSize);
        Check.positive("--wordvec-size", wordvecSize);
        Check.positive("--hidden-size", hiddenSize);
        Check.positive("--lr", lr);
        Check.nonNegative("--max-grad", maxGrad);
        Check.positive("--eval-interval", evalInterval);
    }
}
