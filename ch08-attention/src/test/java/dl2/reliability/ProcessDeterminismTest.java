package dl2.reliability;

import dl2.ch06.TrainBetterRnnlm;
import dl2.ch08.TrainAttention;
import dl2.common.io.ParamsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Determinism across processes, as a user sees it: the same command run twice in two fresh JVMs (each with its
 * own JIT history, hash seeds and thread timing, started as {@code ./dl2} starts them, with the Vector API) gives
 * byte-identical metrics and checkpoints; and so does a JVM limited to 256-bit vectors ({@code -XX:UseAVX=2}, as on
 * a CPU without AVX-512) against one using the CPU's widest (on a machine whose widest are 256 bits, both are the same).
 */
class ProcessDeterminismTest {
    @TempDir
    Path dir;

    /** Runs {@code mainClass} with {@code args} plus {@code --out} in a new JVM, twice, and returns the two folders. */
    private Path[] twiceInNewJvms(Class<?> mainClass, List<String> args) throws IOException, InterruptedException {
        return twiceInNewJvms(mainClass, args, List.of());
    }

    /**
     * {@link #twiceInNewJvms(Class, List)}, the second JVM started with {@code secondJvmOptions} too (on x86 only:
     * elsewhere HotSpot does not know the options this class gives).
     */
    private Path[] twiceInNewJvms(Class<?> mainClass, List<String> args, List<String> secondJvmOptions) throws IOException, InterruptedException {
        Path[] outs = {dir.resolve("a"), dir.resolve("b")};
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (Path out : outs) {
            List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true"));
            if (out == outs[1]) {
                command.addAll(secondJvmOptions);
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
            command.addAll(args);
            command.addAll(List.of("--out", out.toString()));
            Path log = dir.resolve(out.getFileName() + ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertEquals(0, p.waitFor(), () -> String.join(" ", command) + "\n" + read(log));
        }
        return outs;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void assertSameBytes(Path[] outs, String file) throws IOException {
        assertArrayEquals(Files.readAllBytes(outs[0].resolve(file)), Files.readAllBytes(outs[1].resolve(file)), file + " differs");
    }

    @Test
    void trainBetterRnnlm() throws Exception {
        Path[] outs = twiceInNewJvms(TrainBetterRnnlm.class, List.of(BadInputTest.merge(Fixtures.BETTER_ARGS,
                "--data", Fixtures.path("ptb"), "--wordvec-size", "8", "--hidden-size", "8", "--epochs", "2")));
        for (String f : List.of("metrics.csv", TrainBetterRnnlm.CHECKPOINT, "BetterRnnlm.params")) {
            assertSameBytes(outs, f);
        }
    }

    /** params.bin is compared by content: its metadata entries come in an order that may change from JVM to JVM. */
    @Test
    void trainAttention() throws Exception {
        Path[] outs = twiceInNewJvms(TrainAttention.class, List.of(BadInputTest.merge(Fixtures.ATTENTION_ARGS,
                "--data", Fixtures.path("date.txt"), "--hidden-size", "8", "--epochs", "2")));
        assertSameBytes(outs, "metrics.csv");
        assertSameBytes(outs, "checkpoint.bin");
        ParamsFile.Contents a = ParamsFile.read(outs[0].resolve("params.bin"));
        ParamsFile.Contents b = ParamsFile.read(outs[1].resolve("params.bin"));
        assertEquals(a.meta(), b.meta());
        assertEquals(a.tensors().keySet(), b.tensors().keySet());
        a.tensors().forEach((name, t) -> assertArrayEquals(t.data, b.tensors().get(name).data, name));
    }

    /**
     * Hidden size 12: the LSTM's {@code tanh(c)} rows (12 values) and the softmax over the date characters end in
     * a tail that is not a whole vector of 8 doubles, but is one of 4, and the attention's dot products run over
     * 12 values; before the kernels went through such rows in groups of 8 whatever the vector width, these runs
     * differed in their last digits.
     */
    @Test
    void theSameNumbersWithNarrowerVectors() throws Exception {
        assertSameWith256BitVectors(TrainAttention.class, BadInputTest.merge(Fixtures.ATTENTION_ARGS,
                "--data", Fixtures.path("date.txt"), "--wordvec-size", "5", "--hidden-size", "12", "--epochs", "2"),
                "metrics.csv", "checkpoint.bin");
    }

    @Test
    void theSameNumbersWithNarrowerVectorsInALanguageModel() throws Exception {
        assertSameWith256BitVectors(TrainBetterRnnlm.class, BadInputTest.merge(Fixtures.BETTER_ARGS,
                "--data", Fixtures.path("ptb"), "--wordvec-size", "12", "--hidden-size", "12", "--epochs", "2"),
                "metrics.csv", TrainBetterRnnlm.CHECKPOINT);
    }

    /** Runs the program in a JVM with the CPU's widest vectors and in one limited to 256 bits; compares {@code files}. */
    private void assertSameWith256BitVectors(Class<?> mainClass, String[] args, String... files) throws Exception {
        assumeTrue(isX86(), "-XX:UseAVX is an x86 option");
        Path[] outs = twiceInNewJvms(mainClass, List.of(args), List.of("-XX:UseAVX=2"));
        for (String f : files) {
            assertSameBytes(outs, f);
        }
    }

    private static boolean isX86() {
        String arch = System.getProperty("os.arch");
        return arch.equals("amd64") || arch.equals("x86_64");
    }
}
