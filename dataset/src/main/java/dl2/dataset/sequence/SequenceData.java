package dl2.dataset.sequence;

import dl2.common.IntTensor;
import dl2.dataset.DataException;
import java.util.List;
import java.util.Map;

/**
 * A question/answer data set as character ids, split 90/10: what the book's
 * {@code sequence.load_data} and {@code sequence.get_vocab} return (section 7.3.1; DESIGN.md,
 * "dataset/sequence.py").
 *
 * <p>{@code x} holds the questions, shape (N, question width); {@code t} the answers, shape
 * (N, answer width), whose first character is the {@code _} separator that the decoder takes as its first
 * input. Made by {@link Sequence#fromLines}.
 */
public final class SequenceData {
    private final String source;
    private final IntTensor xTrain;
    private final IntTensor tTrain;
    private final IntTensor xTest;
    private final IntTensor tTest;
    private final Map<Character, Integer> charToId;
    private final List<Character> idToChar;

    SequenceData(String source, IntTensor xTrain, IntTensor tTrain, IntTensor xTest, IntTensor tTest,
            Map<Character, Integer> charToId, List<Character> idToChar) {
        this.source = source;
        this.xTrain = xTrain;
        this.tTrain = tTrain;
        this.xTest = xTest;
        this.tTest = tTest;
        this.charToId = Map.copyOf(charToId);
        this.idToChar = List.copyOf(idToChar);
    }

    /** Where the data came from, e.g. {@code data/date.txt} or "generated date questions (seed 1984, 50000 lines)". */
    public String source() {
        return source;
    }

    /** Training questions, (N train, question width). */
    public IntTensor xTrain() {
        return xTrain;
    }

    /** Training answers, (N train, answer width), each starting with the id of {@code _}. */
    public IntTensor tTrain() {
        return tTrain;
    }

    /** Test questions: the last tenth after shuffling. */
    public IntTensor xTest() {
        return xTest;
    }

    /** Test answers. */
    public IntTensor tTest() {
        return tTest;
    }

    /** Character to id (the book's {@code char_to_id}). */
    public Map<Character, Integer> charToId() {
        return charToId;
    }

    /** Id to character (the book's {@code id_to_char}). */
    public List<Character> idToChar() {
        return idToChar;
    }

    /** Number of distinct characters: 13 for the addition data, 59 for the dates. */
    public int vocabSize() {
        return idToChar.size();
    }

    /** Characters in a question. */
    public int questionWidth() {
        return xTrain.dim(1);
    }

    /** Characters in an answer, the leading {@code _} included. */
    public int answerWidth() {
        return tTrain.dim(1);
    }

    /** The characters of {@code ids}, e.g. to print a question or a guess. */
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder(ids.length);
        for (int id : ids) {
            sb.append(idToChar.get(id));
        }
        return sb.toString();
    }

    /** Row {@code row} of a (N, T) id tensor as text. */
    public String decode(IntTensor ids, int row) {
        int width = ids.dim(1);
        StringBuilder sb = new StringBuilder(width);
        for (int j = 0; j < width; j++) {
            sb.append(idToChar.get(ids.get(row, j)));
        }
        return sb.toString();
    }

    /**
     * The ids of {@code text}, e.g. a date the user typed (pad it to {@link #questionWidth()} first).
     *
     * @throws DataException when a character is not in the vocabulary
     */
    public int[] encode(String text) {
        int[] ids = new int[text.length()];
        for (int i = 0; i < ids.length; i++) {
            Integer id = charToId.get(text.charAt(i));
            if (id == null) {
                throw new DataException("'" + text.charAt(i) + "' in \"" + text + "\" is not one of the " + vocabSize()
                        + " characters of " + source + "; use only characters that appear in the data.");
            }
            ids[i] = id;
        }
        return ids;
    }

    /**
     * The same data with every question read from its end, the book's {@code x_train[:, ::-1]} (7.3.3): a new
     * object that shares the answers and the vocabulary, so that a program which trains on reversed questions
     * only keeps one copy of them.
     */
    public SequenceData withReversedQuestions() {
        return new SequenceData(source, reversed(xTrain), tTrain, reversed(xTest), tTest, charToId, idToChar);
    }

    /** {@code xs} with the characters of every row in reverse order, like {@code xs[:, ::-1]}: a new tensor. */
    public static IntTensor reversed(IntTensor xs) {
        int N = xs.dim(0), T = xs.dim(1);
        int[] r = new int[xs.size()];
        for (int n = 0; n < N; n++) {
            for (int t = 0; t < T; t++) {
                r[n * T + t] = xs.data[n * T + T - 1 - t];
            }
        }
        return new IntTensor(r, N, T);
    }

    @Override
    public String toString() {
        return source + ": " + xTrain.dim(0) + " train / " + xTest.dim(0) + " test, question width " + questionWidth()
                + ", answer width " + answerWidth() + ", vocabulary " + vocabSize();
    }
}
