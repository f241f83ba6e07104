package dl2.ch07;

import dl2.ch06.BetterRnnlm;
import dl2.ch06.Rnnlm;
import dl2.common.Rng;
import dl2.common.cli.Programs;
import dl2.common.io.ParamsFile;
import dl2.dataset.ptb.Corpus;
import dl2.dataset.ptb.PtbSource;
import dl2.dataset.sequence.AdditionGenerator;
import dl2.dataset.sequence.Sequence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chapter-7 programs end to end on tiny data: exit codes, printed sentences and the files they write. */
class ProgramsTest {
    @TempDir
    static Path dir;
    static Path additions;
    static Path rnnlmParams;
    static Path betterParams;
    static Corpus builtin;

    /** What a program printed and returned. */
    record Run(int code, String out, String err) {
    }

    static Run run(Object program, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Programs.run(program, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void files() {
        additions = dir.resolve("addition.txt");
        Sequence.write(additions, AdditionGenerator.generate(3, 400));
        builtin = PtbSource.resolve(PtbSource.BUILTIN).load("train");
        Rnnlm model = new Rnnlm(builtin.vocabSize(), 8, 8, new Rng(1));
        rnnlmParams = dir.resolve("Rnnlm.params");
        model.saveParams(rnnlmParams, Map.of());
        betterParams = dir.resolve("BetterRnnlm.params");
        new BetterRnnlm(builtin.vocabSize(), 8, 8, 0.5, new Rng(2)).saveParams(betterParams, Map.of());
    }

    @Test
    void generateTextWithoutParametersNamesTheCommandThatMakesThem() {
        Run r = run(new GenerateText(), "--params", dir.resolve("none/Rnnlm.params").toString(), "--data", "builtin");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("no parameters file at " + dir.resolve("none/Rnnlm.params")), r.err());
        assertTrue(r.err().contains("./dl2 train-rnnlm"), r.err());
    }

    @Test
    void generateBetterTextWithoutParametersNamesItsTrainingCommand() {
        Run r = run(new GenerateBetterText(), "--params", dir.resolve("none/BetterRnnlm.params").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("./dl2 train-better-rnnlm"), r.err());
    }

    @Test
    void generateTextRejectsAnUnknownStartWord() {
        Run r = run(new GenerateText(), "--params", rnnlmParams.toString(), "--data", "builtin", "--start-word", "zebra");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--start-word: the word 'zebra' is not in the vocabulary"), r.err());
    }

    @Test
    void generateTextRejectsParametersOfAnotherModel() {
        Run r = run(new GenerateBetterText(), "--params", rnnlmParams.toString(), "--data", "builtin");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("holds Rnnlm parameters, not BetterRnnlm parameters"), r.err());
    }

    @Test
    void generateTextSamplesTheRequestedNumberOfWordsTheSameForTheSameSeed() {
        String[] args = {"--params", rnnlmParams.toString(), "--data", "builtin", "--start-word", "the", "--length", "30", "--seed", "5"};
        Run a = run(new GenerateText(), args);
        Run b = run(new GenerateText(), args);
        assertEquals(0, a.code(), a.err());
        assertEquals(a.out(), b.out());
        String text = a.out().substring(a.out().indexOf("\n\n") + 2);
        assertTrue(text.startsWith("the "), text);
        String[] words = text.replace(".\n", " <eos> ").trim().split("\\s+");
        assertEquals(30, words.length, text);
        for (String w : words) {
            assertTrue(!w.equals("N") && !w.equals("<unk>"), "skipped word sampled: " + text);
        }
    }

    @Test
    void generateBetterTextContinuesThePrompt() {
        Run r = run(new GenerateBetterText(), "--params", betterParams.toString(), "--data", "builtin", "--start-word", "a",
                "--length", "12", "--prompt", "the stock");
        assertEquals(0, r.code(), r.err());
        String[] parts = r.out().split("-{50}\\R");
        assertEquals(2, parts.length, r.out());
        assertTrue(parts[0].contains("\n\na "), r.out());
        assertTrue(parts[1].startsWith("the stock"), r.out());
        assertEquals(13, parts[1].replace(".\n", " <eos> ").trim().split("\\s+").length, r.out());
    }

    @Test
    void trainSeq2seqWritesMetricsPlotAndParameters() throws Exception {
        Path out = dir.resolve("train");
        Run r = run(new TrainSeq2seq(), "--data", additions.toString(), "--epochs", "2", "--hidden-size", "8",
                "--batch-size", "32", "--reverse", "--peeky", "--marks", "plain", "--shown", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals("epoch,loss,val_acc", metrics.get(0));
        assertEquals(3, metrics.size());
        assertTrue(metrics.get(2).startsWith("2,"), metrics.get(2));
        List<String> timing = Files.readAllLines(out.resolve("timing.csv"));
        assertEquals("epoch,seconds", timing.get(0));
        assertEquals(3, timing.size());
        assertTrue(timing.get(2).matches("2,[0-9.E-]+"), timing.get(2));
        assertTrue(Files.exists(out.resolve("checkpoint.params")));
        assertTrue(Files.size(out.resolve("accuracy.png")) > 0);
        assertTrue(r.out().contains("val acc "), r.out());
        assertEquals(4, r.out().lines().filter(l -> l.startsWith("[ok] ") || l.startsWith("[NG] ")).count(), r.out());
        assertTrue(r.out().contains("train-seq2seq (reversed + peeky): val acc"), r.out());

        PeekySeq2seq fresh = new PeekySeq2seq(13, 16, 8, new Rng(99));
        Map<String, String> meta = ParamsFile.load(out.resolve("reversed_peeky.params"), "PeekySeq2seq", fresh.params());
        assertEquals("true", meta.get("reversed"));
        assertEquals("2", meta.get("epoch"));
    }

    @Test
    void compareAdditionHasAColumnPerVariant() throws Exception {
        Path out = dir.resolve("compare");
        Run r = run(new CompareAddition(), "--data", additions.toString(), "--epochs", "1", "--hidden-size", "6",
                "--batch-size", "64", "--shown", "0", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals("epoch,val_acc_plain,val_acc_reversed,val_acc_reversed_peeky,loss_plain,loss_reversed,loss_reversed_peeky",
                metrics.get(0));
        assertEquals(2, metrics.size());
        List<String> timing = Files.readAllLines(out.resolve("timing.csv"));
        assertEquals(List.of("epoch", "seconds_plain", "seconds_reversed", "seconds_reversed_peeky"), List.of(timing.get(0).split(",")));
        assertEquals(2, timing.size());
        for (String key : List.of("plain", "reversed", "reversed_peeky")) {
            assertTrue(Files.exists(out.resolve(key + ".params")), key);
            assertTrue(Files.exists(out.resolve("checkpoint_" + key + ".params")), key);
        }
        assertTrue(r.out().contains("plain: val acc"), r.out());
        assertTrue(r.out().contains("reversed + peeky: val acc"), r.out());
    }

    @Test
    void showAdditionDatasetPrintsShapesSamplesAndVocabulary() {
        Run r = run(new ShowAdditionDataset(), "--data", additions.toString(), "--samples", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("x_train (360, 7)  t_train (360, 5)"), r.out());
        assertTrue(r.out().contains("x_test  (40, 7)  t_test  (40, 5)"), r.out());
        assertTrue(r.out().contains("t_train[1] ["), r.out());
        assertTrue(r.out().contains("vocabulary (13 characters):"), r.out());
    }

    @Test
    void badValuesAreUserErrors() {
        assertEquals(2, run(new TrainSeq2seq(), "--epochs", "0").code());
        assertEquals(2, run(new TrainSeq2seq(), "--marks", "loud").code());
        Run missing = run(new TrainSeq2seq(), "--data", dir.resolve("nope.txt").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.txt"), missing.err());
    }
}
