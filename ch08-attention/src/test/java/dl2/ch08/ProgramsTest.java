package dl2.ch08;

import dl2.common.Rng;
import dl2.common.cli.Programs;
import dl2.common.io.ParamsFile;
import dl2.dataset.sequence.DateGenerator;
import dl2.dataset.sequence.Sequence;
import dl2.dataset.sequence.SequenceData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The four programs of chapter 8 end to end on tiny settings, and convert-date's user errors (exit 2, one sentence). */
class ProgramsTest {
    @TempDir
    Path dir;
    private Path params;

    /** What a program printed and returned. */
    private record Run(int code, String out, String err) {
    }

    private static Run run(Object program, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Programs.run(program, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** An untrained model over the vocabulary of 2 000 generated dates, saved as train-attention saves it. */
    @BeforeEach
    void saveAnUntrainedModel() {
        Path data = dir.resolve("dates2000.txt");
        Sequence.write(data, DateGenerator.generate(5, 2000));
        SequenceData dates = Sequence.load(data, 5);
        AttentionSeq2seq model = new AttentionSeq2seq(dates.vocabSize(), 4, 5, new Rng(1));
        params = dir.resolve("params.bin");
        new DateModel(model, dates.idToChar(), dates.questionWidth(), dates.answerWidth(), 4, 5, 1, false, true,
                data.toString(), 5).save(params, Map.of());
    }

    @Test
    void convertDatePrintsTenCharactersAndDrawsTheHeatMap() {
        Run r = run(new ConvertDate(), "9/27/94", "--params", params.toString(), "--out", dir.resolve("c").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(10, r.out().lines().findFirst().orElseThrow().length());
        assertTrue(Files.exists(dir.resolve("c/attention.png")));
    }

    @Test
    void convertDateNamesAnUnknownCharacter() {
        Run r = run(new ConvertDate(), "september 27, 1994 ½", "--params", params.toString(), "--out", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("the character '½' (position 20"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void convertDateNamesTheLengthOfATooLongInput() {
        Run r = run(new ConvertDate(), "Wednesday, September 27, 19945", "--params", params.toString(), "--out", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("has 30 characters but the model reads at most 29"), r.err());
    }

    @Test
    void convertDateWithoutParametersSaysWhichCommandMakesThem() {
        Run r = run(new ConvertDate(), "9/27/94", "--params", dir.resolve("none/params.bin").toString(), "--out", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("run `./dl2 train-attention` first"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void convertDateRejectsAnotherModelsFile() throws IOException {
        Path other = dir.resolve("other.bin");
        Files.writeString(other, "not parameters");
        Run r = run(new ConvertDate(), "9/27/94", "--params", other.toString(), "--out", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: "), r.err());
    }

    @Test
    void visualizeAttentionDrawsOnePngPerQuestionAndAnOverview() {
        Run r = run(new VisualizeAttention(), "--params", params.toString(), "--count", "2", "--out", dir.resolve("v").toString());
        assertEquals(0, r.code(), r.err());
        for (String f : List.of("attention-1.png", "attention-2.png", "attention-overview.png")) {
            assertTrue(Files.exists(dir.resolve("v").resolve(f)), f);
        }
        assertTrue(r.out().contains("strongest input per output character"), r.out());
    }

    @Test
    void trainAttentionWritesMetricsPlotAndParametersAndResumes() throws IOException {
        Path data = dir.resolve("date.txt");
        Sequence.write(data, DateGenerator.generate(7, 300));
        Path out = dir.resolve("t");
        String[] common = {"--data", data.toString(), "--hidden-size", "6", "--wordvec-size", "4", "--batch-size", "32",
                "--out", out.toString(), "--eval-interval", "100"};
        Run first = run(new TrainAttention(), concat(common, "--epochs", "1"));
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("epoch 1: val acc"), first.out());
        assertTrue(first.out().contains("Q "), "the first questions are shown: " + first.out());
        for (String f : List.of("metrics.csv", "accuracy.png", "params.bin", "checkpoint.bin")) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        Run resumed = run(new TrainAttention(), concat(common, "--epochs", "2", "--resume"));
        assertEquals(0, resumed.code(), resumed.err());
        List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals("epoch,loss,val_acc", rows.get(0));
        assertEquals(3, rows.size(), rows.toString());
        assertTrue(rows.get(2).startsWith("2,"), rows.toString());
        assertEquals("2", ParamsFile.read(out.resolve("params.bin")).meta().get("epochs"));

        // The same two epochs in one go give the very same numbers.
        Path straight = dir.resolve("straight");
        String[] once = concat(common, "--epochs", "2");
        once[Arrays.asList(once).indexOf("--out") + 1] = straight.toString();
        assertEquals(0, run(new TrainAttention(), once).code());
        assertEquals(rows, Files.readAllLines(straight.resolve("metrics.csv")));
    }

    @Test
    void compareSeq2seqWritesOneColumnPerModel() throws IOException {
        Path data = dir.resolve("date.txt");
        Sequence.write(data, DateGenerator.generate(8, 200));
        Path out = dir.resolve("cmp");
        Run r = run(new CompareSeq2seq(), "--data", data.toString(), "--hidden-size", "5", "--wordvec-size", "3",
                "--batch-size", "32", "--epochs", "2", "--out", out.toString(), "--eval-interval", "100");
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(List.of("epoch,seq2seq,peeky,attention"), rows.subList(0, 1));
        assertEquals(3, rows.size());
        assertTrue(Files.exists(out.resolve("accuracy.png")));
    }

    @Test
    void aBadOptionExitsWithTwo() {
        assertEquals(2, run(new TrainAttention(), "--epochs", "0", "--out", dir.toString()).code());
        assertEquals(2, run(new VisualizeAttention(), "--count", "0", "--params", params.toString()).code());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
