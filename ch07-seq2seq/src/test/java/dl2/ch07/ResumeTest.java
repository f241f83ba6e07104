package dl2.ch07;

import dl2.common.Tensor;
import dl2.common.io.ParamsFile;
import dl2.dataset.sequence.AdditionGenerator;
import dl2.dataset.sequence.Sequence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dl2.ch07.ProgramsTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Determinism and resuming of train-seq2seq and compare-addition on tiny data (H 8, D 4, so that the
 * vectorised LSTM step is used): the same seed gives byte-identical files, and a run stopped after an epoch and
 * resumed with {@code --resume} gives exactly the files of the uninterrupted run, however it was stopped.
 */
class ResumeTest {
    private static final List<String> TINY = List.of("--hidden-size", "8", "--wordvec-size", "4", "--batch-size", "32",
            "--marks", "plain", "--shown", "1");

    @TempDir
    static Path dir;
    static String additions;

    @BeforeAll
    static void data() {
        Path file = dir.resolve("addition.txt");
        Sequence.write(file, AdditionGenerator.generate(5, 400));
        additions = file.toString();
    }

    /** The tiny options, {@code --data}, then {@code more}; an option of {@code more} replaces the tiny one of that name. */
    private static String[] args(String... more) {
        List<String> all = new ArrayList<>(TINY);
        all.addAll(List.of("--data", additions));
        for (int i = 0; i < more.length; i++) {
            int at = TINY.indexOf(more[i]);
            if (at >= 0 && at % 2 == 0 && i + 1 < more.length) {   // an option of TINY (names at even places)
                all.set(at + 1, more[++i]);
            } else {
                all.add(more[i]);
            }
        }
        return all.toArray(String[]::new);
    }

    private static ProgramsTest.Run ok(Object program, String... args) {
        ProgramsTest.Run r = run(program, args);
        assertEquals(0, r.code(), r.err());
        return r;
    }

    private static void assertSameFiles(Path a, Path b, String... files) throws IOException {
        for (String f : files) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f + " differs between " + a + " and " + b);
        }
    }

    @Test
    void trainSeq2seqGivesTheSameFilesForTheSameSeedAndWhenResumed() throws IOException {
        Path full = dir.resolve("full");
        Path again = dir.resolve("again");
        ok(new TrainSeq2seq(), args("--reverse", "--peeky", "--epochs", "2", "--out", full.toString()));
        ok(new TrainSeq2seq(), args("--reverse", "--peeky", "--epochs", "2", "--out", again.toString()));
        String[] files = {"metrics.csv", "reversed_peeky.params", "checkpoint.params"};
        assertSameFiles(full, again, files);

        Path parts = dir.resolve("parts");
        ok(new TrainSeq2seq(), args("--reverse", "--peeky", "--epochs", "1", "--out", parts.toString()));
        ProgramsTest.Run resumed = ok(new TrainSeq2seq(), args("--reverse", "--peeky", "--epochs", "2", "--resume", "--out", parts.toString()));
        assertTrue(resumed.out().contains("resumed from " + parts.resolve("checkpoint.params") + " after epoch 1"), resumed.out());
        assertEquals(1, resumed.out().lines().filter(l -> l.startsWith("[ok] ") || l.startsWith("[NG] ")).count(), "only epoch 2 is trained");
        assertSameFiles(full, parts, files);
        assertEquals(3, Files.readAllLines(parts.resolve("timing.csv")).size(), "the header, epoch 1 and epoch 2");

        List<String> metrics = Files.readAllLines(full.resolve("metrics.csv"));
        assertEquals("epoch,loss,val_acc", metrics.get(0));
        assertTrue(!metrics.get(1).split(",")[1].equals(metrics.get(2).split(",")[1]), "the loss changes from epoch to epoch: " + metrics);
    }

    @Test
    void aRunStoppedWhileWritingARowOfTheNextEpochResumesWithoutRepeatingIt() throws IOException {
        Path full = dir.resolve("row-full");
        ok(new TrainSeq2seq(), args("--epochs", "2", "--out", full.toString()));
        Path stopped = dir.resolve("row-stopped");
        ok(new TrainSeq2seq(), args("--epochs", "1", "--out", stopped.toString()));
        String metricsBefore = Files.readString(stopped.resolve("metrics.csv"));
        // rows after the checkpoint of epoch 1, the last one cut short, as a run stopped at that moment would leave them
        Files.writeString(stopped.resolve("metrics.csv"), "2,2.5,0\n3,2.4", StandardOpenOption.APPEND);
        Files.writeString(stopped.resolve("timing.csv"), "2,1.5\n3,1", StandardOpenOption.APPEND);

        ok(new TrainSeq2seq(), args("--epochs", "2", "--resume", "--out", stopped.toString()));
        assertSameFiles(full, stopped, "metrics.csv", "plain.params", "checkpoint.params");
        assertTrue(Files.readString(stopped.resolve("metrics.csv")).startsWith(metricsBefore));
        List<String> timing = Files.readAllLines(stopped.resolve("timing.csv"));
        assertEquals(3, timing.size(), timing.toString());
        assertTrue(timing.get(2).startsWith("2,") && !timing.get(2).equals("2,1.5"), timing.toString());
    }

    @Test
    void compareAdditionResumesEveryModelFromItsOwnCheckpoint() throws IOException {
        Path full = dir.resolve("compare-full");
        ok(new CompareAddition(), args("--epochs", "2", "--out", full.toString()));
        Path stopped = dir.resolve("compare-stopped");
        ok(new CompareAddition(), args("--epochs", "1", "--out", stopped.toString()));
        // stopped in epoch 2 after the plain model had saved its epoch 2, before the other two
        for (String f : List.of("checkpoint_plain.params", "plain.params")) {
            Files.copy(full.resolve(f), stopped.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }

        ProgramsTest.Run resumed = ok(new CompareAddition(), args("--epochs", "2", "--resume", "--out", stopped.toString()));
        assertTrue(resumed.out().contains("plain: resumed from " + stopped.resolve("checkpoint_plain.params") + " after epoch 2"), resumed.out());
        assertTrue(resumed.out().contains("reversed + peeky: resumed from " + stopped.resolve("checkpoint_reversed_peeky.params")
                + " after epoch 1"), resumed.out());
        assertTrue(!resumed.out().contains("plain: val acc"), "the plain model is not trained again: " + resumed.out());
        assertSameFiles(full, stopped, "metrics.csv", "plain.params", "reversed.params", "reversed_peeky.params",
                "checkpoint_plain.params", "checkpoint_reversed.params", "checkpoint_reversed_peeky.params");
        String[] epoch2 = Files.readAllLines(stopped.resolve("timing.csv")).get(2).split(",", -1);
        assertEquals(List.of("2", ""), List.of(epoch2[0], epoch2[1]), "epoch 2 of the plain model was not timed by the resumed run");
        assertTrue(!epoch2[2].isEmpty() && !epoch2[3].isEmpty(), String.join(",", epoch2));
    }

    @Test
    void resumingRefusesOtherSettingsAndNamesTheOneThatDiffers() throws IOException {
        Path run = dir.resolve("settings");
        ok(new TrainSeq2seq(), args("--reverse", "--peeky", "--epochs", "1", "--out", run.toString()));
        byte[] checkpoint = Files.readAllBytes(run.resolve("checkpoint.params"));
        Path file = run.resolve("checkpoint.params");
        Map<List<String>, String> cases = new LinkedHashMap<>();
        cases.put(List.of("--reverse", "--peeky", "--hidden-size", "6"), "was made with hidden_size = 8, not 6");
        cases.put(List.of("--reverse"), "was made with model = PeekySeq2seq, not Seq2seq");
        cases.put(List.of("--peeky"), "was made with reversed = true, not false");
        cases.put(List.of("--reverse", "--peeky", "--lr", "0.01"), "was made with lr = 0.001, not 0.01");
        cases.put(List.of("--reverse", "--peeky", "--batch-size", "16"), "was made with batch_size = 32, not 16");
        cases.put(List.of("--reverse", "--peeky", "--seed", "7"), "was made with seed = 1984, not 7");
        cases.forEach((options, expected) -> {
            List<String> all = new ArrayList<>(options);
            all.addAll(List.of("--epochs", "2", "--resume", "--out", run.toString()));
            ProgramsTest.Run r = run(new TrainSeq2seq(), args(all.toArray(String[]::new)));
            assertEquals(2, r.code(), options + ": " + r.err());
            assertEquals("error: --resume: " + file + " " + expected + "; resume with the options of that run", r.err().strip());
        });
        assertArrayEquals(checkpoint, Files.readAllBytes(file));

        ProgramsTest.Run none = run(new TrainSeq2seq(), args("--epochs", "2", "--resume", "--out", dir.resolve("empty").toString()));
        assertEquals(2, none.code());
        assertEquals("error: --resume: there is no checkpoint " + dir.resolve("empty/checkpoint.params")
                + "; start the training without --resume (or give the --out folder of the run to continue)", none.err().strip());

        ProgramsTest.Run complete = ok(new TrainSeq2seq(), args("--reverse", "--peeky", "--epochs", "1", "--resume", "--out", run.toString()));
        assertTrue(complete.out().contains("the checkpoint is already at epoch 1 of 1; ask for more with --epochs"), complete.out());
        assertArrayEquals(checkpoint, Files.readAllBytes(file));
    }

    @Test
    void divergenceKeepsTheCheckpointAndParametersOfTheLastGoodEpoch() throws IOException {
        Path run = dir.resolve("diverge");
        ok(new TrainSeq2seq(), args("--max-grad", "0", "--epochs", "1", "--out", run.toString()));
        Path checkpoint = run.resolve("checkpoint.params");
        ParamsFile.Contents c = ParamsFile.read(checkpoint);
        Map<String, String> meta = new LinkedHashMap<>(c.meta());
        meta.put("checkpoint.lr", "1e308");   // as if epoch 2 were trained with a learning rate that overflows
        ParamsFile.save(checkpoint, c.modelId(), meta, c.tensors());
        byte[] checkpointBytes = Files.readAllBytes(checkpoint);
        byte[] paramsBytes = Files.readAllBytes(run.resolve("plain.params"));

        ProgramsTest.Run r = run(new TrainSeq2seq(), args("--max-grad", "0", "--epochs", "2", "--resume", "--out", run.toString()));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("error: training diverged at epoch 2, iteration "), r.err());
        assertTrue(r.err().contains("; " + run.resolve("plain.params") + " and the checkpoint " + checkpoint
                + " keep the parameters after epoch 1; try a smaller learning rate or gradient clipping"), r.err());
        assertArrayEquals(checkpointBytes, Files.readAllBytes(checkpoint));
        assertArrayEquals(paramsBytes, Files.readAllBytes(run.resolve("plain.params")));
        assertEquals(2, Files.readAllLines(run.resolve("metrics.csv")).size(), "the header and epoch 1");
        for (Tensor t : ParamsFile.read(run.resolve("plain.params")).tensors().values()) {
            for (double v : t.data) {
                assertTrue(Double.isFinite(v), "a kept parameter is " + v);
            }
        }
    }
}
