package dl2.ch05;

import dl2.common.UserException;
import dl2.dataset.ptb.Corpus;
import dl2.dataset.ptb.PtbSource;

import java.io.PrintWriter;

/**
 * The text of the two chapter 5 training programs: the first {@code corpusSize} words of the PTB training
 * corpus, or of the builtin generated corpus when there is no PTB (book 5.5.3: {@code corpus[:1000]},
 * {@code vocab_size = max(corpus) + 1}).
 */
final class LmData {
    private LmData() {
    }

    /**
     * Loads the training text {@code --data} names, says on {@code out} which one it is, and cuts it to
     * {@code corpusSize} words. A missing PTB folder or file is a {@link dl2.dataset.DataException}, which
     * the program runner turns into exit code 2.
     */
    static Corpus firstWords(String dataOption, int corpusSize, PrintWriter out) {
        PtbSource source = PtbSource.resolve(dataOption);
        out.println(source.description());
        out.flush();
        Corpus train = source.load("train");
        if (corpusSize < 2 || corpusSize > train.size()) {
            throw new UserException("--corpus-size must be between 2 and " + train.size() + " (the words of "
                    + train.source() + "), got " + corpusSize);
        }
        return train.head(corpusSize);
    }
}
