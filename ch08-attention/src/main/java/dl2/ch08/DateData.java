package dl2.ch08;

import dl2.common.IntTensor;
import dl2.common.UserException;
import dl2.dataset.DataException;
import dl2.dataset.sequence.SequenceData;
import dl2.dataset.sequence.SequenceSource;

/** The date questions of book 8.3.1 as chapter 8's programs read them, and the input reversal of book 7.3.3. */
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

    /** {@code x[:, ::-1]}: every question read from its end (book 7.3.3). */
    static IntTensor reversed(IntTensor x) {
        int N = x.dim(0), T = x.dim(1);
        int[] r = new int[x.size()];
        for (int n = 0; n < N; n++) {
            for (int t = 0; t < T; t++) {
                r[n * T + t] = x.data[n * T + T - 1 - t];
            }
        }
        return new IntTensor(r, N, T);
    }
}
