package dl2.dataset.sequence;

import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.dataset.DataException;
import dl2.dataset.DataFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loader of the book's {@code question_answer} text files, {@code addition.txt} and {@code date.txt}:
 * the book's {@code dataset/sequence.py} (section 7.3.1; DESIGN.md, "dataset/sequence.py").
 *
 * <p>Each line is a question, then the answer starting with {@code _}, both padded with spaces to a fixed
 * width: {@code "16+75  _91  "}. As in the book, the first {@code _} of a line splits it and the answer
 * keeps that {@code _} as its first character; the character vocabulary is numbered in order of first
 * appearance, going through the lines in order, each line's question before its answer; the lines are
 * shuffled with the seed and the last tenth becomes the test set ({@code split_at = N - N / 10}).
 */
public final class Sequence {
    /** The book's default shuffle seed ({@code load_data(seed=1984)}). */
    public static final long DEFAULT_SEED = 1984;

    private static final String WHAT_TO_DO = "give the path of addition.txt or date.txt (the book's dataset folder has"
            + " them), or use --data builtin to generate the questions.";

    private Sequence() {
    }

    /**
     * Reads a {@code question_answer} file, like the book's {@code sequence.load_data(file_name, seed)}.
     *
     * @throws DataException when the file is missing, a directory, unreadable, empty or malformed
     */
    public static SequenceData load(Path file, long seed) {
        return fromLines(file.toString(), DataFiles.readLines(file, WHAT_TO_DO), seed);
    }

    /** Writes lines in the same format (a generator's output) to {@code file}, through a temporary file. */
    public static void write(Path file, List<String> lines) {
        DataFiles.writeLines(file, lines);
    }

    /**
     * The data set of the given lines: the one code path behind {@link #load} and the generators.
     * Empty lines at the end are ignored.
     *
     * @param sourceName the file name or a description, used in messages and as {@link SequenceData#source()}
     * @throws DataException naming {@code sourceName} and the line (1-based) when a line has no {@code _},
     *                       an empty question, or widths other than the first line's
     */
    public static SequenceData fromLines(String sourceName, List<String> lines, long seed) {
        int n = lines.size();
        while (n > 0 && lines.get(n - 1).isEmpty()) {
            n--;
        }
        if (n == 0) {
            throw new DataException(sourceName + " is empty; each line must be question_answer, like the book's addition.txt.");
        }
        List<String> questions = new ArrayList<>(n);
        List<String> answers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String line = lines.get(i);
            int idx = line.indexOf('_');
            if (idx < 0) {
                throw lineError(sourceName, i, line, "no '_' separates question and answer; each line must be question_answer.");
            }
            if (idx == 0) {
                throw lineError(sourceName, i, line, "the question before '_' is empty; each line must be question_answer.");
            }
            questions.add(line.substring(0, idx));
            answers.add(line.substring(idx));
            int qWidth = questions.get(0).length();
            int aWidth = answers.get(0).length();
            if (idx != qWidth || line.length() - idx != aWidth) {
                throw lineError(sourceName, i, line, "question width " + idx + " and answer width " + (line.length() - idx)
                        + " differ from line 1's " + qWidth + " and " + aWidth
                        + "; pad every question and every answer with spaces to the same width.");
            }
        }

        Map<Character, Integer> charToId = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            addChars(questions.get(i), charToId);
            addChars(answers.get(i), charToId);
        }
        IntTensor x = toIds(questions, charToId);
        IntTensor t = toIds(answers, charToId);

        int[] order = new Rng(seed).permutation(n);
        x = x.rows(order);
        t = t.rows(order);
        int splitAt = n - n / 10;
        return new SequenceData(sourceName,
                x.rows(range(0, splitAt)), t.rows(range(0, splitAt)),
                x.rows(range(splitAt, n)), t.rows(range(splitAt, n)),
                charToId, new ArrayList<>(charToId.keySet()));
    }

    /** {@code text} followed by spaces up to {@code width} characters, like Python's {@code str.ljust}. */
    static String ljust(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    /** "file line 17 ("the line"): what is wrong", the line cut to 60 characters. */
    private static DataException lineError(String sourceName, int index, String line, String problem) {
        String shown = line.length() <= 60 ? line : line.substring(0, 57) + "...";
        return new DataException(sourceName + " line " + (index + 1) + " (\"" + shown + "\"): " + problem);
    }

    /** The book's {@code _update_vocab}: each new character gets the next id. */
    private static void addChars(String text, Map<Character, Integer> charToId) {
        for (char c : text.toCharArray()) {
            charToId.putIfAbsent(c, charToId.size());
        }
    }

    private static IntTensor toIds(List<String> texts, Map<Character, Integer> charToId) {
        int width = texts.get(0).length();
        int[] ids = new int[texts.size() * width];
        for (int i = 0; i < texts.size(); i++) {
            for (int j = 0; j < width; j++) {
                ids[i * width + j] = charToId.get(texts.get(i).charAt(j));
            }
        }
        return new IntTensor(ids, texts.size(), width);
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
