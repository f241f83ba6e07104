package dl2.common.plot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlotsTest {
    private static BufferedImage read(Path png) throws Exception {
        assertTrue(Files.size(png) > 1000, png + " is too small to hold a picture");
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img != null, png + " is not a PNG");
        return img;
    }

    private static int countRgb(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void lineChartWithSeveralSeries(@TempDir Path tmp) throws Exception {
        Path png = tmp.resolve("acc.png");
        double[] epochs = {1, 2, 3, 4, 5};
        Plots.line(png, "Validation accuracy", "epochs", "accuracy", List.of(
                new Plots.Series("baseline", epochs, new double[] {0, 0, 0.01, 0.01, 0.02}),
                new Plots.Series("attention", epochs, new double[] {0, 0.5, 0.999, 1, 1})), -0.05, 1.05);
        BufferedImage img = read(png);
        assertEquals(Plots.LINE_WIDTH, img.getWidth());
        assertEquals(Plots.LINE_HEIGHT, img.getHeight());
    }

    @Test
    void lineChartOfAListIndexedFromZero(@TempDir Path tmp) throws Exception {
        Plots.Series s = Plots.Series.of("loss", List.of(3.0, 2.0, 1.5));
        assertEquals(List.of(0.0, 1.0, 2.0), List.of(s.x()[0], s.x()[1], s.x()[2]));
        Path png = tmp.resolve("loss.png");
        Plots.line(png, "Training loss", "iterations", "loss", List.of(s));
        assertEquals(Plots.LINE_WIDTH, read(png).getWidth());
    }

    @Test
    void seriesMustHaveMatchingNonEmptyData() {
        assertThrows(IllegalArgumentException.class, () -> new Plots.Series("a", new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Plots.Series.of("a", List.of()));
    }

    @Test
    void heatmapDrawsEveryCellInItsGrey(@TempDir Path tmp) throws Exception {
        double[][] half = {{0.5, 0.5, 0.5}, {0.5, 0.5, 0.5}};
        Path png = tmp.resolve("attention.png");
        Plots.heatmap(png, "Attention", half, new String[] {"1", "9"}, new String[] {"a", "b", "c"}, "input", "output");
        BufferedImage img = read(png);
        // six cells of at least 14 x 14 pixels, all grey 128 (the colour scale adds only a line or two of it)
        int grey = countRgb(img, 0x808080);
        assertTrue(grey >= 6 * 14 * 14, "grey pixels: " + grey);
        assertTrue(grey < 6 * 14 * 14 * 20, "grey pixels: " + grey);

        double[][] ones = {{1, 0, 1}, {0, 1, 0}};
        Plots.heatmap(png, "Attention", ones, new String[] {"1", "9"}, new String[] {"a", "b", "c"}, "input", "output");
        BufferedImage bw = read(png);
        assertEquals(0, countRgb(bw, 0x808080) / (14 * 14), "no whole cell may be grey");
        assertTrue(countRgb(bw, 0x000000) >= 3 * 14 * 14);
    }

    @Test
    void heatmapGrowsWithItsColumnsAndKeepsTheBooksShape(@TempDir Path tmp) throws Exception {
        double[][] map = new double[10][29];
        String[] rows = new String[10], cols = new String[29];
        for (int r = 0; r < 10; r++) {
            rows[r] = Integer.toString(r);
            map[r][(3 * r) % 29] = 1;
        }
        for (int c = 0; c < 29; c++) {
            cols[c] = Character.toString('a' + c % 26);
        }
        Path wide = tmp.resolve("wide.png"), small = tmp.resolve("small.png");
        Plots.heatmap(wide, "Attention", map, rows, cols, "input", "output");
        Plots.heatmap(small, "Attention", new double[][] {{0.2, 0.8}}, new String[] {"x"}, new String[] {"a", "b"}, "in", "out");
        BufferedImage w = read(wide), s = read(small);
        assertTrue(w.getWidth() > 2 * w.getHeight(), w.getWidth() + " x " + w.getHeight());
        assertTrue(w.getWidth() > s.getWidth());
    }

    @Test
    void heatmapChecksItsLabels(@TempDir Path tmp) {
        Path png = tmp.resolve("x.png");
        assertThrows(IllegalArgumentException.class,
                () -> Plots.heatmap(png, "t", new double[][] {{0, 1}}, new String[] {"r"}, new String[] {"a"}, "x", "y"));
        assertThrows(IllegalArgumentException.class,
                () -> Plots.heatmap(png, "t", new double[][] {{0, 1}, {1}}, new String[] {"r", "s"}, new String[] {"a", "b"}, "x", "y"));
        assertThrows(IllegalArgumentException.class,
                () -> Plots.heatmap(png, "t", new double[][] {{Double.NaN}}, new String[] {"r"}, new String[] {"a"}, "x", "y"));
        assertFalse(Files.exists(png));
    }

    @Test
    void showDoesNothingWithoutADisplay(@TempDir Path tmp) throws Exception {
        Path png = tmp.resolve("loss.png");
        Plots.line(png, "t", "x", "y", List.of(Plots.Series.of("a", List.of(1.0, 2.0))));
        assertFalse(Plots.show(png));
    }
}
