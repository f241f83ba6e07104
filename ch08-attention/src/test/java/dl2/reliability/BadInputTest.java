package dl2.reliability;

import dl2.ch06.ClipGrads;
import dl2.ch06.DigitsLstm;
import dl2.ch06.EvalRnnlm;
import dl2.ch06.RnnGradientGraph;
import dl2.ch06.TrainBetterRnnlm;
import dl2.ch06.TrainRnnlm;
import dl2.ch07.CompareAddition;
import dl2.ch07.GenerateBetterText;
import dl2.ch07.GenerateText;
import dl2.ch07.ShowAdditionDataset;
import dl2.ch07.TrainSeq2seq;
import dl2.ch08.CompareSeq2seq;
import dl2.ch08.ConvertDate;
import dl2.ch08.TrainAttention;
import dl2.ch08.VisualizeAttention;
import dl2.common.demo.TwoLayerNetDemo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input everywhere a user can give it, for every program of common, ch06, ch07 and ch08 (ch05's are in
 * ch05-rnn's {@code dl2.reliability} tests, since this module does not depend on it): each row runs a program
 * in-process after creating its files, and checks that it ends with exit code 2 and one line {@code error: …}
 * naming the file, line, option or value, with no stack trace, and that every file that was on disk before the
 * run (among them a {@code metrics.csv} of an earlier run in the {@code --out} folder) is byte for byte the same
 * after it.
 *
 * <p>In arguments, file specs and expected messages, {@code {dir}} is the row's own empty folder and
 * {@code {fix}} the shared {@link Fixtures} folder; a row without {@code --out} gets {@code --out {dir}/out}.
 * A file spec is text to write, or {@code @dir} (a folder), {@code @binary} (bytes that are not UTF-8),
 * {@code @copy:NAME} (a copy of a fixture) or {@code @head:N:NAME} (its first N bytes, a truncated file).
 */
class BadInputTest {
    /** An earlier run's metrics.csv, which no failed run may touch. */
    private static final String SENTINEL = "epoch,loss\n1,0.5\n";
    private static final String ROW = "0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,"
            + "0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,0,1,2,3,4,5,6,7,8,9,10,11,12";   // 64 pixels

    @TempDir
    Path dir;

    /** One row of the table: a program, its arguments, the files to create first, the exit code and a piece of the error line. */
    record Case(String name, Supplier<Object> program, List<String> args, Map<String, String> files, int code, String expected) {
        Case with(String file, String spec) {
            Map<String, String> f = new LinkedHashMap<>(files);
            f.put(file, spec);
            return new Case(name, program, args, f, code, expected);
        }

        Case expect(String message) {
            return new Case(name, program, args, files, code, message);
        }

        @Override
        public String toString() {
            return name + " " + String.join(" ", args) + (files.isEmpty() ? "" : " " + files.keySet());
        }
    }

    static Case run(String name, Supplier<Object> program, String... args) {
        return new Case(name, program, List.of(args), Map.of(), 2, "");
    }

    static Stream<Case> cases() {
        String ptb = "{fix}/ptb";
        String csvRule = "each row must be 64 integers 0-16 then the label 0-9";
        return Stream.of(
                // options, every program's own and the common ones
                run("demo-two-layer-net", TwoLayerNetDemo::new, "--epochs", "-1").expect("--epochs must be at least 1, got -1"),
                run("demo-two-layer-net", TwoLayerNetDemo::new, "--epochs", "many")
                        .expect("Invalid value for option '--epochs': 'many' is not an int; run 'demo-two-layer-net --help' to see the options"),
                run("demo-two-layer-net", TwoLayerNetDemo::new, "--epoch", "3").expect("Unknown options: '--epoch', '3' (did you mean --epochs?)"),
                run("demo-two-layer-net", TwoLayerNetDemo::new, "--lr", "NaN").expect("--lr must be a positive number, got NaN"),
                run("demo-two-layer-net", TwoLayerNetDemo::new, "--threads", "0").expect("--threads must be at least 1, got 0"),
                run("demo-two-layer-net", TwoLayerNetDemo::new, "--seed", "1.5").expect("Invalid value for option '--seed': '1.5' is not a long"),
                run("demo-two-layer-net", TwoLayerNetDemo::new, "--batch-size", "1000")
                        .expect("the batch size 1000 is larger than the 300 training samples; use a smaller --batch-size"),
                run("demo-two-layer-net", TwoLayerNetDemo::new, "--out", "{dir}/taken").with("taken", "a file")
                        .expect("cannot create the output folder {dir}/taken (--out): a file of that name is in the way"),
                run("demo-two-layer-net", TwoLayerNetDemo::new, "--out", "{dir}/taken/sub").with("taken", "a file")
                        .expect("cannot create the output folder {dir}/taken/sub (--out)"),
                run("demo-two-layer-net", TwoLayerNetDemo::new, "--out", "").expect("--out is empty"),
                run("demo-two-layer-net", TwoLayerNetDemo::new, "--epochs", "1", "--out", "{dir}/o").with("o/metrics.csv", "@dir")
                        .expect("cannot write {dir}/o/metrics.csv: a folder of that name is in the way"),
                run("train-attention", TrainAttention::new, "--out", "{dir}/taken").with("taken", "a file")
                        .expect("cannot create the output folder {dir}/taken (--out)"),

                // PTB folders
                run("train-rnnlm", TrainRnnlm::new, "--data", "{dir}/nowhere").expect("no folder {dir}/nowhere with the Penn Treebank files"),
                run("train-rnnlm", TrainRnnlm::new, "--data", "{dir}/p.txt").with("p.txt", "the cat\n")
                        .expect("{dir}/p.txt is a file, not a folder with the Penn Treebank files; give its folder"),
                run("train-rnnlm", TrainRnnlm::new, "--data", "{dir}/p").with("p", "@dir").expect("no file {dir}/p/ptb.train.txt"),
                run("train-rnnlm", TrainRnnlm::new, "--data", "{dir}/p").with("p/ptb.train.txt", "\n\n")
                        .expect("{dir}/p/ptb.train.txt has no words"),
                run("train-rnnlm", TrainRnnlm::new, "--data", "{dir}/p").with("p/ptb.train.txt", "@binary")
                        .expect("{dir}/p/ptb.train.txt is not UTF-8 text"),
                run("train-rnnlm", TrainRnnlm::new, "--data", "{dir}/p").with("p/ptb.train.txt", "the cat sat\n")
                        .with("p/ptb.test.txt", "the cat\nthe zebra sat\n")
                        .expect("{dir}/p/ptb.test.txt line 2: word 'zebra' is not in the vocabulary of ptb.train.txt"),
                run("train-rnnlm", TrainRnnlm::new, "--data", ptb, "--batch-size", "5000")
                        .expect("input words (all but its last) are too few for batches of 5000 rows of 35 time steps; use a smaller --batch-size or --time-size"),
                run("train-rnnlm", TrainRnnlm::new, "--max-grad", "-1").expect("--max-grad must be 0 or a positive number, got -1.0"),

                // train-better-rnnlm and its checkpoint
                run("train-better-rnnlm", TrainBetterRnnlm::new, "--wordvec-size", "4", "--hidden-size", "5")
                        .expect("--wordvec-size (4) must equal --hidden-size (5) because the embedding and output weights are tied"),
                run("train-better-rnnlm", TrainBetterRnnlm::new, "--dropout", "1").expect("--dropout must be at least 0.0 and below 1.0, got 1.0"),
                better("--resume").expect("--resume: there is no checkpoint {dir}/out/checkpoint.params"),
                better("--resume", "--batch-size", "10").with("out/checkpoint.params", "@copy:better-run/checkpoint.params")
                        .expect("--resume: {dir}/out/checkpoint.params was made with batch_size = 5, not 10; resume with the options of that run"),
                better("--resume", "--wordvec-size", "4", "--hidden-size", "4").with("out/checkpoint.params", "@copy:better-run/checkpoint.params")
                        .expect("was made with wordvec_size = 3, not 4"),
                better("--resume").with("out/checkpoint.params", "@head:3000:better-run/checkpoint.params")
                        .expect("{dir}/out/checkpoint.params is truncated"),
                better("--resume").with("out/checkpoint.params", "@copy:better-run/BetterRnnlm.params")
                        .expect("{dir}/out/checkpoint.params is a parameters file, not a checkpoint"),

                // parameters files given to eval-rnnlm
                eval("{dir}/none.params").expect("no parameters file at {dir}/none.params; run `./dl2 train-rnnlm` first to make it"),
                eval("{dir}/p").with("p", "@dir").expect("{dir}/p is a folder, not a dl2 parameters file"),
                eval("{dir}/p").with("p", "").expect("{dir}/p is not a dl2 parameters file (it does not start with DL2P)"),
                eval("{dir}/p").with("p", "@head:1000:rnnlm.params").expect("{dir}/p is truncated or damaged"),
                eval("{dir}/p").with("p", "@head:9000:rnnlm.params")
                        .expect("{dir}/p is truncated (was the save interrupted?); make it again with `./dl2 train-rnnlm`"),
                eval("{fix}/better.params").expect("holds BetterRnnlm parameters, not Rnnlm parameters"),
                eval("{fix}/att-run/params.bin").expect("holds AttentionSeq2seq parameters, not Rnnlm parameters"),
                eval("{fix}/rnnlm-v50.params").expect("{fix}/rnnlm-v50.params was trained on a vocabulary of 50 words but"),
                run("eval-rnnlm", EvalRnnlm::new, "--model", "better", "--params", "{fix}/better-run/checkpoint.params", "--data", ptb)
                        .expect("is a training checkpoint, not a parameters file; give the BetterRnnlm.params"),
                run("eval-rnnlm", EvalRnnlm::new, "--model", "gru").expect("Invalid value for option '--model'"),
                run("eval-rnnlm", EvalRnnlm::new, "--split", "train").expect("--split must be test or valid, got train"),

                // the gradient demos
                run("rnn-gradient-graph", RnnGradientGraph::new, "--time-size", "3000")
                        .expect("outside the range of a double, so it cannot be drawn on a log scale; use --time-size"),
                run("rnn-gradient-graph", RnnGradientGraph::new, "--scale", "1e-320").expect("is 0.0 at step 1"),
                run("rnn-gradient-graph", RnnGradientGraph::new, "--scale", "0").expect("--scale must be a positive number, got 0.0"),
                run("clip-grads", ClipGrads::new, "--max-norm", "-5").expect("--max-norm must be a positive number, got -5.0"),

                // optdigits CSV files
                digits("{dir}/none.csv").expect("no file {dir}/none.csv"),
                digits("{dir}/d").with("d", "@dir").expect("{dir}/d is a directory, not a file"),
                digits("{dir}/d.csv").with("d.csv", "").expect("{dir}/d.csv has no rows; " + csvRule),
                digits("{dir}/d.csv").with("d.csv", ROW + ",3\n" + ROW.substring(2) + ",1\n")
                        .expect("{dir}/d.csv line 2: 64 fields instead of 65; " + csvRule),
                digits("{dir}/d.csv").with("d.csv", ROW + ",x\n").expect("{dir}/d.csv line 1, field 65: 'x' is not an integer"),
                digits("{dir}/d.csv").with("d.csv", ROW.replaceFirst("^0,", "17,") + ",3\n")
                        .expect("{dir}/d.csv line 1, field 1: pixel value 17 is outside 0-16"),
                digits("{dir}/d.csv").with("d.csv", ROW + ",3\n\n" + ROW + ",4\n").expect("{dir}/d.csv line 2 is empty"),
                digits("{dir}/d.csv").with("d.csv", ROW + ",3\n\"1,2\n").expect("{dir}/d.csv could not be read"),
                digits("{dir}/d.csv").with("d.csv", "@binary").expect("{dir}/d.csv is not UTF-8 text"),
                digits("{dir}/d.csv").with("d.csv", ROW + ",3\n").expect("{dir}/d.csv has only 1 image, too few to keep 20% for validation"),
                digits("{dir}/d.csv").with("d.csv", ROW + ",3\n" + ROW + ",4\n" + ROW + ",5\n")
                        .expect("the batch size 100 is larger than the 2 training samples"),
                run("digits-lstm", DigitsLstm::new, "--lr", "-0.1").expect("--lr must be a positive number, got -0.1"),

                // question_answer files
                addition("{dir}/none.txt").expect("no file {dir}/none.txt; give the path of addition.txt or date.txt"),
                addition("{dir}/q").with("q", "@dir").expect("{dir}/q is a directory, not a file"),
                addition("{dir}/q.txt").with("q.txt", "").expect("{dir}/q.txt is empty; each line must be question_answer"),
                addition("{dir}/q.txt").with("q.txt", "1+1    _2  \n2+2    _4  \n3+3    6   \n")
                        .expect("{dir}/q.txt line 3 (\"3+3    6   \"): no '_' separates question and answer"),
                addition("{dir}/q.txt").with("q.txt", "_2  \n").expect("{dir}/q.txt line 1 (\"_2  \"): the question before '_' is empty"),
                addition("{dir}/q.txt").with("q.txt", "1+1    _2  \n22+2   _24  \n")
                        .expect("{dir}/q.txt line 2 (\"22+2   _24  \"): question width 7 and answer width 5 differ from line 1's 7 and 4"),
                addition("{dir}/q.txt").with("q.txt", "@binary").expect("{dir}/q.txt is not UTF-8 text"),
                addition("{dir}/q.txt").with("q.txt", "1+1    _2  \n2+2    _4  \n3+3    _6  \n")
                        .expect("{dir}/q.txt has only 3 questions; the last tenth of the lines is the test set, so give at least 10 lines"),
                run("show-addition-dataset", ShowAdditionDataset::new, "--samples", "-1").expect("--samples must be 0 or more, got -1"),
                run("train-seq2seq", TrainSeq2seq::new, "--data", "{dir}/none.txt").expect("no file {dir}/none.txt"),
                run("train-seq2seq", TrainSeq2seq::new, "--marks", "fancy").expect("Invalid value for option '--marks'"),
                run("train-seq2seq", TrainSeq2seq::new, "--max-grad", "-1").expect("--max-grad must be 0 or a positive number, got -1.0"),
                run("train-seq2seq", TrainSeq2seq::new, "--data", "{fix}/add.txt", "--batch-size", "1000", "--hidden-size", "3")
                        .expect("the batch size 1000 is larger than the 270 training samples"),
                run("compare-addition", CompareAddition::new, "--epochs", "0").expect("--epochs must be at least 1, got 0"),

                // text generation from chapter 6's parameters
                run("generate-text", GenerateText::new, "--params", "{dir}/none.params")
                        .expect("no parameters file at {dir}/none.params; run `./dl2 train-rnnlm` first to make it"),
                run("generate-text", GenerateText::new, "--params", "{fix}/better.params", "--data", ptb)
                        .expect("holds BetterRnnlm parameters, not Rnnlm parameters (BetterRnnlm parameters come from `./dl2 train-better-rnnlm`)"),
                run("generate-text", GenerateText::new, "--params", "{fix}/rnnlm.params", "--data", ptb, "--start-word", "zebra")
                        .expect("--start-word: the word 'zebra' is not in the vocabulary of"),
                run("generate-text", GenerateText::new, "--params", "{fix}/rnnlm.params", "--data", "builtin")
                        .expect("was trained on a vocabulary of"),
                run("generate-text", GenerateText::new, "--length", "0").expect("--length must be at least 1, got 0"),
                run("generate-better-text", GenerateBetterText::new, "--params", "{fix}/better.params", "--data", ptb,
                        "--start-word", "the", "--prompt", "the zebra").expect("--prompt: the word 'zebra' is not in the vocabulary"),
                run("generate-better-text", GenerateBetterText::new, "--params", "{dir}/p", "--data", ptb)
                        .with("p", "@head:2000:better.params").expect("{dir}/p is truncated"),

                // chapter 8: the attention model's files
                run("train-attention", TrainAttention::new, "--data", "{dir}/none.txt").expect("no file {dir}/none.txt"),
                run("train-attention", TrainAttention::new, "--data", "{dir}/d.txt").with("d.txt", "9/27/94    _1994-09-27\n")
                        .expect("{dir}/d.txt has only 1 question"),
                run("train-attention", TrainAttention::new, "--layers", "0").expect("--layers must be at least 1, got 0"),
                attention("--resume").expect("--resume: there is no checkpoint {dir}/out/checkpoint.bin; start the training without --resume"),
                attention("--resume").with("out/checkpoint.bin", "@head:5000:att-run/checkpoint.bin").expect("{dir}/out/checkpoint.bin is truncated"),
                attention("--resume", "--hidden-size", "5").with("out/checkpoint.bin", "@copy:att-run/checkpoint.bin")
                        .expect("--resume: {dir}/out/checkpoint.bin was made with hidden_size = 4, not 5; resume with the options of that run"),
                attention("--resume", "--batch-size", "16").with("out/checkpoint.bin", "@copy:att-run/checkpoint.bin")
                        .expect("--resume: {dir}/out/checkpoint.bin was made with batch_size = 32, not 16"),
                attention("--batch-size", "1000").expect("the batch size 1000 is larger than the 270 training samples"),
                run("visualize-attention", VisualizeAttention::new, "--params", "{dir}/none.bin")
                        .expect("no trained model at {dir}/none.bin; run `./dl2 train-attention` first"),
                run("visualize-attention", VisualizeAttention::new, "--params", "{fix}/rnnlm.params")
                        .expect("{fix}/rnnlm.params holds Rnnlm parameters, not AttentionSeq2seq parameters; give the params.bin"),
                run("convert-date", ConvertDate::new, "--params", "{fix}/att-run/checkpoint.bin", "9/27/94")
                        .expect("{fix}/att-run/checkpoint.bin is a training checkpoint, not a parameters file; give the params.bin"
                                + " that `./dl2 train-attention` saves beside it after every epoch"),
                run("visualize-attention", VisualizeAttention::new, "--params", "{dir}/p.bin").with("p.bin", "@head:4000:att-run/params.bin")
                        .expect("{dir}/p.bin is truncated"),
                run("visualize-attention", VisualizeAttention::new, "--params", "{fix}/att-run/params.bin", "--data", "{fix}/add.txt")
                        .expect("{fix}/add.txt has another vocabulary than the model was trained on"),
                run("visualize-attention", VisualizeAttention::new, "--count", "0").expect("--count must be at least 1, got 0"),
                run("visualize-attention", VisualizeAttention::new, "--params", "{fix}/att-run/params.bin", "--count", "1000")
                        .expect("--count 1000 is more than the 30 test questions of "),
                run("compare-seq2seq", CompareSeq2seq::new, "--hidden-size", "0").expect("--hidden-size must be at least 1, got 0"),
                run("convert-date", ConvertDate::new, "--params", "{fix}/att-run/params.bin").expect("Missing required parameter: 'DATE'"),
                run("convert-date", ConvertDate::new, "--params", "{fix}/att-run/params.bin", " ").expect("the date is empty"),
                run("convert-date", ConvertDate::new, "--params", "{fix}/att-run/params.bin", "9/27/94€")
                        .expect("the character '€' (position 8 of \"9/27/94€\") is not one the model knows"),
                run("convert-date", ConvertDate::new, "--params", "{fix}/att-run/params.bin", "Wednesday, September 27, 19945")
                        .expect("has 30 characters but the model reads at most 29"),
                run("convert-date", ConvertDate::new, "--params", "{dir}", "9/27/94").expect("{dir} is a folder, not a dl2 parameters file"));
    }

    private static Case better(String... args) {
        List<String> base = new ArrayList<>(Fixtures.BETTER_ARGS);
        base.addAll(List.of("--data", "{fix}/ptb", "--epochs", "2"));
        return run("train-better-rnnlm", TrainBetterRnnlm::new, merge(base, args));
    }

    private static Case eval(String params) {
        return run("eval-rnnlm", EvalRnnlm::new, "--params", params, "--data", "{fix}/ptb");
    }

    private static Case digits(String csv) {
        return run("digits-lstm", DigitsLstm::new, "--data", csv, "--epochs", "1", "--hidden-size", "2");
    }

    private static Case addition(String file) {
        return run("show-addition-dataset", ShowAdditionDataset::new, "--data", file);
    }

    private static Case attention(String... args) {
        List<String> base = new ArrayList<>(Fixtures.ATTENTION_ARGS);
        base.addAll(List.of("--data", "{fix}/date.txt", "--epochs", "2"));
        return run("train-attention", TrainAttention::new, merge(base, args));
    }

    /** {@code base} with {@code overrides}: an option in both takes the override's value; a flag (no value) is added. */
    static String[] merge(List<String> base, String... overrides) {
        List<String> all = new ArrayList<>(base);
        for (int i = 0; i < overrides.length; i++) {
            boolean flag = i + 1 == overrides.length || overrides[i + 1].startsWith("--");
            int at = all.indexOf(overrides[i]);
            if (flag) {
                all.add(overrides[i]);
            } else if (at >= 0) {
                all.set(at + 1, overrides[++i]);
            } else {
                all.add(overrides[i]);
                all.add(overrides[++i]);
            }
        }
        return all.toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void endsWithExitTwoAndOneSentenceAndDamagesNothing(Case c) throws IOException {
        Path fix = Fixtures.dir();
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("out/metrics.csv"), SENTINEL);
        for (Map.Entry<String, String> f : c.files().entrySet()) {
            create(dir.resolve(f.getKey()), f.getValue(), fix);
        }
        List<String> args = new ArrayList<>();
        for (String a : c.args()) {
            args.add(expand(a, fix));
        }
        if (!args.contains("--out")) {
            args.addAll(List.of("--out", dir.resolve("out").toString()));
        }
        Map<Path, byte[]> before = snapshot(dir);
        Map<Path, byte[]> fixturesBefore = snapshot(fix);

        ProgramRun run = ProgramRun.of(c.program().get(), args.toArray(String[]::new));
        assertEquals(c.code(), run.code(), () -> run.command() + "\n" + run.out() + run.err());
        run.assertUserError(expand(c.expected(), fix));

        assertUnchanged(before, snapshot(dir));
        assertUnchanged(fixturesBefore, snapshot(fix));
    }

    /** Every file of {@code before} is still there with the same bytes. */
    private static void assertUnchanged(Map<Path, byte[]> before, Map<Path, byte[]> after) {
        before.forEach((file, bytes) -> {
            assertTrue(after.containsKey(file), file + " was removed");
            assertArrayEquals(bytes, after.get(file), file + " was changed");
        });
    }

    private String expand(String s, Path fix) {
        return s.replace("{dir}", dir.toString()).replace("{fix}", fix.toString());
    }

    private static void create(Path file, String spec, Path fix) throws IOException {
        if (spec.equals("@dir")) {
            Files.createDirectories(file);
            return;
        }
        Files.createDirectories(file.getParent());
        if (spec.equals("@binary")) {
            Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 'x', '\n'});
        } else if (spec.startsWith("@copy:")) {
            Files.copy(fix.resolve(spec.substring("@copy:".length())), file);
        } else if (spec.startsWith("@head:")) {
            String[] parts = spec.split(":", 3);
            byte[] all = Files.readAllBytes(fix.resolve(parts[2]));
            Files.write(file, Arrays.copyOf(all, Math.min(all.length - 1, Integer.parseInt(parts[1]))));
        } else {
            Files.writeString(file, spec);
        }
    }

    /** Every regular file under {@code root} with its bytes. */
    private static Map<Path, byte[]> snapshot(Path root) throws IOException {
        Map<Path, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(p, Files.readAllBytes(p));
            }
        }
        return files;
    }
}
