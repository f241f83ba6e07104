package dl2.ch08;

import dl2.common.Tensor;
import dl2.common.UserException;
import dl2.common.plot.Plots;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The attention heat maps of book 8.3.3 ({@code ch08/visualize_attention.py}): for one question, the
 * decoder's weights as a grid of output characters (rows, top to bottom) by input characters (columns, in
 * reading order even when the model read the question reversed), grey from black (0) to white (1).
 */
final class AttentionMaps {
    private AttentionMaps() {
    }

    /**
     * Question {@code n}'s weights from {@code weights (N, T_dec, T_enc)} as rows = output steps and
     * columns = input positions in reading order (the book's {@code attention_map[:, ::-1]} for reversed input).
     */
    static double[][] readingOrder(Tensor weights, int n, boolean reversed) {
        int Tdec = weights.dim(1), Tenc = weights.dim(2);
        double[][] map = new double[Tdec][Tenc];
        for (int t = 0; t < Tdec; t++) {
            for (int s = 0; s < Tenc; s++) {
                map[t][reversed ? Tenc - 1 - s : s] = weights.get(n, t, s);
            }
        }
        return map;
    }

    /** Draws one heat map: {@code input} labels the columns, {@code output} the rows, one character each. */
    static void draw(Path png, String title, double[][] map, String input, String output) {
        Plots.heatmap(png, title, map, labels(output), labels(input), "input (as written)", "output");
    }

    /**
     * For each output character, the input character it looked at most, with that character's position
     * (1-based, reading order) and weight, like {@code 1←7@5 0.90 9←␣@13 0.10}: the text form of the heat map.
     */
    static String strongest(double[][] map, String input, String output) {
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < map.length; t++) {
            int best = 0;
            for (int s = 1; s < map[t].length; s++) {
                if (map[t][s] > map[t][best]) {
                    best = s;
                }
            }
            sb.append(t == 0 ? "" : "  ").append(shown(output.charAt(t))).append('←').append(shown(input.charAt(best)))
                    .append(String.format(Locale.ROOT, "@%d %.2f", best + 1, map[t][best]));
        }
        return sb.toString();
    }

    /** Tiles the PNGs into one picture, {@code columns} per row, in order, on white. */
    static void overview(Path png, List<Path> parts, int columns) {
        List<BufferedImage> images = new ArrayList<>();
        int w = 0, h = 0;
        for (Path p : parts) {
            try {
                BufferedImage img = ImageIO.read(p.toFile());
                images.add(img);
                w = Math.max(w, img.getWidth());
                h = Math.max(h, img.getHeight());
            } catch (IOException e) {
                throw new UserException("cannot read " + p + " back to tile it: " + e.getMessage(), e);
            }
        }
        int cols = Math.min(columns, images.size());
        int rows = (images.size() + cols - 1) / cols;
        BufferedImage all = new BufferedImage(cols * w, rows * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, all.getWidth(), all.getHeight());
        for (int i = 0; i < images.size(); i++) {
            g.drawImage(images.get(i), i % cols * w, i / cols * h, null);
        }
        g.dispose();
        try {
            ImageIO.write(all, "png", png.toFile());
        } catch (IOException e) {
            throw new UserException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    private static String[] labels(String text) {
        String[] l = new String[text.length()];
        for (int i = 0; i < l.length; i++) {
            l[i] = String.valueOf(text.charAt(i));
        }
        return l;
    }

    private static String shown(char c) {
        return c == ' ' ? "␣" : String.valueOf(c);
    }
}
