package dl2.ch07;

import dl2.common.IntTensor;
import dl2.common.cli.Progress;

import java.io.PrintWriter;
import java.util.List;

/**
 * The book's {@code eval_seq2seq} ({@code common/util.py}, used in 7.3.2 and 8.3) for a whole test set:
 * decodes every question greedily, in batches, counts the answers that are exactly right, and prints the
 * first few like the book:
 * <pre>
 * Q 77+85
 * T 162
 * [ok] 162
 * ---
 * </pre>
 * The question is printed in reading order even when the model was fed it reversed; the answer and the
 * guess leave out the leading {@code _}. Used by chapter 7's {@code train-seq2seq} and by chapter 8.
 */
public final class Seq2seqEvaluator {
    /** Questions the book prints at each evaluation. */
    public static final int BOOK_SHOWN = 10;
    /**
     * Questions decoded at once: batching only changes speed, not the guesses. The book's training batch, so
     * that the layers reuse the arrays they made for training instead of making a second, larger set.
     */
    public static final int DEFAULT_BATCH = 128;

    /** How right and wrong answers are marked. */
    public enum Marks {
        /** The book's green ☑ and red ☒, coloured with ANSI escapes: for a terminal. */
        COLOR("\033[92m☑\033[0m", "\033[91m☒\033[0m"),
        /** ☑ and ☒ without colour. */
        SYMBOLS("☑", "☒"),
        /** {@code [ok]} and {@code [NG]}: for files, logs and pipes. */
        PLAIN("[ok]", "[NG]");

        private final String ok;
        private final String ng;

        Marks(String ok, String ng) {
            this.ok = ok;
            this.ng = ng;
        }

        /** The mark for a right ({@code true}) or wrong answer. */
        public String mark(boolean right) {
            return right ? ok : ng;
        }

        /** {@link #COLOR} on an interactive terminal ({@link Progress#isInteractive()}) unless {@code NO_COLOR} is set, else {@link #PLAIN}. */
        public static Marks forStandardOutput() {
            return Progress.isInteractive() && System.getenv("NO_COLOR") == null ? COLOR : PLAIN;
        }
    }

    /** The outcome of one evaluation: how many answers were right, and every guess (without the {@code _}). */
    public record Result(int correct, int total, IntTensor guesses) {
        /** Fraction of exactly right answers, 0–1. */
        public double accuracy() {
            return total == 0 ? 0 : (double) correct / total;
        }
    }

    private final List<Character> idToChar;
    private final boolean reversed;
    private final Marks marks;
    private final PrintWriter out;
    private final int shown;
    private final int batchSize;

    /**
     * @param idToChar the vocabulary, to print ids as characters
     * @param reversed whether the questions are fed reversed (book 7.3.3): they are printed turned back
     * @param marks    how to mark right and wrong answers
     * @param out      where the first {@code shown} questions are printed
     * @param shown    how many questions to print ({@link #BOOK_SHOWN} in the book; 0 prints none)
     * @param batchSize how many questions {@link Seq2seqModel#generate} decodes at once
     */
    public Seq2seqEvaluator(List<Character> idToChar, boolean reversed, Marks marks, PrintWriter out, int shown, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.idToChar = List.copyOf(idToChar);
        this.reversed = reversed;
        this.marks = marks;
        this.out = out;
        this.shown = shown;
        this.batchSize = batchSize;
    }

    /** The book's setting: 10 questions shown, batches of {@link #DEFAULT_BATCH}. */
    public Seq2seqEvaluator(List<Character> idToChar, boolean reversed, Marks marks, PrintWriter out) {
        this(idToChar, reversed, marks, out, BOOK_SHOWN, DEFAULT_BATCH);
    }

    /**
     * Decodes every question of {@code xs} (N, Tq) and compares it with {@code ts} (N, Ta), whose first
     * column is the decoder's start id (the {@code _}) and the rest the expected answer.
     */
    public Result evaluate(Seq2seqModel model, IntTensor xs, IntTensor ts) {
        int N = xs.dim(0), Ta = ts.dim(1), sampleSize = Ta - 1;
        int[] guesses = new int[N * sampleSize];
        int correct = 0;
        for (int from = 0; from < N; from += batchSize) {
            int to = Math.min(N, from + batchSize);
            int[] rows = range(from, to);
            IntTensor answers = ts.rows(rows);
            IntTensor guess = model.generate(xs.rows(rows), startId(answers, from), sampleSize);   // (n, Ta - 1)
            System.arraycopy(guess.data, 0, guesses, from * sampleSize, guess.size());
            for (int i = 0; i < rows.length; i++) {
                boolean right = true;
                for (int s = 0; s < sampleSize; s++) {
                    right &= guess.get(i, s) == answers.get(i, s + 1);
                }
                if (right) {
                    correct++;
                }
                if (from + i < shown) {
                    print(xs, from + i, answers, guess, i, right);
                }
            }
        }
        return new Result(correct, N, new IntTensor(guesses, N, sampleSize));
    }

    private void print(IntTensor xs, int row, IntTensor answers, IntTensor guess, int i, boolean right) {
        StringBuilder question = new StringBuilder(text(xs, row, 0));
        if (reversed) {
            question.reverse();
        }
        out.println("Q " + question);
        out.println("T " + text(answers, i, 1));
        out.println(marks.mark(right) + " " + text(guess, i, 0));
        out.println("---");
    }

    private String text(IntTensor ids, int row, int from) {
        StringBuilder sb = new StringBuilder();
        for (int j = from; j < ids.dim(1); j++) {
            sb.append(idToChar.get(ids.get(row, j)));
        }
        return sb.toString();
    }

    /** The decoder's first input: column 0 of the answers, the same for every row (the book's data always start with {@code _}). */
    private static int startId(IntTensor answers, int firstRow) {
        int id = answers.get(0, 0);
        for (int i = 1; i < answers.dim(0); i++) {
            if (answers.get(i, 0) != id) {
                throw new IllegalArgumentException("answers " + firstRow + " and " + (firstRow + i)
                        + " start with different characters; every answer must start with the same separator");
            }
        }
        return id;
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
