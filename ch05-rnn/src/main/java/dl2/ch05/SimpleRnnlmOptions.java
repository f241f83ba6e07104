package dl2.ch05;

import dl2.common.cli.Check;
import picocli.CommandLine.Option;

/**
 * The options shared by {@code train-custom-loop} and {@code train-simple-rnnlm}: the data and the book's
 * settings of 5.5 as defaults (first 1 000 words, batch 10, wordvec 100, hidden 100, 5 time steps, SGD lr 0.1,
 * 100 epochs).
 */
final class SimpleRnnlmOptions {
    @Option(names = "--data", paramLabel = "DIR|builtin",
            description = "Folder with ptb.train.txt, or 'builtin' for the generated corpus. Default: data/ptb if it exists, else builtin.")
    String data;

    @Option(names = "--corpus-size", paramLabel = "N", defaultValue = "1000",
            description = "Train on the first N words of the training text.")
    int corpusSize;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "10", description = "Rows per batch, each reading the text from its own offset.")
    int batchSize;

    @Option(names = "--wordvec-size", paramLabel = "D", defaultValue = "100", description = "Size of the word vectors (embedding).")
    int wordvecSize;

    @Option(names = "--hidden-size", paramLabel = "H", defaultValue = "100", description = "Hidden units of the RNN.")
    int hiddenSize;

    @Option(names = "--time-size", paramLabel = "T", defaultValue = "5",
            description = "Time steps per block of truncated BPTT.")
    int timeSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.1", description = "SGD learning rate.")
    double lr;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "100", description = "Training epochs (the book's max_epoch).")
    int maxEpoch;

    /** Refuses values no training can use, with one sentence naming the option. */
    void check() {
        Check.positive("--batch-size", batchSize);
        Check.positive("--wordvec-size", wordvecSize);
        Check.positive("--hidden-size", hiddenSize);
        Check.positive("--time-size", timeSize);
        Check.positive("--lr", lr);
        Check.positive("--epochs", maxEpoch);
    }
}
