package dl2.reliability;

import dl2.ch06.BetterRnnlm;
import dl2.ch06.Rnnlm;
import dl2.ch06.TrainBetterRnnlm;
import dl2.ch08.TrainAttention;
import dl2.common.Rng;
import dl2.dataset.ptb.BuiltinCorpus;
import dl2.dataset.ptb.Ptb;
import dl2.dataset.sequence.AdditionGenerator;
import dl2.dataset.sequence.DateGenerator;
import dl2.dataset.sequence.Sequence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Small data and trained files the reliability tests share, made once per test JVM in a temporary folder
 * (deleted when the JVM exits):
 * <ul>
 *   <li>{@code ptb/}: a 3 000-word PTB folder written from the builtin grammar (valid and test are its first sentences);</li>
 *   <li>{@code add.txt}, {@code date.txt}: 300 generated addition and date questions in the book's format;</li>
 *   <li>{@code rnnlm.params}, {@code better.params}: untrained Rnnlm / BetterRnnlm parameters over the ptb vocabulary
 *       (D = H = 3); {@code rnnlm-v50.params}: an Rnnlm of another vocabulary (50 words);</li>
 *   <li>{@code better-run/}: one epoch of {@code train-better-rnnlm} on {@code ptb/} ({@code checkpoint.params},
 *       {@code BetterRnnlm.params}), with {@link #BETTER_ARGS};</li>
 *   <li>{@code att-run/}: one epoch of {@code train-attention} on {@code date.txt} ({@code checkpoint.bin},
 *       {@code params.bin}), with {@link #ATTENTION_ARGS}.</li>
 * </ul>
 */
final class Fixtures {
    /** The options of the tiny train-better-rnnlm runs (add --out and --epochs). */
    static final List<String> BETTER_ARGS = List.of("--wordvec-size", "3", "--hidden-size", "3", "--batch-size", "5",
            "--time-size", "5", "--eval-interval", "1000");
    /** The options of the tiny train-attention runs (add --data, --out and --epochs). */
    static final List<String> ATTENTION_ARGS = List.of("--hidden-size", "4", "--wordvec-size", "3", "--batch-size", "32",
            "--eval-interval", "1000");

    private static Path dir;

    private Fixtures() {
    }

    /** The folder, made on first use. */
    static synchronized Path dir() {
        if (dir == null) {
            try {
                dir = make(Files.createTempDirectory("dl2-reliability"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path made = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(made)));
        }
        return dir;
    }

    /** {@code dir().resolve(name)} as a string, for program arguments. */
    static String path(String name) {
        return dir().resolve(name).toString();
    }

    /** Writes a PTB folder of {@code words} words from the builtin grammar; valid and test are its first tenth. */
    static void writePtb(Path folder, long seed, int words) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String w : BuiltinCorpus.generate(seed, words)) {
            if (w.equals(Ptb.EOS)) {
                lines.add(line.toString());
                line.setLength(0);
            } else {
                line.append(line.length() == 0 ? "" : " ").append(w);
            }
        }
        Files.createDirectories(folder);
        Files.write(folder.resolve("ptb.train.txt"), lines);
        List<String> heldOut = lines.subList(0, lines.size() / 10);
        Files.write(folder.resolve("ptb.valid.txt"), heldOut);
        Files.write(folder.resolve("ptb.test.txt"), heldOut);
    }

    private static Path make(Path d) throws IOException {
        Path ptb = d.resolve("ptb");
        writePtb(ptb, 7, 3000);
        Sequence.write(d.resolve("add.txt"), AdditionGenerator.generate(3, 300));
        Sequence.write(d.resolve("date.txt"), DateGenerator.generate(3, 300));

        int vocab = Ptb.load(ptb, "train").vocabSize();
        new Rnnlm(vocab, 3, 3, new Rng(1)).saveParams(d.resolve("rnnlm.params"), Map.of());
        new BetterRnnlm(vocab, 3, 3, 0.5, new Rng(1)).saveParams(d.resolve("better.params"), Map.of());
        new Rnnlm(50, 3, 3, new Rng(1)).saveParams(d.resolve("rnnlm-v50.params"), Map.of());

        List<String> better = new ArrayList<>(BETTER_ARGS);
        better.addAll(List.of("--data", ptb.toString(), "--epochs", "1", "--out", d.resolve("better-run").toString()));
        ProgramRun.of(new TrainBetterRnnlm(), better.toArray(String[]::new)).assertSuccess();
        List<String> attention = new ArrayList<>(ATTENTION_ARGS);
        attention.addAll(List.of("--data", d.resolve("date.txt").toString(), "--epochs", "1", "--out", d.resolve("att-run").toString()));
        ProgramRun.of(new TrainAttention(), attention.toArray(String[]::new)).assertSuccess();
        return d;
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
