package dl2.dataset.sequence;

import dl2.common.cli.Words;
import dl2.dataset.DataException;

import java.nio.file.Path;
import java.util.List;

/**
 * Turns a seq2seq program's {@code --data} option into its data set (DESIGN.md, "Conventions":
 * {@code --data PATH}; "Generators must make data of the same shapes from a seed; the loaders must also
 * read the book's own date.txt and addition.txt given by path").
 */
public final class SequenceSource {
    /** The {@code --data} value that asks for generated questions (also the default). */
    public static final String BUILTIN = "builtin";
    /** The fewest lines a {@code --data} file may have: with fewer, its test set (the last tenth) is empty. */
    public static final int MIN_LINES = 10;

    private SequenceSource() {
    }

    /**
     * No value (null or empty) or {@code "builtin"}: the generator of {@code kind} makes its default number
     * of lines from {@code seed}; anything else is the path of a {@code question_answer} file. Either way
     * the lines go through {@link Sequence#fromLines} with {@code seed} as the shuffle seed, and
     * {@link SequenceData#source()} says which data it is, for the program to print.
     *
     * @param kind {@code addition} or {@code date}
     * @throws dl2.dataset.DataException when the file is missing or malformed, or has fewer than
     *                                   {@value #MIN_LINES} lines (its test set, the last tenth, would be empty)
     */
    public static SequenceData resolve(String dataOption, String kind, long seed) {
        if (!kind.equals("addition") && !kind.equals("date")) {
            throw new IllegalArgumentException("kind must be addition or date, not " + kind);
        }
        if (dataOption == null || dataOption.isBlank() || dataOption.equals(BUILTIN)) {
            List<String> lines = kind.equals("addition") ? AdditionGenerator.generate(seed) : DateGenerator.generate(seed);
            return Sequence.fromLines("generated " + kind + " questions (seed " + seed + ", " + lines.size() + " lines)", lines, seed);
        }
        SequenceData data = Sequence.load(Path.of(dataOption), seed);
        if (data.xTest().dim(0) == 0) {
            throw new DataException(dataOption + " has only " + Words.count(data.xTrain().dim(0), "question")
                    + "; the last tenth of the lines is the test set, so give at least " + MIN_LINES + " lines.");
        }
        return data;
    }
}
