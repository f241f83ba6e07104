package dl2.common.demo;

import dl2.common.GradientChecker;
import dl2.common.IntTensor;
import dl2.common.Rng;
import dl2.common.Tensor;
import dl2.common.cli.Programs;
import dl2.common.io.ParamsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TwoLayerNetDemoTest {
    private static String run(Path out, String... extra) {
        StringWriter sw = new StringWriter(), err = new StringWriter();
        String[] args = new String[extra.length + 2];
        args[0] = "--out";
        args[1] = out.toString();
        System.arraycopy(extra, 0, args, 2, extra.length);
        int code = Programs.run(new TwoLayerNetDemo(), new PrintWriter(sw), new PrintWriter(err), args);
        assertEquals(0, code, err.toString());
        return sw.toString();
    }

    @Test
    void runsEndToEndWritingMetricsPlotsAndParameters(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("demo");
        String printed = run(out, "--epochs", "2");
        assertTrue(printed.startsWith("| epoch 1 |  iter 1 / 10 | time "), printed);
        assertTrue(printed.contains("train accuracy "), printed);

        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(3, metrics.size());
        assertEquals("epoch,loss", metrics.get(0));
        double firstLoss = Double.parseDouble(metrics.get(1).substring(2));
        assertTrue(metrics.get(1).startsWith("1,") && firstLoss > 1.0 && firstLoss < 1.3, metrics.get(1));   // near ln 3 = 1.0986
        assertTrue(metrics.get(2).startsWith("2,"), metrics.get(2));

        BufferedImage loss = ImageIO.read(out.resolve("loss.png").toFile());
        assertEquals(800, loss.getWidth());
        BufferedImage boundary = ImageIO.read(out.resolve("decision-boundary.png").toFile());
        assertEquals(DecisionBoundary.SIZE, boundary.getWidth());

        TwoLayerNet fresh = new TwoLayerNet(2, 10, 3, new Rng(99));
        Map<String, String> meta = ParamsFile.load(out.resolve("params.bin"), "TwoLayerNet", fresh.params());
        assertEquals("10", meta.get("hidden"));
    }

    @Test
    void sameSeedGivesByteIdenticalMetrics(@TempDir Path tmp) throws Exception {
        run(tmp.resolve("a"), "--epochs", "3", "--seed", "5");
        run(tmp.resolve("b"), "--epochs", "3", "--seed", "5");
        run(tmp.resolve("c"), "--epochs", "3", "--seed", "6");
        byte[] a = Files.readAllBytes(tmp.resolve("a/metrics.csv"));
        assertArrayEquals(a, Files.readAllBytes(tmp.resolve("b/metrics.csv")));
        assertTrue(!java.util.Arrays.equals(a, Files.readAllBytes(tmp.resolve("c/metrics.csv"))));
    }

    @Test
    void learnsTheSpiralWithTheBooksSettings(@TempDir Path tmp) {
        String printed = run(tmp, "--epochs", "300");
        String summary = printed.substring(printed.indexOf("train accuracy ") + 15);
        double accuracy = Double.parseDouble(summary.substring(0, summary.indexOf(' ')));
        assertTrue(accuracy > 0.9, "accuracy " + accuracy);
    }

    @Test
    void spiralHasThreeArmsOfAHundredPoints() {
        Spiral.Data d = Spiral.load(new Rng(1984));
        assertArrayEquals(new int[] {300, 2}, d.x().shape);
        int[] counts = new int[3];
        for (int i = 0; i < 300; i++) {
            counts[d.t().data[i]]++;
            double r = Math.hypot(d.x().data[2 * i], d.x().data[2 * i + 1]);
            assertEquals((i % 100) / 100.0, r, 1e-12, "radius grows along each arm");
        }
        assertArrayEquals(new int[] {100, 100, 100}, counts);
    }

    @Test
    void gradientsOfTheNetAreRight() {
        Rng rng = new Rng(3);
        TwoLayerNet net = new TwoLayerNet(2, 4, 3, rng);
        for (Tensor p : net.params()) {
            for (int i = 0; i < p.data.length; i++) {
                p.data[i] = rng.randn();   // larger than 0.01 so that every path matters
            }
        }
        Tensor x = Tensor.randn(rng, 1, 5, 2);
        IntTensor t = new IntTensor(new int[] {0, 2, 1, 1, 0}, 5);
        net.forward(x, t);
        net.backward();
        GradientChecker.withDefaults().check(() -> net.forward(x, t), GradientChecker.paramEntries(net)).assertPassed();
    }
}
