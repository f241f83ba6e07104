package dl2.ch05;

import dl2.common.cli.Programs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three chapter 5 programs run in-process: options, exit codes and the files they write. */
class ProgramsTest {
    @TempDir
    Path dir;

    /** Exit code, standard output, standard error. */
    record Result(int code, String out, String err) {
    }

    static Result run(Object program, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Programs.run(program, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    static void assertPng(Path png) throws IOException {
        assertTrue(Files.isRegularFile(png), png + " is missing");
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 4);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head, png + " is not a PNG");
    }

    @Test
    void binaryAdditionRejectsAnUnknownActivation() {
        Result r = run(new BinaryAddition(), "--activation", "softsign", "--out", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--activation") && r.err().contains("softsign"), r.err());
    }

    @Test
    void binaryAdditionRejectsBadNumbers() {
        assertEquals(2, run(new BinaryAddition(), "--hidden", "0", "--out", dir.toString()).code());
        assertEquals(2, run(new BinaryAddition(), "--lr", "-1", "--out", dir.toString()).code());
        assertEquals(2, run(new BinaryAddition(), "--init", "glorot", "--out", dir.toString()).code());
    }

    @Test
    void binaryAdditionWritesMetricsAndLossCurve() throws IOException {
        Result r = run(new BinaryAddition(), "--iters", "200", "--activation", "TANH", "--init", "xavier", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals("iter,loss,accuracy", csv.get(0));
        assertEquals(3, csv.size());
        assertTrue(csv.get(2).startsWith("200,"), csv.get(2));
        assertPng(dir.resolve("loss.png"));
        assertTrue(r.out().contains("Pred: [") && r.out().contains("True: [") && r.out().contains(" + "), r.out());
        assertTrue(r.out().contains("exact sums over all 128 x 128 pairs"), r.out());
    }

    @Test
    void binaryAdditionComparesTheThreeActivations() throws IOException {
        Result r = run(new BinaryAddition(), "--compare", "--iters", "200", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals("iter,loss,accuracy,activation", csv.get(0));
        assertEquals(1 + 3 * 2, csv.size());
        assertTrue(csv.get(6).endsWith(",relu"), csv.get(6));
        assertPng(dir.resolve("compare.png"));
    }

    @Test
    void sameSeedSameRun() throws IOException {
        Path a = dir.resolve("a"), b = dir.resolve("b");
        assertEquals(0, run(new BinaryAddition(), "--iters", "300", "--seed", "5", "--out", a.toString()).code());
        assertEquals(0, run(new BinaryAddition(), "--iters", "300", "--seed", "5", "--out", b.toString()).code());
        assertEquals(Files.readString(a.resolve("metrics.csv")), Files.readString(b.resolve("metrics.csv")));
    }

    @Test
    void trainCustomLoopRunsTwoEpochsOnTheBuiltinCorpus() throws IOException {
        Result r = run(new TrainCustomLoop(), "--data", "builtin", "--epochs", "2", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("builtin corpus"), r.out());
        assertTrue(r.out().contains("corpus size: 1000, vocabulary size: "), r.out());
        assertTrue(r.out().matches("(?s).*\\| epoch 1 \\| perplexity \\d+\\.\\d\\d\n.*"), r.out());
        List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals("epoch,iter,perplexity", csv.get(0));
        assertEquals(3, csv.size());
        assertTrue(csv.get(1).startsWith("1,19,"), csv.get(1));  // 999 words / (10 x 5) = 19 iterations per epoch
        double first = Double.parseDouble(csv.get(1).split(",")[2]), second = Double.parseDouble(csv.get(2).split(",")[2]);
        assertTrue(second < first, "perplexity " + first + " then " + second);
        assertPng(dir.resolve("perplexity.png"));
    }

    @Test
    void trainSimpleRnnlmRunsTwoEpochsOnTheBuiltinCorpus() throws IOException {
        Result r = run(new TrainSimpleRnnlm(), "--data", "builtin", "--epochs", "2", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals("epoch,iter,perplexity", csv.get(0));
        assertEquals(List.of("1,1,", "2,1,"), List.of(csv.get(1).substring(0, 4), csv.get(2).substring(0, 4)));
        assertPng(dir.resolve("perplexity.png"));
    }

    @Test
    void languageModelProgramsReportUserErrors() {
        Result missing = run(new TrainCustomLoop(), "--data", dir.resolve("no-such-ptb").toString(), "--out", dir.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no-such-ptb"), missing.err());
        Result tooShort = run(new TrainSimpleRnnlm(), "--data", "builtin", "--corpus-size", "20", "--out", dir.toString());
        assertEquals(2, tooShort.code());
        assertTrue(tooShort.err().startsWith("error: "), tooShort.err());
        assertEquals(2, run(new TrainCustomLoop(), "--data", "builtin", "--corpus-size", "30", "--out", dir.toString()).code());
        assertEquals(2, run(new TrainCustomLoop(), "--epochs", "0", "--out", dir.toString()).code());
    }
}
