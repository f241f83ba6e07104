package dl2.reliability;

import dl2.ch05.BinaryAddition;
import dl2.ch05.TrainCustomLoop;
import dl2.ch05.TrainSimpleRnnlm;
import dl2.common.cli.Programs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reliability checks of the chapter 5 programs (the other programs' are in ch08-attention's
 * {@code dl2.reliability} tests, which cannot see this module): bad input ends with exit code 2, one line
 * {@code error: …} and an untouched {@code metrics.csv} of an earlier run; training stops at the first non-finite
 * loss or gradient naming the epoch and iteration; the same seed gives byte-identical files.
 */
class Ch05ReliabilityTest {
    private static final String SENTINEL = "epoch,loss\n1,0.5\n";

    @TempDir
    Path dir;

    /** A row: the program, its arguments ({@code {dir}} is the row's folder), a file to write first (or null) and a piece of the error line. */
    record Case(String name, Supplier<Object> program, List<String> args, String file, String content, String expected) {
        @Override
        public String toString() {
            return name + " " + String.join(" ", args) + (file == null ? "" : " [" + file + "]");
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(Object program, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Programs.run(program, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static void assertUserError(Run r, String expected) {
        String all = r.out() + r.err();
        assertEquals(2, r.code(), all);
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: ") && r.err().contains(expected), () -> "expected \"" + expected + "\" in\n" + r.err());
        assertFalse(all.contains("Exception") || all.contains("\tat "), all);
    }

    static Case row(String name, Supplier<Object> program, String expected, String... args) {
        return new Case(name, program, List.of(args), null, null, expected);
    }

    static Case withFile(String name, Supplier<Object> program, String file, String content, String expected, String... args) {
        return new Case(name, program, List.of(args), file, content, expected);
    }

    static Stream<Case> cases() {
        return Stream.of(
                row("train-custom-loop", TrainCustomLoop::new, "no folder {dir}/nowhere with the Penn Treebank files", "--data", "{dir}/nowhere"),
                withFile("train-custom-loop", TrainCustomLoop::new, "p/ptb.train.txt", "\n", "{dir}/p/ptb.train.txt has no words", "--data", "{dir}/p"),
                withFile("train-custom-loop", TrainCustomLoop::new, "p/ptb.train.txt", "the cat sat\nthe dog\n",
                        "--corpus-size must be between 2 and 7 (the words of {dir}/p/ptb.train.txt), got 1000", "--data", "{dir}/p"),
                row("train-custom-loop", TrainCustomLoop::new, "--corpus-size must be between 2 and 100000", "--data", "builtin", "--corpus-size", "1"),
                row("train-custom-loop", TrainCustomLoop::new,
                        "--batch-size 100 × --time-size 100 is more than the 999 training words; make them smaller or --corpus-size larger",
                        "--data", "builtin", "--batch-size", "100", "--time-size", "100"),
                row("train-custom-loop", TrainCustomLoop::new, "--epochs must be at least 1, got -1", "--epochs", "-1"),
                row("train-custom-loop", TrainCustomLoop::new, "Invalid value for option '--lr': 'fast' is not a double", "--lr", "fast"),
                row("train-custom-loop", TrainCustomLoop::new, "--hidden-size must be at least 1, got 0", "--hidden-size", "0"),
                row("train-simple-rnnlm", TrainSimpleRnnlm::new, "--eval-interval must be at least 1, got 0", "--eval-interval", "0"),
                row("train-simple-rnnlm", TrainSimpleRnnlm::new,
                        "the corpus's 999 input words (all but its last) are too few for batches of 500 rows of 5 time steps; use a smaller --batch-size or --time-size",
                        "--data", "builtin", "--batch-size", "500"),
                withFile("train-simple-rnnlm", TrainSimpleRnnlm::new, "p.txt", "the cat\n", "{dir}/p.txt is a file, not a folder with the Penn Treebank files; give its folder",
                        "--data", "{dir}/p.txt"),
                row("binary-addition", BinaryAddition::new,
                        "Invalid value for option '--activation': expected one of [SIGMOID, TANH, RELU] (case-insensitive) but was 'softsign'",
                        "--activation", "softsign"),
                row("binary-addition", BinaryAddition::new, "Invalid value for option '--init'", "--init", "glorot"),
                row("binary-addition", BinaryAddition::new, "--iters must be at least 1, got 0", "--iters", "0"),
                row("binary-addition", BinaryAddition::new, "--lr must be a positive number, got 0.0", "--lr", "0"),
                row("binary-addition", BinaryAddition::new, "Unknown options: '--hidden-size', '8' (did you mean --hidden?)", "--hidden-size", "8"),
                withFile("binary-addition", BinaryAddition::new, "taken", "x", "cannot create the output folder {dir}/taken (--out)",
                        "--out", "{dir}/taken"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputEndsWithExitTwoAndOneSentenceAndDamagesNothing(Case c) throws IOException {
        Path metrics = Files.createDirectories(dir.resolve("out")).resolve("metrics.csv");
        Files.writeString(metrics, SENTINEL);
        if (c.file() != null) {
            Files.createDirectories(dir.resolve(c.file()).getParent());
            Files.writeString(dir.resolve(c.file()), c.content());
        }
        List<String> args = new ArrayList<>();
        c.args().forEach(a -> args.add(a.replace("{dir}", dir.toString())));
        if (!args.contains("--out")) {
            args.addAll(List.of("--out", dir.resolve("out").toString()));
        }
        assertUserError(run(c.program().get(), args.toArray(String[]::new)), c.expected().replace("{dir}", dir.toString()));
        assertEquals(SENTINEL, Files.readString(metrics));
    }

    @Test
    void trainingStopsAtTheFirstNonFiniteLossOrGradient() throws IOException {
        Path metrics = Files.createDirectories(dir.resolve("out")).resolve("metrics.csv");
        Files.writeString(metrics, SENTINEL);
        String out = dir.resolve("out").toString();
        assertUserError(run(new TrainCustomLoop(), "--data", "builtin", "--lr", "1e300", "--out", out),
                "training diverged at epoch 1, iteration 2: the loss is ");
        assertUserError(run(new BinaryAddition(), "--activation", "relu", "--lr", "1e308", "--out", out),
                "training diverged at iteration 2: the loss is NaN; try a smaller learning rate or gradient clipping");
        assertEquals(SENTINEL, Files.readString(metrics), "no report was made, so the earlier metrics.csv is kept");

        assertUserError(run(new TrainSimpleRnnlm(), "--data", "builtin", "--lr", "1e300", "--out", out),
                "training diverged at epoch 1, iteration 2: the loss is ");
        assertEquals(List.of("epoch,iter,perplexity", "1,1,239.3275107"), Files.readAllLines(metrics),
                "the report of iteration 1, before the divergence, and nothing after it");
    }

    @Test
    void theSameSeedGivesByteIdenticalMetrics() throws IOException {
        assertTwiceTheSame(TrainCustomLoop::new, "--data", "builtin", "--epochs", "3", "--wordvec-size", "8", "--hidden-size", "8");
        assertTwiceTheSame(TrainSimpleRnnlm::new, "--data", "builtin", "--epochs", "3", "--wordvec-size", "8", "--hidden-size", "8");
        assertTwiceTheSame(BinaryAddition::new, "--iters", "600", "--compare");
    }

    private void assertTwiceTheSame(Supplier<Object> program, String... args) throws IOException {
        byte[][] metrics = new byte[2][];
        for (int i = 0; i < 2; i++) {
            Path out = dir.resolve("run" + i);
            String[] all = Arrays.copyOf(args, args.length + 2);
            all[args.length] = "--out";
            all[args.length + 1] = out.toString();
            Run r = run(program.get(), all);
            assertEquals(0, r.code(), r.err());
            metrics[i] = Files.readAllBytes(out.resolve("metrics.csv"));
        }
        assertArrayEquals(metrics[0], metrics[1]);
        assertTrue(metrics[0].length > 20);
    }
}
