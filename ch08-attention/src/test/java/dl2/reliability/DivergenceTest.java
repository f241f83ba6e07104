package dl2.reliability;

import dl2.ch06.DigitsLstm;
import dl2.ch06.RnnlmKind;
import dl2.ch06.RnnlmModel;
import dl2.ch06.TrainBetterRnnlm;
import dl2.ch06.TrainRnnlm;
import dl2.ch07.CompareAddition;
import dl2.ch07.TrainSeq2seq;
import dl2.ch08.CompareSeq2seq;
import dl2.ch08.TrainAttention;
import dl2.common.Tensor;
import dl2.common.demo.TwoLayerNetDemo;
import dl2.common.io.ParamsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Numerical faults: every training program stops at the first loss or gradient that is not finite, exits with
 * code 2 and one sentence naming the epoch and iteration, and leaves on disk only good (finite) parameters. The
 * NaN is injected with a learning rate of 1e308 and no clipping: the first update makes the weights huge, the
 * next forward pass overflows. For the programs that resume, the checkpoint of a good epoch gets that learning
 * rate, so the run diverges in the epoch after it, and the checkpoint and best parameters must stay untouched.
 */
class DivergenceTest {
    private static final String HUGE_LR = "1e308";

    @TempDir
    Path dir;

    private String out(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void demoSavesTheParametersFromBeforeTheDivergingIteration() throws IOException {
        ProgramRun r = ProgramRun.of(new TwoLayerNetDemo(), "--lr", HUGE_LR, "--epochs", "3", "--out", out("demo"))
                .assertUserError("training diverged at epoch ");
        Path params = dir.resolve("demo/params.bin");
        assertTrue(r.message().contains("; the parameters from before that iteration are saved in " + params
                + "; try a smaller learning rate or gradient clipping"), r.message());
        ParamsFile.Contents saved = ParamsFile.read(params);
        assertTrue(saved.meta().get("diverged_at").startsWith("epoch "), saved.meta().toString());
        saved.tensors().values().forEach(DivergenceTest::assertFinite);
    }

    @Test
    void trainRnnlmSavesTheLastGoodParametersWhereGenerateTextReadsThem() {
        ProgramRun r = ProgramRun.of(new TrainRnnlm(), "--data", Fixtures.path("ptb"), "--lr", HUGE_LR, "--max-grad", "0",
                "--wordvec-size", "3", "--hidden-size", "3", "--batch-size", "5", "--time-size", "5", "--out", out("rnnlm"))
                .assertUserError("training diverged at epoch 1, iteration ");
        Path params = dir.resolve("rnnlm/Rnnlm.params");
        assertTrue(r.message().contains("the parameters from before that iteration are saved in " + params), r.message());
        RnnlmModel model = RnnlmKind.RNNLM.load(params);
        model.params().forEach(DivergenceTest::assertFinite);
    }

    @Test
    void trainBetterRnnlmKeepsTheCheckpointAndBestParametersOfTheGoodEpoch() throws IOException {
        Path run = copyRun("better-run", "checkpoint.params", "BetterRnnlm.params");
        Path checkpoint = run.resolve("checkpoint.params");
        withLearningRate(checkpoint, HUGE_LR);
        byte[] checkpointBytes = Files.readAllBytes(checkpoint);
        byte[] bestBytes = Files.readAllBytes(run.resolve("BetterRnnlm.params"));

        List<String> args = new ArrayList<>(Fixtures.BETTER_ARGS);
        args.addAll(List.of("--data", Fixtures.path("ptb"), "--epochs", "2", "--resume", "--out", run.toString()));
        ProgramRun r = ProgramRun.of(new TrainBetterRnnlm(), args.toArray(String[]::new))
                .assertUserError("training diverged at epoch 2, iteration ");
        assertTrue(r.message().contains(checkpoint + " keeps the parameters after epoch 1 and " + run.resolve("BetterRnnlm.params")
                + " the best ones (epoch 1)"), r.message());
        assertArrayEquals(checkpointBytes, Files.readAllBytes(checkpoint));
        assertArrayEquals(bestBytes, Files.readAllBytes(run.resolve("BetterRnnlm.params")));
        assertEquals(2, Files.readAllLines(run.resolve("metrics.csv")).size(), "the header and epoch 1");
    }

    @Test
    void trainAttentionKeepsTheCheckpointOfTheGoodEpoch() throws IOException {
        Path run = copyRun("att-run", "checkpoint.bin", "params.bin", "metrics.csv");
        Path checkpoint = run.resolve("checkpoint.bin");
        withLearningRate(checkpoint, HUGE_LR);
        byte[] checkpointBytes = Files.readAllBytes(checkpoint);
        byte[] paramsBytes = Files.readAllBytes(run.resolve("params.bin"));

        List<String> args = new ArrayList<>(Fixtures.ATTENTION_ARGS);
        args.addAll(List.of("--data", Fixtures.path("date.txt"), "--epochs", "2", "--resume", "--out", run.toString()));
        ProgramRun r = ProgramRun.of(new TrainAttention(), args.toArray(String[]::new)).assertUserError("training diverged at epoch 2, iteration ");
        assertTrue(r.message().contains(run.resolve("params.bin") + " and " + checkpoint + " keep the parameters after epoch 1"), r.message());
        assertArrayEquals(checkpointBytes, Files.readAllBytes(checkpoint));
        assertArrayEquals(paramsBytes, Files.readAllBytes(run.resolve("params.bin")));
        assertEquals(2, Files.readAllLines(run.resolve("metrics.csv")).size(), "the header and epoch 1");
    }

    @Test
    void theOtherTrainingProgramsStopWithTheSentence() {
        String add = Fixtures.path("add.txt");
        String date = Fixtures.path("date.txt");
        ProgramRun.of(new DigitsLstm(), "--lr", HUGE_LR, "--hidden-size", "4", "--epochs", "1", "--out", out("digits"))
                .assertUserError("training diverged at epoch 1, iteration ");
        ProgramRun.of(new TrainSeq2seq(), "--data", add, "--lr", HUGE_LR, "--max-grad", "0", "--hidden-size", "4",
                "--wordvec-size", "3", "--batch-size", "32", "--epochs", "1", "--out", out("seq2seq"))
                .assertUserError("training diverged at epoch 1, iteration ");
        ProgramRun.of(new CompareAddition(), "--data", add, "--lr", HUGE_LR, "--max-grad", "0", "--hidden-size", "4",
                "--wordvec-size", "3", "--batch-size", "32", "--epochs", "1", "--out", out("compare-addition"))
                .assertUserError("training diverged at epoch 1, iteration ");
        ProgramRun.of(new TrainAttention(), "--data", date, "--lr", HUGE_LR, "--max-grad", "0", "--hidden-size", "4",
                "--wordvec-size", "3", "--batch-size", "32", "--epochs", "1", "--out", out("attention"))
                .assertUserError("training diverged at epoch 1, iteration ");
        ProgramRun.of(new CompareSeq2seq(), "--data", date, "--lr", HUGE_LR, "--max-grad", "0", "--hidden-size", "4",
                "--wordvec-size", "3", "--batch-size", "32", "--epochs", "1", "--out", out("compare-seq2seq"))
                .assertUserError("training diverged at epoch 1, iteration ");
        assertFalse(Files.exists(dir.resolve("attention/checkpoint.bin")), "no epoch finished, so there is no checkpoint");
        assertFalse(Files.exists(dir.resolve("attention/params.bin")), "no epoch finished, so there are no parameters");
    }

    /** Copies files of a fixture run into a folder of this test. */
    private Path copyRun(String fixture, String... files) throws IOException {
        Path run = Files.createDirectories(dir.resolve(fixture));
        for (String f : files) {
            Files.copy(Fixtures.dir().resolve(fixture).resolve(f), run.resolve(f));
        }
        return run;
    }

    /** Rewrites a checkpoint with another learning rate, as if the run had been started with it. */
    private static void withLearningRate(Path checkpoint, String lr) {
        ParamsFile.Contents c = ParamsFile.read(checkpoint);
        Map<String, String> meta = new LinkedHashMap<>(c.meta());
        assertTrue(meta.containsKey("checkpoint.lr"), meta.toString());
        meta.put("checkpoint.lr", lr);
        ParamsFile.save(checkpoint, c.modelId(), meta, c.tensors());
    }

    private static void assertFinite(Tensor t) {
        for (double v : t.data) {
            assertTrue(Double.isFinite(v), "a saved parameter is " + v);
        }
    }
}
