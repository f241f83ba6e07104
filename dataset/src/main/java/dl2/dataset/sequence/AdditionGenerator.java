package dl2.dataset.sequence;

import dl2.common.Rng;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes addition questions in the format of the book's {@code addition.txt} from a seed, with no download
 * (section 7.3.1; DESIGN.md, "Date questions ... Addition questions").
 *
 * <p>A line is {@code a+b} left-justified in 7 characters, then {@code _} and the sum left-justified in
 * 4 characters: {@code "16+75  _91  "}. Like the numbers of the book's file, each operand first gets 1, 2
 * or 3 digits with equal chance, then random digits, and leading zeros are dropped, so {@code 0 <= a, b < 1000}
 * and short operands are as common as long ones. No question appears twice. The 13 characters are the
 * ten digits, {@code +}, space and {@code _}.
 */
public final class AdditionGenerator {
    /** Characters in a question: {@code 999+999}. */
    public static final int QUESTION_WIDTH = 7;
    /** Characters in an answer, {@code _} included: {@code _1998}. */
    public static final int ANSWER_WIDTH = 5;
    /** Lines in the book's file. */
    public static final int DEFAULT_COUNT = 50_000;

    private static final int MAX_DIGITS = 3;
    /** Different questions there are: a and b each take 1 000 values. */
    private static final int DISTINCT_QUESTIONS = 1_000_000;

    private AdditionGenerator() {
    }

    /** {@link #DEFAULT_COUNT} lines from {@code seed}. */
    public static List<String> generate(long seed) {
        return generate(seed, DEFAULT_COUNT);
    }

    /** {@code count} lines, all questions different, the same for the same seed. */
    public static List<String> generate(long seed, int count) {
        if (count < 1 || count > DISTINCT_QUESTIONS / 2) {
            throw new IllegalArgumentException("count must be in 1.." + DISTINCT_QUESTIONS / 2 + ": " + count);
        }
        Rng rng = new Rng(seed);
        Set<String> seen = new HashSet<>();
        List<String> lines = new ArrayList<>(count);
        while (lines.size() < count) {
            int a = operand(rng);
            int b = operand(rng);
            String question = a + "+" + b;
            if (seen.add(question)) {
                lines.add(Sequence.ljust(question, QUESTION_WIDTH) + Sequence.ljust("_" + (a + b), ANSWER_WIDTH));
            }
        }
        return lines;
    }

    /** 1 to 3 random digits, read as a number (so "07" is 7). */
    private static int operand(Rng rng) {
        int digits = 1 + rng.nextInt(MAX_DIGITS);
        int value = 0;
        for (int i = 0; i < digits; i++) {
            value = value * 10 + rng.nextInt(10);
        }
        return value;
    }
}
