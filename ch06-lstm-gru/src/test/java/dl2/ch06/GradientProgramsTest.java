package dl2.ch06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dl2.common.cli.Programs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two small programs of 6.1: rnn-gradient-graph and clip-grads. */
class GradientProgramsTest {

    private static String run(Object program, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Programs.run(program, new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(0, code, err.toString());
        return out.toString();
    }

    @Test
    void gradientGraphPrintsBothCurvesAndDrawsThem(@TempDir Path dir) throws Exception {
        String out = run(new RnnGradientGraph(), "--out", dir.toString());
        assertTrue(out.contains("with seed " + GradientNormDemo.SEED), "the book-like default seed: " + out);
        String[] lines = out.split("\n");
        String[] first = lines[5].trim().split("\\s+");
        String[] last = lines[24].trim().split("\\s+");
        assertEquals("1", first[0]);
        assertEquals("20", last[0]);
        assertTrue(Double.parseDouble(last[1]) > 100 * Double.parseDouble(first[1]), "exploding: " + lines[5] + " / " + lines[24]);
        assertTrue(Double.parseDouble(last[2]) < Double.parseDouble(first[2]) / 100, "vanishing: " + lines[5] + " / " + lines[24]);
        assertTrue(Files.size(dir.resolve("gradient-norm.png")) > 1000);
    }

    @Test
    void clipGradsPrintsBeforeAndAfter(@TempDir Path dir) {
        String out = run(new ClipGrads(), "--out", dir.toString());
        assertTrue(out.contains("dW1 before: ["), out);
        assertTrue(out.contains("dW2 after:  ["), out);
        assertTrue(out.contains("global norm after 5.0000"), out);
    }

    @Test
    void badOptionIsAUserError() {
        StringWriter err = new StringWriter();
        int code = Programs.run(new ClipGrads(), new PrintWriter(new StringWriter()), new PrintWriter(err), "--max-norm", "-1");
        assertEquals(2, code);
        assertTrue(err.toString().contains("--max-norm"), err.toString());
    }
}
