package dl2.dataset.digits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitsTest {
    private static final int PIXELS = Digits.SIDE * Digits.SIDE;

    @Test
    void generatorIsDeterministicPerSeed() {
        Digits a = DigitsGenerator.generate(11, 20);
        Digits b = DigitsGenerator.generate(11, 20);
        Digits c = DigitsGenerator.generate(12, 20);
        assertArrayEquals(a.images().data, b.images().data);
        assertArrayEquals(a.labels(), b.labels());
        assertFalse(Arrays.equals(a.images().data, c.images().data));
    }

    @Test
    void generatedImagesAreBalancedIntegers0To16() {
        Digits d = DigitsGenerator.generate(1, 50);
        assertEquals(500, d.size());
        assertArrayEquals(new int[] {500, 8, 8}, d.images().shape);
        int[] perClass = new int[Digits.CLASSES];
        for (int label : d.labels()) {
            perClass[label]++;
        }
        int[] fifty = new int[Digits.CLASSES];
        Arrays.fill(fifty, 50);
        assertArrayEquals(fifty, perClass);
        for (double v : d.images().data) {
            assertTrue(v >= 0 && v <= 16 && v == Math.rint(v), "value " + v);
        }
        for (int i = 0; i < d.size(); i++) {
            double ink = 0;
            for (int p = 0; p < PIXELS; p++) {
                ink += d.images().data[i * PIXELS + p];
            }
            assertTrue(ink > 64 && ink < 16 * 40, "image " + i + " has a stroke, not a blot: " + ink);
        }
    }

    /**
     * The classes differ but are not trivial: the nearest class mean is right most of the time, not always
     * (an LSTM does better; the classic run reaches about 0.9+ validation accuracy).
     */
    @Test
    void nearestMeanClassifierIsGoodButNotPerfect() {
        Digits.Split split = DigitsGenerator.generate(2, 100).split(0.8, 0);
        double[][] mean = new double[Digits.CLASSES][PIXELS];
        Digits train = split.train();
        for (int i = 0; i < train.size(); i++) {
            for (int p = 0; p < PIXELS; p++) {
                mean[train.labels()[i]][p] += train.images().data[i * PIXELS + p] / 80;
            }
        }
        Digits val = split.validation();
        int right = 0;
        for (int i = 0; i < val.size(); i++) {
            int best = 0;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int k = 0; k < Digits.CLASSES; k++) {
                double dist = 0;
                for (int p = 0; p < PIXELS; p++) {
                    double diff = val.images().data[i * PIXELS + p] - mean[k][p];
                    dist += diff * diff;
                }
                if (dist < bestDistance) {
                    bestDistance = dist;
                    best = k;
                }
            }
            right += best == val.labels()[i] ? 1 : 0;
        }
        double accuracy = right / (double) val.size();
        assertTrue(accuracy > 0.6 && accuracy < 0.97, "nearest-mean accuracy " + accuracy);
    }

    @Test
    void splitIsEightyTwentyDeterministicAndKeepsEveryImage() {
        Digits d = DigitsGenerator.generate(3, 10);
        Digits.Split s = d.split(0.8, 42);
        assertEquals(80, s.train().size());
        assertEquals(20, s.validation().size());
        assertArrayEquals(s.train().labels(), d.split(0.8, 42).train().labels());
        assertFalse(Arrays.equals(s.train().images().data, d.split(0.8, 43).train().images().data));
        double total = Arrays.stream(d.images().data).sum();
        double parts = Arrays.stream(s.train().images().data).sum() + Arrays.stream(s.validation().images().data).sum();
        assertEquals(total, parts, 1e-9);
    }

    @Test
    void gridPngHasOneRowPerClass(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("out/digits.png");
        DigitsImage.writeGridPng(DigitsGenerator.generate(4, 3), 5, png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(4 + 5 * (48 + 4), image.getWidth());
        assertEquals(4 + 10 * (48 + 4), image.getHeight());
        assertEquals(0xFFFFFF, image.getRGB(4 + 4 * 52 + 10, 4 + 10) & 0xFFFFFF, "missing samples leave white paper");
    }

    @Test
    void sourceGeneratesByDefault() {
        Digits d = DigitsSource.resolve(null, 5);
        assertEquals(DigitsGenerator.DEFAULT_PER_CLASS * 10, d.size());
        assertTrue(d.source().startsWith("generated digits (seed 5"), d.source());
    }
}
