package dl2.ch06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dl2.common.cli.Programs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train-rnnlm, eval-rnnlm and train-better-rnnlm on the builtin corpus with tiny sizes. */
class LanguageModelProgramsTest {
    private static final Pattern TEST_PPL = Pattern.compile("test perplexity[^:]*: ([0-9.]+)");

    private record Run(int code, String out, String err) {
    }

    private static Run run(Object program, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Programs.run(program, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String testPerplexity(String out) {
        Matcher m = TEST_PPL.matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    @Test
    void trainRnnlmSavesParametersThatEvalRnnlmReads(@TempDir Path dir) throws Exception {
        Run train = run(new TrainRnnlm(), "--data", "builtin", "--epochs", "1", "--wordvec-size", "5", "--hidden-size", "6",
                "--out", dir.toString());
        assertEquals(0, train.code(), train.err());
        List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals("epoch,iter,perplexity", csv.get(0));
        assertTrue(csv.size() > 5);
        assertTrue(Files.size(dir.resolve("perplexity.png")) > 1000);
        Path params = dir.resolve("Rnnlm.params");
        assertTrue(Files.exists(params));

        Run eval = run(new EvalRnnlm(), "--params", params.toString(), "--data", "builtin");
        assertEquals(0, eval.code(), eval.err());
        assertEquals(testPerplexity(train.out()), testPerplexity(eval.out()));
        assertTrue(Double.parseDouble(testPerplexity(eval.out())) < 405, "better than a uniform guess over 405 words");
    }

    @Test
    void evalRnnlmWithoutParametersSaysWhichCommandMakesThem(@TempDir Path dir) {
        Run eval = run(new EvalRnnlm(), "--model", "better", "--params", dir.resolve("BetterRnnlm.params").toString(), "--data", "builtin");
        assertEquals(2, eval.code());
        assertTrue(eval.err().contains("no parameters file at " + dir.resolve("BetterRnnlm.params")), eval.err());
        assertTrue(eval.err().contains("run `./dl2 train-better-rnnlm` first"), eval.err());
    }

    @Test
    void evalRnnlmRejectsTheOtherModelsParameters(@TempDir Path dir) {
        Path file = dir.resolve("BetterRnnlm.params");
        new BetterRnnlm(405, 4, 4, 0.5, new dl2.common.Rng(1)).saveParams(file, java.util.Map.of());
        Run eval = run(new EvalRnnlm(), "--params", file.toString(), "--data", "builtin");
        assertEquals(2, eval.code());
        assertTrue(eval.err().contains(file + " holds BetterRnnlm parameters, not Rnnlm parameters (BetterRnnlm parameters come from `./dl2 train-better-rnnlm`)"), eval.err());
    }

    @Test
    void evalRnnlmRejectsAnotherVocabulary(@TempDir Path dir) {
        Path file = dir.resolve("Rnnlm.params");
        new Rnnlm(50, 4, 4, new dl2.common.Rng(1)).saveParams(file, java.util.Map.of());
        Run eval = run(new EvalRnnlm(), "--params", file.toString(), "--data", "builtin");
        assertEquals(2, eval.code());
        assertTrue(eval.err().contains("vocabulary of 50 words"), eval.err());
    }

    @Test
    void betterRnnlmResumesWithTheSameNumbers(@TempDir Path dir) throws Exception {
        String[] tiny = {"--data", "builtin", "--wordvec-size", "3", "--hidden-size", "3", "--eval-interval", "1000"};
        Path whole = dir.resolve("whole");
        Path parts = dir.resolve("parts");
        Run uninterrupted = run(new TrainBetterRnnlm(), concat(tiny, "--epochs", "3", "--out", whole.toString()));
        assertEquals(0, uninterrupted.code(), uninterrupted.err());
        Run first = run(new TrainBetterRnnlm(), concat(tiny, "--epochs", "2", "--out", parts.toString()));
        assertEquals(0, first.code(), first.err());
        Run resumed = run(new TrainBetterRnnlm(), concat(tiny, "--epochs", "3", "--resume", "--out", parts.toString()));
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming from " + parts.resolve(TrainBetterRnnlm.CHECKPOINT) + " after epoch 2"), resumed.out());
        assertTrue(!resumed.out().contains("| epoch 2 |"), "epochs 1-2 are not trained again: " + resumed.out());

        List<String> expected = Files.readAllLines(whole.resolve("metrics.csv"));
        assertEquals("epoch,iter,perplexity,val_perplexity,lr", expected.get(0));
        assertEquals(4, expected.size());
        assertEquals(expected, Files.readAllLines(parts.resolve("metrics.csv")));
        assertEquals(testPerplexity(uninterrupted.out()), testPerplexity(resumed.out()));
        assertEquals(Files.readAllBytes(whole.resolve("BetterRnnlm.params")).length, Files.readAllBytes(parts.resolve("BetterRnnlm.params")).length);
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(whole.resolve(TrainBetterRnnlm.CHECKPOINT)),
                Files.readAllBytes(parts.resolve(TrainBetterRnnlm.CHECKPOINT))), "the same final checkpoint, byte for byte");
    }

    @Test
    void resumeWithoutCheckpointOrWithOtherSettingsIsAUserError(@TempDir Path dir) {
        Run none = run(new TrainBetterRnnlm(), "--data", "builtin", "--wordvec-size", "3", "--hidden-size", "3", "--resume",
                "--out", dir.toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("--resume: there is no checkpoint"), none.err());

        Run mismatch = run(new TrainBetterRnnlm(), "--data", "builtin", "--wordvec-size", "3", "--hidden-size", "4");
        assertEquals(2, mismatch.code());
        assertTrue(mismatch.err().contains("must equal --hidden-size"), mismatch.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
