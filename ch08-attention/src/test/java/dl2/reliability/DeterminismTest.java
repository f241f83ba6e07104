package dl2.reliability;

import dl2.ch06.DigitsLstm;
import dl2.ch06.TrainBetterRnnlm;
import dl2.ch06.TrainRnnlm;
import dl2.ch07.CompareAddition;
import dl2.ch07.TrainSeq2seq;
import dl2.ch08.CompareSeq2seq;
import dl2.ch08.TrainAttention;
import dl2.common.demo.TwoLayerNetDemo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Determinism: the same seed gives byte-identical {@code metrics.csv} and parameter files, run after run in the
 * same JVM (so once before and once after the JIT compiled the kernels), with hidden sizes of 8 so that the
 * vectorised LSTM step is used; and a run resumed from its checkpoint gives exactly the files of the
 * uninterrupted run. All on tiny data (the {@link Fixtures}).
 */
class DeterminismTest {
    @TempDir
    Path dir;

    /** Runs the program twice with {@code args} into two folders and returns them. */
    private Path[] twice(String name, Supplier<Object> program, String... args) {
        Path[] outs = {dir.resolve(name + "-a"), dir.resolve(name + "-b")};
        for (Path out : outs) {
            List<String> all = new ArrayList<>(Arrays.asList(args));
            all.addAll(List.of("--out", out.toString()));
            ProgramRun.of(program.get(), all.toArray(String[]::new)).assertSuccess();
        }
        return outs;
    }

    private static void assertSameFiles(Path[] outs, String... files) throws IOException {
        for (String f : files) {
            assertArrayEquals(Files.readAllBytes(outs[0].resolve(f)), Files.readAllBytes(outs[1].resolve(f)), f + " differs");
        }
    }

    @Test
    void demoTwoLayerNet() throws IOException {
        assertSameFiles(twice("demo", TwoLayerNetDemo::new, "--epochs", "20", "--hidden", "8"), "metrics.csv", "params.bin");
    }

    @Test
    void trainRnnlm() throws IOException {
        Path[] outs = twice("rnnlm", TrainRnnlm::new, "--data", Fixtures.path("ptb"), "--wordvec-size", "8", "--hidden-size", "8",
                "--batch-size", "5", "--time-size", "5", "--eval-interval", "10", "--eval-batch-size", "2", "--epochs", "1");
        assertSameFiles(outs, "metrics.csv", "Rnnlm.params");
    }

    @Test
    void trainBetterRnnlmAndItsResumedRun() throws IOException {
        String[] tiny = {"--data", Fixtures.path("ptb"), "--wordvec-size", "8", "--hidden-size", "8", "--batch-size", "5",
                "--time-size", "5", "--eval-interval", "1000"};
        Path[] outs = twice("better", TrainBetterRnnlm::new, concat(tiny, "--epochs", "2"));
        assertSameFiles(outs, "metrics.csv", "BetterRnnlm.params", TrainBetterRnnlm.CHECKPOINT);

        Path parts = dir.resolve("better-parts");
        ProgramRun.of(new TrainBetterRnnlm(), concat(tiny, "--epochs", "1", "--out", parts.toString())).assertSuccess();
        ProgramRun resumed = ProgramRun.of(new TrainBetterRnnlm(), concat(tiny, "--epochs", "2", "--resume", "--out", parts.toString()))
                .assertSuccess();
        assertTrue(resumed.out().contains("after epoch 1"), resumed.out());
        assertSameFiles(new Path[] {outs[0], parts}, "metrics.csv", "BetterRnnlm.params", TrainBetterRnnlm.CHECKPOINT);
    }

    @Test
    void digitsLstm() throws IOException {
        assertSameFiles(twice("digits", DigitsLstm::new, "--hidden-size", "8", "--epochs", "2"), "metrics.csv");
    }

    @Test
    void trainAttentionAndItsResumedRun() throws IOException {
        String[] tiny = {"--data", Fixtures.path("date.txt"), "--hidden-size", "8", "--wordvec-size", "4", "--batch-size", "32",
                "--eval-interval", "1000"};
        Path[] outs = twice("attention", TrainAttention::new, concat(tiny, "--epochs", "2"));
        assertSameFiles(outs, "metrics.csv", "checkpoint.bin", "params.bin");

        Path parts = dir.resolve("attention-parts");
        ProgramRun.of(new TrainAttention(), concat(tiny, "--epochs", "1", "--out", parts.toString())).assertSuccess();
        ProgramRun resumed = ProgramRun.of(new TrainAttention(), concat(tiny, "--epochs", "2", "--resume", "--out", parts.toString()))
                .assertSuccess();
        assertTrue(resumed.out().contains("resumed from " + parts.resolve("checkpoint.bin") + " after epoch 1"), resumed.out());
        assertSameFiles(new Path[] {outs[0], parts}, "metrics.csv", "checkpoint.bin", "params.bin");
    }

    @Test
    void compareSeq2seq() throws IOException {
        assertSameFiles(twice("compare-seq2seq", CompareSeq2seq::new, "--data", Fixtures.path("date.txt"), "--hidden-size", "8",
                "--wordvec-size", "4", "--batch-size", "32", "--epochs", "1", "--eval-interval", "1000"), "metrics.csv");
    }

    /**
     * train-seq2seq and compare-addition write the seconds each epoch took into metrics.csv, which differ from run to
     * run; every other column, and the parameters, are identical.
     */
    @Test
    void trainSeq2seqAndCompareAdditionApartFromTheirSecondsColumns() throws IOException {
        Path[] seq2seq = twice("seq2seq", TrainSeq2seq::new, "--data", Fixtures.path("add.txt"), "--hidden-size", "8",
                "--wordvec-size", "4", "--batch-size", "32", "--epochs", "2", "--reverse", "--peeky");
        assertSameFiles(seq2seq, "reversed_peeky.params");
        assertEquals(withoutSeconds(seq2seq[0]), withoutSeconds(seq2seq[1]));

        Path[] compare = twice("compare-addition", CompareAddition::new, "--data", Fixtures.path("add.txt"), "--hidden-size", "8",
                "--wordvec-size", "4", "--batch-size", "32", "--epochs", "1");
        assertSameFiles(compare, "plain.params", "reversed.params", "reversed_peeky.params");
        assertEquals(withoutSeconds(compare[0]), withoutSeconds(compare[1]));
        assertNotEquals(List.of(), withoutSeconds(compare[0]));
    }

    /** The rows of metrics.csv without the columns whose name starts with "seconds". */
    private static List<String> withoutSeconds(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            String[] cells = line.split(",");
            List<String> row = new ArrayList<>();
            for (int i = 0; i < cells.length; i++) {
                if (!header.get(i).startsWith("seconds")) {
                    row.add(cells[i]);
                }
            }
            kept.add(String.join(",", row));
        }
        return kept;
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
