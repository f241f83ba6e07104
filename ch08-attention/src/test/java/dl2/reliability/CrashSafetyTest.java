package dl2.reliability;

import dl2.common.Tensor;
import dl2.common.io.ParamsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash safety of parameter files and checkpoints (both are written by {@link ParamsFile}: a temporary file,
 * forced to disk, then renamed over the target): a real crash, not a simulated one. A separate JVM saves two
 * sets of parameters over one file in turn and is killed ({@code SIGKILL}, no shutdown hooks, no finally blocks)
 * at a different moment in each round; after each kill the file must read back completely and hold exactly one
 * of the two sets. ({@code ParamsFileTest} in common also stops between the two steps of a save by hand.)
 */
class CrashSafetyTest {
    private static final int ROUNDS = 4;

    @TempDir
    Path dir;

    @Test
    void aSaveKilledAtAnyMomentLeavesTheWholeOldOrTheWholeNewFile() throws Exception {
        Path file = dir.resolve("model.params");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int round = 0; round < ROUNDS; round++) {
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SaveLoop.class.getName(), file.toString())
                    .redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                assertEquals("saved", out.readLine(), "the child process did not start saving");
                Thread.sleep(40L + 70L * round);   // kill it a little later every round, in the middle of some save
                p.destroyForcibly();
                assertTrue(p.waitFor() != 0, "killed");
            }

            ParamsFile.Contents c = ParamsFile.read(file);
            String version = c.meta().get("version");
            List<Tensor> expected = SaveLoop.params(version);
            List<Tensor> saved = List.copyOf(c.tensors().values());
            assertEquals(expected.size(), saved.size());
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i).data, saved.get(i).data, "round " + round + ", version " + version + ", tensor " + i);
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.count() <= 1 + ROUNDS, "at most one temporary file is left behind per crash");
        }
    }
}
