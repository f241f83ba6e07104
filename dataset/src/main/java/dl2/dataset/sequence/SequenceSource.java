package dl2.dataset.sequence;

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

    private SequenceSource() {
    }

    /**
     * No value (null or empty) or {@code "builtin"}: the generator of {@code kind} makes its default number
     * of lines from {@code seed}; anything else is the path of a {@code question_answer} file. Either way
     * the lines go through {@link Sequence#fromLines} with {@code seed} as the shuffle seed, and
     * {@link SequenceData#source()} says which data it is, for the program to print.
     *
     * @param kind {@code addition} or {@code date}
     * @throws dl2.dataset.DataException when the file is missing or malformed
     */
    public static SequenceData resolve(String dataOption, String kind, long seed) {
        if (!kind.equals("addition") && !kind.equals("date")) {
            throw new IllegalArgumentException("kind must be addition or date, not " + kind);
        }
        if (dataOption == null || dataOption.isBlank() || dataOption.equals(BUILTIN)) {
            List<String> lines = kind.equals("addition") ? AdditionGenerator.generate(seed) : DateGenerator.generate(seed);
            return Sequence.fromLines("generated " + kind + " questions (seed " + seed + ", " + lines.size() + " lines)", lines, seed);
        }
        return Sequence.load(Path.of(dataOption), seed);
    }
}
