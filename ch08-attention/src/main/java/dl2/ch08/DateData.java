package dl2.ch08;

import dl2.common.UserException;
import dl2.dataset.DataException;
import dl2.dataset.sequence.SequenceData;
import dl2.dataset.sequence.SequenceSource;

import java.io.PrintWriter;

/** The date questions of book 8.3.1 as chapter 8's programs read them. */
final class DateData {
    private DateData() {
    }

    /**
     * {@code --data}: {@code builtin} (or nothing) for 50 000 generated dates, else the path of the book's
     * {@code date.txt}; shuffled with {@code seed} and split 90/10.
     *
     * @throws UserException when the file is missing or malformed
     */
    static SequenceData load(String data, long seed) {
        try {
            return SequenceSource.resolve(data, "date", seed);
        } catch (DataException e) {
            throw new UserException(e.getMessage(), e);
        }
    }

    /**
     * {@link #load}, printed as loaded, then with every question read from its end when {@code reverse} (book
     * 7.3.3): a program keeps only the copy it trains on.
     */
    static SequenceData loadForTraining(String data, long seed, boolean reverse, PrintWriter out) {
        SequenceData loaded = load(data, seed);
        out.println(loaded);
        return reverse ? loaded.withReversedQuestions() : loaded;
    }
}
